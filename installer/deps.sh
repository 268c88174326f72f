#!/usr/bin/env bash
# SPDX-FileCopyrightText: Mặt trận số contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 packages needed to build, test, package and run Mặt trận số.
# Idempotent: when every package is already installed, apt is not touched at all.
# Run as root, or as a user with sudo.  `deps.sh --list` prints the packages and exits.
set -euo pipefail

# Why some entries are here (notes/toolchain.md §1): qt6-websockets-dev is needed by
# qt6-httpserver-dev's CMake config; libqt6opengl6-dev by qt6-charts-dev's; xauth by xvfb-run;
# file + dpkg-dev by CPack's shlibdeps; libqt6sql6-* and libsecret-1-0 are dlopen()ed at run time;
# libqt6svg6 holds the SVG image and icon plugins that render the window icon (without it: no icon).
packages=(
    g++ cmake ninja-build pkg-config dpkg-dev file ccache openssl ca-certificates libssl-dev
    qt6-base-dev qt6-qpa-plugins libqt6opengl6-dev libqt6svg6
    qt6-httpserver-dev qt6-websockets-dev qt6-networkauth-dev qt6-charts-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qtkeychain-qt6-dev libsodium-dev zlib1g-dev libsqlite3-dev sqlite3 libqt6sql6-sqlite libqt6sql6-psql libpq-dev libsecret-1-0
    xvfb xauth fonts-dejavu-core dbus dbus-daemon gnome-keyring postgresql
    clang-format procps curl
)

if [ "${1:-}" = "--list" ]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

# Packages whose dpkg status is not "install ok installed" (unknown ones included).
missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: all ${#packages[@]} packages are installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "deps: missing packages: ${missing[*]}" >&2
    echo "deps: run this script as root, or install sudo" >&2
    exit 1
fi

echo "deps: installing ${#missing[@]} package(s): ${missing[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
