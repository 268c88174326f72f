#!/bin/sh
# SPDX-FileCopyrightText: Mặt trận số contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a test program against a real, isolated keychain (notes/toolchain.md §3):
#
#   with-keyring.sh PROGRAM [ARGS...]           a private D-Bus session with a gnome-keyring-daemon
#                                               (secrets component) unlocked with a throwaway password
#   with-keyring.sh --no-bus PROGRAM [ARGS...]  no D-Bus session bus at all (DBUS_SESSION_BUS_ADDRESS
#                                               unset, no DISPLAY to autolaunch one)
#
# Either way the program gets a fresh HOME and XDG_RUNTIME_DIR (a missing HOME makes every keychain call
# hang 25 s; the user's own keyring is never touched) and no desktop variables, so QtKeychain picks
# libsecret on any machine. The keyring daemon is stopped afterwards: it can outlive the bus.
# A missing dbus-run-session or gnome-keyring-daemon is an error, not a skip.
set -eu

die() {
    printf 'with-keyring.sh: %s\n' "$*" >&2
    exit 2
}

if [ "${1:-}" = --in-session ]; then
    # Inside dbus-run-session: start the keyring, wait until it owns org.freedesktop.secrets, run.
    shift
    password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s' "$password" | gnome-keyring-daemon --foreground --unlock --components=secrets \
        >"$XDG_RUNTIME_DIR/keyring.log" 2>&1 &
    keyring=$!
    trap 'kill "$keyring" 2>/dev/null || true; wait "$keyring" 2>/dev/null || true' EXIT
    trap 'exit 143' TERM
    trap 'exit 130' INT
    i=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
        i=$((i + 1))
        if ! kill -0 "$keyring" 2>/dev/null || [ "$i" -ge 100 ]; then
            cat "$XDG_RUNTIME_DIR/keyring.log" >&2
            die "gnome-keyring-daemon did not provide org.freedesktop.secrets (its log is above)"
        fi
        sleep 0.1
    done
    rc=0
    "$@" || rc=$?
    exit "$rc"
fi

mode=keyring
if [ "${1:-}" = --no-bus ]; then
    mode=no-bus
    shift
fi
[ $# -ge 1 ] || die "usage: with-keyring.sh [--no-bus] PROGRAM [ARGS...]"
if [ "$mode" = keyring ]; then
    for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool not found (Debian packages dbus-daemon, dbus-bin, gnome-keyring)"
    done
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mts-keychain.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
mkdir -m 700 "$tmp/home" "$tmp/run"
export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK DISPLAY WAYLAND_DISPLAY \
    XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME \
    XDG_CURRENT_DESKTOP DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID KDE_FULL_SESSION KDE_SESSION_VERSION

rc=0
if [ "$mode" = keyring ]; then
    dbus-run-session -- sh "$0" --in-session "$@" || rc=$?
else
    "$@" || rc=$?
fi
exit "$rc"
