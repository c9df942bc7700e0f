#!/bin/sh
# Runs a command in a private D-Bus session with an unlocked GNOME Keyring, the Secret Service
# a desktop provides; installs both (apt-get) when missing.
#   tests/with-keyring.sh COMMAND [ARGS...]
set -eu
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq dbus-daemon gnome-keyring >/dev/null
fi
# The keyring lives in a home of its own, which the test searches for the secret afterwards.
HOME="$(mktemp -d)"
export HOME
trap 'rm -rf "$HOME"' EXIT
dbus-run-session -- sh -c '
    printf "trove-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    exec "$@"' sh "$@"
