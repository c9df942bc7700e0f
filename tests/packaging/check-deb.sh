#!/bin/sh
# Builds the .deb as a user does (`cpack -G DEB`, into a directory of its own) and checks what
# `apt-get install ./trove_*.deb` would put on a machine: the file name, every file the package
# must hold and nothing outside the places it may write, the Depends field, and that both
# programs start from the unpacked package.
#   check-deb.sh BUILD_DIR SOURCE_DIR VERSION APP_ID
set -eu
build=$1
src=$2
version=$3
app_id=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    echo "cpack -G DEB failed (it needs a complete build and dpkg-shlibdeps, from package dpkg-dev)"
    exit 1
fi
deb="$work/trove_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { echo "no $(basename "$deb"); cpack made: $(ls "$work")"; exit 1; }
dpkg-deb -c "$deb" | awk '{ sub(/^\./, "", $6); print $6 }' | grep -v '/$' >"$work/files"

fail=0
need() {
    grep -Fqx "$1" "$work/files" || { echo "missing from the package: $1"; fail=1; }
}
need /usr/bin/trove
need /usr/bin/trove-cli
need "/usr/share/applications/$app_id.desktop"
need "/usr/share/metainfo/$app_id.metainfo.xml"
need "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
for size in 16 32 48 64 128 256; do
    need "/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
need "/usr/lib/systemd/user/trove-sync@.service"
# Every translation in the source ships compiled; a source without any is not an error.
for ts in "$src"/translations/*.ts; do
    [ -e "$ts" ] && need "/usr/share/trove/translations/$(basename "$ts" .ts).qm"
done
stray=$(grep -Ev '^/usr/(bin/trove(-cli)?$|share/applications/|share/metainfo/|share/icons/hicolor/|share/trove/translations/|lib/systemd/user/)' "$work/files" || true)
[ -z "$stray" ] || { echo "files outside the places the package may write:"; echo "$stray"; fail=1; }

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6core6 libqt6gui6 libqt6widgets6 libqt6concurrent6 libqt6keychain1 libqt6svg6 libcurl4 libsqlite3-0 libssl3 libc6; do
    echo "$depends" | tr ',' '\n' | grep -Eq "^ *$lib( |$)" || { echo "Depends lacks $lib: $depends"; fail=1; }
done

dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/trove-cli" --version | grep -Fq "$version" || { echo "the packaged trove-cli does not run"; fail=1; }
QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/trove" --version | grep -Fq "$version" ||
    { echo "the packaged trove does not run"; fail=1; }
[ $fail -eq 0 ] && echo "$(basename "$deb"): $(wc -l <"$work/files") files; Depends: $depends"
exit $fail
