#!/bin/sh
# The .desktop file passes desktop-file-validate without an error, warning or hint, and names
# the icon by the app id the icon is installed under. Skipped (77) where desktop-file-validate
# is not installed.
#   check-desktop-file.sh DESKTOP_FILE APP_ID
set -eu
file=$1
app_id=$2
if ! command -v desktop-file-validate >/dev/null; then
    echo "desktop-file-validate is not installed (package desktop-file-utils; scripts/setup.sh installs it)"
    exit 77
fi
report=$(desktop-file-validate "$file" 2>&1) && [ -z "$report" ] || { echo "$report"; exit 1; }
grep -qx "Icon=$app_id" "$file" || { echo "$file: Icon= is not the app id $app_id, the name the icon is installed under"; exit 1; }
grep -qx "Exec=trove" "$file" || { echo "$file: Exec= does not start trove"; exit 1; }
echo "$file: valid"
