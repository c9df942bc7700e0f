#!/bin/sh
# Quick start: install, build, and open Trove on the embedded local store.
# With no arguments it opens the desktop app; arguments go to trove-cli (./run.sh volume list).
set -eu
cd "$(dirname "$0")"
./scripts/setup.sh
if [ "$#" -eq 0 ]; then
    exec ./build/app/desktop/trove
fi
exec ./build/app/cli/trove-cli "$@"
