#!/bin/sh
# Installs what Trove needs on Debian 12 (apt-get, only what is missing) and builds it into build/.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="cmake ninja-build g++ pkg-config qt6-base-dev libsqlite3-dev libssl-dev libcurl4-openssl-dev qtkeychain-qt6-dev"
# The desktop app's translations: lupdate and lrelease, and Qt's own (standard dialogs' buttons).
PACKAGES="$PACKAGES qt6-l10n-tools qt6-tools-dev qt6-translations-l10n"
# The desktop app (xcb needs libxcb-cursor0) and its end-to-end tests and screenshots: a
# virtual X server, the accessibility bus and its Python bindings, xdotool, ImageMagick, and
# Noto Sans CJK for the Traditional Chinese window.
PACKAGES="$PACKAGES libxcb-cursor0 fonts-dejavu-core fonts-noto-cjk xvfb xdotool dbus-x11 at-spi2-core python3-gi gir1.2-atspi-2.0 python3-pyatspi imagemagick"
# Icons: SVG rendering in the app (libqt6svg6) and PNG renders of the app icon at build time;
# the .deb (cpack, dpkg-shlibdeps) and the checks of its .desktop file and AppStream metadata.
PACKAGES="$PACKAGES libqt6svg6 librsvg2-bin dpkg-dev desktop-file-utils appstream"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --parallel
