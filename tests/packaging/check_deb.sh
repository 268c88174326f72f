#!/usr/bin/env bash
# SPDX-FileCopyrightText: Mặt trận số contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the DEB packages of a build tree and checks them:
#   - cpack -G DEB makes exactly the packages mattranso and mattranso-server;
#   - their Depends hold the dlopen()ed pieces and the shlibdeps results;
#   - the server package ships its systemd unit and its conffile;
#   - the packaged executables run from an extracted package and print the project version.
# Any failed step fails the test with a message saying which.
#
# Usage: check_deb.sh --cpack CPACK --config CPackConfig.cmake --version X.Y.Z [--gui ON|OFF] [--icon ON|OFF]
set -euo pipefail

cpack=cpack
config=
version=
gui=ON
icon=ON
while [ $# -gt 0 ]; do
    case "$1" in
        --cpack) cpack=$2; shift 2 ;;
        --config) config=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --gui) gui=$2; shift 2 ;;
        --icon) icon=$2; shift 2 ;;
        *) echo "check_deb.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
die() {
    echo "FAIL: $*" >&2
    exit 1
}
pass() { echo "ok: $*"; }

[ -n "$config" ] && [ -f "$config" ] || die "no CPack config at '$config' (configure the build tree first)"
[ -n "$version" ] || die "--version is required"
for tool in dpkg-deb dpkg-shlibdeps file; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found: run installer/deps.sh (packages dpkg-dev, file)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/mts-packaging.XXXXXX")
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# 1. Build the packages ------------------------------------------------------------------------
echo "== cpack -G DEB --config $config -B $work/out"
if ! "$cpack" -G DEB --config "$config" -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    die "cpack -G DEB failed (log above)"
fi
shopt -s nullglob
debs=("$work"/out/*.deb)
shopt -u nullglob
[ ${#debs[@]} -gt 0 ] || { cat "$work/cpack.log" >&2; die "cpack made no .deb file"; }

client_deb=
server_deb=
for deb in "${debs[@]}"; do
    name=$(dpkg-deb -f "$deb" Package)
    case "$name" in
        mattranso) client_deb=$deb ;;
        mattranso-server) server_deb=$deb ;;
        *) fail "unexpected package '$name' ($(basename "$deb")): every install() needs COMPONENT client or server" ;;
    esac
    echo "   $(basename "$deb"): $name $(dpkg-deb -f "$deb" Version) $(dpkg-deb -f "$deb" Architecture)"
done
[ -n "$client_deb" ] || die "no package named mattranso (component client)"
[ -n "$server_deb" ] || die "no package named mattranso-server (component server)"
arch=$(dpkg --print-architecture)
[ "$(basename "$client_deb")" = "mattranso_${version}_${arch}.deb" ] \
    || fail "client file name $(basename "$client_deb"), expected mattranso_${version}_${arch}.deb (DEB-DEFAULT)"
[ "$(basename "$server_deb")" = "mattranso-server_${version}_${arch}.deb" ] \
    || fail "server file name $(basename "$server_deb"), expected mattranso-server_${version}_${arch}.deb"
pass "cpack made mattranso and mattranso-server"

# 2. Control data -------------------------------------------------------------------------------
# Prints the package names of a Depends-style field, one per line, without versions.
field_names() {
    dpkg-deb -f "$1" "$2" | tr ',|' '\n\n' | sed -e 's/(.*)//' -e 's/^ *//' -e 's/ *$//' | sed '/^$/d'
}
expect_dep() { # deb field package
    if field_names "$1" "$2" | grep -qx "$3"; then
        pass "$(dpkg-deb -f "$1" Package) $2 has $3"
    else
        fail "$(dpkg-deb -f "$1" Package) $2 lacks $3: $(dpkg-deb -f "$1" "$2")"
    fi
}
echo "== dpkg-deb -I"
dpkg-deb -I "$client_deb"
dpkg-deb -I "$server_deb"
expect_dep "$client_deb" Depends libqt6sql6-sqlite
expect_dep "$client_deb" Depends libsecret-1-0
expect_dep "$client_deb" Recommends gnome-keyring
expect_dep "$server_deb" Depends libqt6sql6-sqlite
expect_dep "$server_deb" Depends libqt6sql6-psql
# dpkg-shlibdeps ran and found the libraries the executables link.
expect_dep "$client_deb" Depends libqt6core6
expect_dep "$client_deb" Depends libqt6network6
expect_dep "$server_deb" Depends libqt6core6
expect_dep "$server_deb" Depends libc6
for deb in "$client_deb" "$server_deb"; do
    for f in Maintainer Homepage Section Description; do
        [ -n "$(dpkg-deb -f "$deb" "$f")" ] || fail "$(dpkg-deb -f "$deb" Package): empty $f field"
    done
done
[ "$(dpkg-deb -f "$client_deb" Version)" = "$version" ] || fail "client Version is not $version"

