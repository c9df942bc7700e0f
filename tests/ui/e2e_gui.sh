#!/bin/bash
# End to end: the real trove under Xvfb, driven through the accessibility bus as a user
# would: pick a volume, expand a folder, drop files, Commit, Reload, see another process's
# commit as "1 version behind", open History.
# Usage: e2e_gui.sh TROVE TROVE_CLI. Exit 77 (skipped) when the GUI driver or Xvfb is missing.
set -euo pipefail
TROVE=$1
CLI=$2
REPO=$(cd "$(dirname "$0")/../.." && pwd)
DRIVER=$REPO/../shared/gui-driver
if [ ! -f "$DRIVER/session.sh" ] || ! command -v Xvfb >/dev/null || ! /usr/bin/python3 -c 'import gi' 2>/dev/null; then
    echo "skipped: needs $DRIVER, Xvfb and python3-gi (scripts/setup.sh installs them)"
    exit 77
fi
A=$DRIVER/atspi.py
WORK=$(mktemp -d)
export TROVE_STORE=$WORK/store XDG_DATA_HOME=$WORK/data XDG_CACHE_HOME=$WORK/cache XDG_CONFIG_HOME=$WORK/config
export QT_SCALE_FACTOR=1 GUI_SCREEN=1280x900x24
APP_PID=
PASSED=
finish() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
    if [ -z "$PASSED" ]; then
        echo "--- app output"; cat "$WORK/app.log" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap finish EXIT # session.sh chains its own teardown onto this
step() { echo "== $*"; }
# Whole output first: grep -q stopping early would break the driver's pipe.
has() { local out; out=$("${@:2}"); grep -q -- "$1" <<<"$out"; }

mkdir -p "$WORK/seed/data" "$WORK/drop"
echo alpha > "$WORK/seed/data/a.txt"
echo one > "$WORK/drop/one.txt"
echo two > "$WORK/drop/two.txt"
"$CLI" volume create demo >/dev/null
"$CLI" volume put demo "$WORK/seed/data" data >/dev/null

# shellcheck source=/dev/null
source "$DRIVER/session.sh"
"$TROVE" > "$WORK/app.log" 2>&1 &
APP_PID=$!

step "the volume list shows demo; pick it"
"$A" find trove list Volumes --timeout 20 >/dev/null
"$A" click trove "list item" demo >/dev/null
"$A" find trove label "Volume: demo" >/dev/null

step "expand a folder"
"$A" expand trove tree Files data >/dev/null
has "a.txt" "$A" rows trove tree Files

step "drop two files on the tree"
"$DRIVER/drop.sh" trove tree Files "$WORK/drop/one.txt" "$WORK/drop/two.txt"
"$A" find trove label "2 pending changes" >/dev/null

step "Commit"
"$A" click trove "push button" Commit >/dev/null
"$A" click trove "push button" Commit --window Commit >/dev/null
"$A" find trove label "No pending changes" --timeout 30 >/dev/null
has "one.txt" "$CLI" volume ls demo
"$A" find trove label "Version 3" >/dev/null

step "Reload"
"$A" click trove "push button" Reload >/dev/null
"$A" wait-text trove "status bar" '.*' '^Reloaded' --re >/dev/null

step "another process commits; the window says so"
echo elsewhere > "$WORK/other.txt"
"$CLI" volume put demo "$WORK/other.txt" other.txt >/dev/null
"$A" find trove label "1 version behind" --timeout 12 >/dev/null
"$A" click trove "push button" Reload >/dev/null
"$A" find trove label "Up to date" >/dev/null
has "other.txt" "$A" rows trove tree Files

step "History"
"$A" click trove "push button" History >/dev/null
"$A" find trove dialog "History of demo" >/dev/null
has "^4" "$A" rows trove table Versions
set +e # the teardown in the EXIT traps must not turn a pass into a failure
PASSED=1
echo "PASS"
