#!/bin/sh
# The AppStream metainfo passes `appstreamcli validate --no-net --strict` (no error, warning or
# info), lists a release for the version being built, and shows only screenshots that are in
# docs/screenshots/ (its image URLs point there). Skipped (77) where appstreamcli is not installed.
#   check-metainfo.sh METAINFO SCREENSHOT_DIR VERSION
set -eu
file=$1
shots=$2
version=$3
if ! command -v appstreamcli >/dev/null; then
    echo "appstreamcli is not installed (package appstream; scripts/setup.sh installs it)"
    exit 77
fi
appstreamcli validate --no-net --strict "$file"
grep -q "<release version=\"$version\"" "$file" ||
    { echo "$file: no <release version=\"$version\">: add the release being built"; exit 1; }
images=$(sed -n 's|.*<image>\(.*\)</image>.*|\1|p' "$file")
[ -n "$images" ] || { echo "$file: no screenshots"; exit 1; }
fail=0
for url in $images; do
    [ -f "$shots/$(basename "$url")" ] ||
        { echo "$file: screenshot $url is not in $shots (scripts/screenshots.sh makes them)"; fail=1; }
done
exit $fail