# Conffiles: the list must be exactly the config, and every entry must be in the package.
conffiles=$(dpkg-deb -I "$server_deb" conffiles 2>/dev/null) || fail "server package has no conffiles"
echo "   conffiles: $conffiles"
echo "$conffiles" | grep -qx '/etc/mattranso/server.conf' || fail "conffiles does not list /etc/mattranso/server.conf"
for script in postinst prerm postrm; do
    dpkg-deb -I "$server_deb" "$script" >/dev/null 2>&1 || fail "server package has no $script"
done

# 3. Contents ---------------------------------------------------------------------------------------
echo "== dpkg-deb -c"
dpkg-deb -c "$client_deb" | tee "$work/client.list"
dpkg-deb -c "$server_deb" | tee "$work/server.list"
expect_file() { # list path
    if awk '{print $6}' "$1" | grep -qx "$2"; then
        pass "$(basename "$1" .list) package has $2"
    else
        fail "$(basename "$1" .list) package lacks $2"
    fi
}
expect_file "$work/server.list" ./usr/bin/mattranso-server
expect_file "$work/server.list" ./usr/lib/systemd/system/mattranso-server.service
expect_file "$work/server.list" ./etc/mattranso/server.conf
for conffile in $conffiles; do
    expect_file "$work/server.list" ".$conffile"
done
expect_file "$work/client.list" ./usr/bin/mattranso-cli
if [ "$gui" = ON ]; then
    expect_file "$work/client.list" ./usr/bin/mattranso
    expect_file "$work/client.list" ./usr/share/applications/vn.mattranso.Mattranso.desktop
    if [ "$icon" = ON ]; then
        expect_file "$work/client.list" ./usr/share/icons/hicolor/scalable/apps/mattranso.svg
    fi
fi
if awk '{print $6}' "$work/client.list" | grep -q '^\./usr/bin/mattranso-server$'; then
    fail "the client package contains the server executable"
fi

# 4. Extract and run ----------------------------------------------------------------------------------
dpkg-deb -x "$client_deb" "$work/client"
dpkg-deb -x "$server_deb" "$work/server"
run_version() { # exe
    local out
    if ! out=$(cd "$work" && timeout 60 "$1" --version </dev/null 2>&1); then
        fail "$1 --version failed: $out"
        return
    fi
    if printf '%s\n' "$out" | grep -qF "$version"; then
        pass "$(basename "$1") --version: $(printf '%s' "$out" | head -n 1)"
    else
        fail "$(basename "$1") --version printed no $version: $out"
    fi
}
if [ "$gui" = ON ]; then run_version "$work/client/usr/bin/mattranso"; fi
run_version "$work/client/usr/bin/mattranso-cli"
run_version "$work/server/usr/bin/mattranso-server"

unit="$work/server/usr/lib/systemd/system/mattranso-server.service"
grep -qx 'ExecStart=/usr/bin/mattranso-server serve --config /etc/mattranso/server.conf' "$unit" \
    || fail "unit ExecStart is not the packaged server with /etc/mattranso/server.conf"
if [ "$gui" = ON ] && command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$work/client/usr/share/applications/vn.mattranso.Mattranso.desktop" \
        || fail "desktop-file-validate rejects the desktop file"
fi

# 5. The packaged server accepts the packaged config -------------------------------------------------
# Flags beat the file (README "Server configuration"), so only data and listen are redirected; every
# other line of server.conf is parsed for real (the server refuses unknown keys).
for var in $(compgen -e | grep '^MTS_SERVER_' || true); do unset "$var"; done
"$work/server/usr/bin/mattranso-server" serve --config "$work/server/etc/mattranso/server.conf" \
    --data "$work/server-data" --listen 127.0.0.1:0 </dev/null >"$work/server.out" 2>&1 &
server_pid=$!
url=
for _ in $(seq 300); do
    url=$(sed -n 's/.*listening on \(https:\/\/[^ ]*\).*/\1/p' "$work/server.out" | head -n 1)
    [ -z "$url" ] || break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$url" ]; then
    fail "the packaged server did not start with the packaged server.conf: $(cat "$work/server.out")"
else
    pass "the packaged server starts with the packaged server.conf ($url)"
    if command -v curl >/dev/null 2>&1; then
        curl -fsS -k --max-time 10 -o /dev/null "$url/healthz" \
            && pass "GET $url/healthz" || fail "GET $url/healthz failed"
    fi
    kill -TERM "$server_pid"
    for _ in $(seq 200); do
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$server_pid" 2>/dev/null && fail "the server still runs 20 s after SIGTERM" && kill -KILL "$server_pid"
    server_rc=0
    wait "$server_pid" || server_rc=$?
    [ "$server_rc" -eq 0 ] && pass "SIGTERM stops the server cleanly" \
        || fail "the server exited with status $server_rc after SIGTERM: $(cat "$work/server.out")"
fi
server_pid=

if [ "$failures" -gt 0 ]; then
    echo "packaging_deb: $failures check(s) failed" >&2
    exit 1
fi
echo "packaging_deb: all checks passed"
