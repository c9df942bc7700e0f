#!/bin/sh
# Quick start: install, build, and open Trove on the embedded local store.
# Arguments go to trove-cli (default: list the volumes).
set -eu
cd "$(dirname "$0")"
./scripts/setup.sh
if [ "$#" -eq 0 ]; then
    set -- volume list
fi
exec ./build/app/cli/trove-cli "$@"
