#!/bin/bash
# The desktop app's figures (bench/README.md): a local-store volume of 500,000 files, its root
# and a 32,768-entry folder shown in the real RemoteTreeModel and QTreeView, peak memory, and
# the GUI thread's largest stall during a 1 GiB upload. Prints one line per figure.
# Usage: bench/gui.sh [WORK_DIR]   (default bench/work-gui; needs ~3 GiB free, growing 1 GiB a run; kept between
# runs so the 500,000-file volume is made once; remove it when done)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(readlink -f "${1:-bench/work-gui}")
BENCH=build/bench/trove-gui-bench
[ -x "$BENCH" ] || cmake --build build --parallel 2 --target trove-gui-bench
mkdir -p "$WORK"
# A new random file every run, so the upload cannot reuse chunks stored by the last one.
head -c $((1024*1024*1024)) /dev/urandom > "$WORK/big.bin"
export XDG_CACHE_HOME="$WORK/cache" XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
QT_QPA_PLATFORM=offscreen "$BENCH" "$WORK/store" "$WORK"
rm -rf "$WORK/tree" "$WORK/big.bin"
