#!/bin/sh
# Installs, builds and runs the whole test suite.
set -eu
cd "$(dirname "$0")"
./scripts/setup.sh
cd build
ctest --output-on-failure --timeout 900 "$@"
