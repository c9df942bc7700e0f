#!/bin/bash
# End to end: the real trove under Xvfb, driven through the accessibility bus as a user
# would: pick a volume, expand a folder, drop files, Commit, Reload, see another process's
# commit as "1 version behind", open History; watch a folder: Add Folder…, a change becomes a
# version by itself, Pause holds the next back, Resume commits it, Quit commits the last one.
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
"$A" key trove dialog "History of demo" Escape >/dev/null # closed: Ctrl+Q below is the main window's

step "Watched Folders: add a folder bound to a new volume"
mkdir -p "$WORK/watched"
echo first > "$WORK/watched/first.txt"
"$A" click trove "push button" "Watched Folders" >/dev/null
"$A" find trove label "No watched folders. Add a folder to keep it in sync with a volume." >/dev/null
"$A" click trove "push button" "Add Folder…" --showing >/dev/null
"$A" settext trove text Folder "$WORK/watched" --window "Add Watched Folder" >/dev/null
"$A" settext trove text Volume synced --window "Add Watched Folder" >/dev/null
"$A" click trove "push button" OK --window "Add Watched Folder" >/dev/null
"$A" find trove "table cell|tree item" '^up to date at v[0-9]+$' --re --timeout 30 >/dev/null
has "first.txt" "$CLI" volume ls synced

step "a file written in the folder becomes a version"
echo second > "$WORK/watched/second.txt"
"$A" find trove "table cell|tree item" '^committed v[0-9]+$' --re --timeout 30 >/dev/null
has "second.txt" "$CLI" volume ls synced

step "Pause"
"$A" click trove "push button" Pause --index 1 >/dev/null # the first is the Transfers panel's, behind its tab
"$A" find trove "table cell|tree item" paused >/dev/null
echo third > "$WORK/watched/third.txt"
sleep 5 # longer than the debounce and settle time of a running folder
if has "third.txt" "$CLI" volume ls synced; then echo "FAIL: a paused folder committed third.txt"; exit 1; fi

step "Resume, write a file and quit at once: it is committed before the app exits"
"$A" click trove "push button" Resume --index 1 >/dev/null
"$A" find trove "table cell|tree item" '^committed v[0-9]+$' --re --timeout 30 >/dev/null
has "third.txt" "$CLI" volume ls synced
echo fourth > "$WORK/watched/fourth.txt"
"$A" key trove tree Files ctrl+q >/dev/null
for _ in $(seq 150); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$APP_PID" 2>/dev/null; then echo "FAIL: the app did not exit within 30 s of Quit"; exit 1; fi
APP_PID=
has "fourth.txt" "$CLI" volume ls synced
set +e # the teardown in the EXIT traps must not turn a pass into a failure
PASSED=1
echo "PASS"
