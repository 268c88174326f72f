#!/usr/bin/env bash
# SPDX-FileCopyrightText: Mặt trận số contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The two quick-start commands of the README, for a Debian 12 machine (root, or a user with sudo):
#
#   installer/quickstart.sh demo   install the packages, build (preset release), start mattranso-server
#                                  with demo data on https://127.0.0.1:8443 and open the desktop client
#                                  on it; the server stops when the client is closed.
#   installer/quickstart.sh test   install the packages, check formatting, build (preset ci), start what
#                                  the tests need (D-Bus session + unlocked gnome-keyring, a throwaway
#                                  PostgreSQL) and run ctest. Exits with ctest's status (1 if only the
#                                  formatting check failed). .ci/run calls this.
#
# Knobs (environment):
#   MTS_SKIP_DEPS=1             do not run installer/deps.sh
#   MTS_DEMO_PORT=8443          port of the demo server
#   MTS_DEMO_TIMEOUT=60         seconds to wait for the demo server's /healthz
#   MTS_DEMO_CLIENT_SECONDS=N   close the demo client after N seconds (a smoke test of the demo)
#   MTS_CTEST_ARGS="-R sync"    extra ctest arguments for `test`
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$root"

say() { printf '==> %s\n' "$*"; }
warn() { printf 'quickstart: warning: %s\n' "$*" >&2; }
die() {
    printf 'quickstart: error: %s\n' "$*" >&2
    exit 1
}
usage() {
    sed -n '5,20p' "$self" | sed 's/^# \{0,1\}//'
    exit 2
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# ---- Phase timing --------------------------------------------------------------------------------
# Microseconds since the epoch (bash 5: EPOCHREALTIME; the decimal separator follows the locale).
now_us() { local t=${EPOCHREALTIME//[.,]/}; printf '%s' "$t"; }
phase_names=()
phase_times=()
phase_current=
phase_start=0
script_start=$(now_us)
fmt_secs() { printf '%d.%01d' $(($1 / 1000000)) $((($1 % 1000000) / 100000)); }
phase_done() {
    [ -n "$phase_current" ] || return 0
    local spent=$(($(now_us) - phase_start))
    phase_names+=("$phase_current")
    phase_times+=("$spent")
    say "$phase_current: $(fmt_secs "$spent") s"
    phase_current=
}
phase() {
    phase_done
    phase_current=$1
    phase_start=$(now_us)
    say "$1 ..."
}
phase_summary() {
    phase_done
    [ ${#phase_names[@]} -gt 0 ] || return 0
    echo "---- elapsed time per phase ----"
    local i
    for i in "${!phase_names[@]}"; do
        printf '  %-12s %8s s\n' "${phase_names[$i]}" "$(fmt_secs "${phase_times[$i]}")"
    done
    printf '  %-12s %8s s\n' total "$(fmt_secs $(($(now_us) - script_start)))"
}

# ---- Cleanup: everything this script starts is stopped on exit (also on Ctrl+C) ---------------------
server_pid=
pg_bindir=
pg_dir=
as_postgres=()
test_root=
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        say "stopping mattranso-server (pid $server_pid)"
        kill -TERM "$server_pid" 2>/dev/null || true
        local i
        for i in $(seq 100); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$server_pid" 2>/dev/null; then
            warn "mattranso-server did not stop within 10 s of SIGTERM; killing it"
            kill -KILL "$server_pid" 2>/dev/null || true
        fi
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ -n "$pg_dir" ]; then
        if [ -f "$pg_dir/data/postmaster.pid" ]; then
            (cd "$pg_dir" && "${as_postgres[@]}" "$pg_bindir/pg_ctl" -D "$pg_dir/data" -m immediate -w -t 30 stop) \
                >/dev/null 2>&1 || warn "could not stop the test PostgreSQL in $pg_dir"
        fi
        rm -rf "$pg_dir"
    fi
    if [ -n "$test_root" ]; then
        # A gnome-keyring-daemon that D-Bus activated during the tests can outlive the bus
        # (notes/toolchain.md §3): stop those of this run, recognised by their runtime folder.
        local pid
        for pid in $(pgrep -x gnome-keyring-d 2>/dev/null || true); do
            if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "XDG_RUNTIME_DIR=$test_root/run"; then
                kill "$pid" 2>/dev/null || true
            fi
        done
        rm -rf "$test_root"
    fi
    phase_summary
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- Shared steps -----------------------------------------------------------------------------------
run_deps() {
    if [ "${MTS_SKIP_DEPS:-0}" = 1 ]; then
        say "MTS_SKIP_DEPS=1: not checking packages"
        return
    fi
    bash "$root/installer/deps.sh"
}

configure_and_build() { # preset [targets...]
    local preset=$1
    shift
    phase configure
    cmake --preset "$preset"
    phase build
    if [ $# -gt 0 ]; then
        cmake --build --preset "$preset" --target "$@"
    else
        cmake --build --preset "$preset"
    fi
}

# Path of an executable the build made (the layout below build/<preset> is the targets' business).
find_exe() { # build_dir name
    local found
    found=$(find "$1" \( -name CMakeFiles -o -name _CPack_Packages \) -prune -o \
        -type f -name "$2" -perm -u+x -print -quit)
    [ -n "$found" ] || die "$2 was not found under $1 after the build"
    printf '%s\n' "$found"
}

# ---- demo -----------------------------------------------------------------------------------------
demo_port=${MTS_DEMO_PORT:-8443}
demo_url="https://127.0.0.1:$demo_port"
demo_data="$root/demo-data"
demo_cert="$demo_data/tls/server.crt"

healthy() { curl -fsS -k --max-time 3 -o /dev/null "$demo_url/healthz" 2>/dev/null; }

fingerprint_of_file() { openssl x509 -in "$1" -noout -fingerprint -sha256 2>/dev/null | sed 's/^[^=]*=//'; }
fingerprint_served() {
    openssl s_client -connect "127.0.0.1:$demo_port" </dev/null 2>/dev/null \
        | openssl x509 -noout -fingerprint -sha256 2>/dev/null | sed 's/^[^=]*=//'
}

demo() {
    phase deps
    run_deps
    configure_and_build release mattranso mattranso-cli mattranso-server

    phase server
    local build_dir="$root/build/release"
    local server client cli log
    server=$(find_exe "$build_dir" mattranso-server)
    client=$(find_exe "$build_dir" mattranso)
    cli=$(find_exe "$build_dir" mattranso-cli)
    log="$build_dir/demo-server.log"

    if healthy; then
        # Reuse a running demo server, but only ours: it must serve the certificate in demo-data.
        if [ -f "$demo_cert" ] && [ "$(fingerprint_served)" = "$(fingerprint_of_file "$demo_cert")" ]; then
            say "a demo server already answers on $demo_url: reusing it (it keeps running afterwards)"
        else
            die "port $demo_port is taken by a server that does not use $demo_cert; stop it or set MTS_DEMO_PORT"
        fi
    else
        say "starting: mattranso-server serve --data ./demo-data --listen 127.0.0.1:$demo_port --demo"
        say "server log: $log"
        "$server" serve --data "$demo_data" --listen "127.0.0.1:$demo_port" --demo >"$log" 2>&1 &
        server_pid=$!
        local deadline=$((SECONDS + ${MTS_DEMO_TIMEOUT:-60}))
        until healthy; do
            if ! kill -0 "$server_pid" 2>/dev/null; then
                local rc=0
                wait "$server_pid" || rc=$?
                server_pid=
                echo "---- $log ----" >&2
                cat "$log" >&2
                die "mattranso-server exited (status $rc) before $demo_url/healthz answered; its log is above"
            fi
            if [ $SECONDS -ge $deadline ]; then
                echo "---- $log ----" >&2
                cat "$log" >&2
                die "$demo_url/healthz did not answer within ${MTS_DEMO_TIMEOUT:-60} s; the server log is above"
            fi
            sleep 0.2
        done
        say "mattranso-server is up on $demo_url (pid $server_pid)"
    fi
    [ -f "$demo_cert" ] || die "the server answers but $demo_cert does not exist"
    say "certificate: $demo_cert"
    say "certificate sha256: $(fingerprint_of_file "$demo_cert")"
    say "demo accounts (password matranso-demo): canbo.hoankiem (commune cadre, C:00070),"
    say "  chutich.hoankiem (commune chair), tinh.hanoi (provincial staff, P:01), trunguong (central admin)"
    say "  - click 'Đăng nhập' in the client; the sign-in page opens in the system browser"

    # The headless client proves the connection even where no window can be shown.
    if ! "$cli" status --server "$demo_url" --ca "$demo_cert"; then
        warn "mattranso-cli status failed (the desktop client starts anyway)"
    fi

    phase client
    local cmd=("$client" --server "$demo_url" --trust-certificate "$demo_cert")
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
        say "starting the desktop client; close its window to stop the demo"
    else
        # No screen: run the client on a virtual X display so the whole demo still runs (and shows
        # its errors here), and say how to get a visible window.
        say "no DISPLAY or WAYLAND_DISPLAY: the client runs on a virtual X display (xvfb-run), not visible."
        say "to see its window, run this command from a desktop session, or over 'ssh -X' (X11 forwarding)."
        say "press Ctrl+C to stop the demo"
        cmd=(xvfb-run -a -s "-screen 0 1280x800x24" "${cmd[@]}")
    fi
    if [ -n "${MTS_DEMO_CLIENT_SECONDS:-}" ]; then
        cmd=(timeout "$MTS_DEMO_CLIENT_SECONDS" "${cmd[@]}")
    fi
    local rc=0
    "${cmd[@]}" || rc=$?
    if [ -n "${MTS_DEMO_CLIENT_SECONDS:-}" ] && [ $rc -eq 124 ]; then
        say "closed the client after ${MTS_DEMO_CLIENT_SECONDS} s (MTS_DEMO_CLIENT_SECONDS)"
        rc=0
    fi
    [ $rc -eq 0 ] || warn "the desktop client exited with status $rc"
    return $rc
}

# ---- test -----------------------------------------------------------------------------------------
format_check() {
    command -v clang-format >/dev/null 2>&1 || die "clang-format not found (installer/deps.sh installs it)"
    local files=() f existing=()
    # Tracked files plus new ones not yet added (ignored ones, e.g. build/, excluded): the check
    # should flag a file before it is committed. Outside a git checkout: the source folders.
    if ! mapfile -t files < <(git -C "$root" ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' 2>/dev/null) \
        || [ ${#files[@]} -eq 0 ]; then
        mapfile -t files < <(find client server shared tests \( -name '*.cpp' -o -name '*.h' \) -type f 2>/dev/null | sort)
    fi
    for f in "${files[@]}"; do
        [ -f "$f" ] && existing+=("$f")
    done
    if [ ${#existing[@]} -eq 0 ]; then
        say "format: no C++ files to check"
        return 0
    fi
    local out
    out=$(mktemp)
    if clang-format --dry-run -Werror "${existing[@]}" >"$out" 2>&1; then
        say "format: ${#existing[@]} files follow .clang-format"
        rm -f "$out"
        return 0
    fi
    head -n 60 "$out" >&2
    echo "format: files that clang-format would change (fix with: clang-format -i FILE):" >&2
    grep -oE '^[^:]+\.(cpp|h):[0-9]+' "$out" | cut -d: -f1 | sort -u | sed 's/^/  /' >&2 || true
    rm -f "$out"
    return 1
}

free_port() {
    local port i
    for i in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        # A refused connection means nobody listens there.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    return 1
}

# A throwaway PostgreSQL (notes/toolchain.md §6): initdb as the postgres user under /tmp (every parent
# must be traversable by it), loopback only, a random free port and password, fsync off.
start_postgres() {
    pg_bindir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    [ -n "$pg_bindir" ] && [ -x "$pg_bindir/initdb" ] \
        || die "no PostgreSQL server under /usr/lib/postgresql/*/bin (package postgresql)"
    pg_dir=$(mktemp -d /tmp/mts-pg.XXXXXX)
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "user postgres does not exist (package postgresql)"
        chown postgres:postgres "$pg_dir"
        as_postgres=(runuser -u postgres --)
    fi
    # The postgres user may not be able to enter the checkout (e.g. under /root): work from pg_dir.
    cd "$pg_dir"
    local pw
    pw=$(random_hex 16)
    (umask 077 && printf '%s\n' "$pw" >"$pg_dir/pwfile")
    [ "$(id -u)" -ne 0 ] || chown postgres "$pg_dir/pwfile"
    if ! "${as_postgres[@]}" "$pg_bindir/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1; then
        cat "$pg_dir/initdb.log" >&2
        die "initdb failed (output above)"
    fi
    rm -f "$pg_dir/pwfile"
    "${as_postgres[@]}" mkdir -p "$pg_dir/sock"
    local port attempt
    for attempt in 1 2 3 4 5; do
        port=$(free_port) || die "found no free TCP port for PostgreSQL"
        if "${as_postgres[@]}" "$pg_bindir/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
            -o "-p $port -c listen_addresses=127.0.0.1 -k $pg_dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null; then
            export MTS_TEST_PG_URL="postgresql://postgres:$pw@127.0.0.1:$port/postgres"
            say "PostgreSQL $("$pg_bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($pg_dir)"
            cd "$root"
            return 0
        fi
        warn "PostgreSQL did not start on port $port (attempt $attempt): $(tail -n 3 "$pg_dir/server.log" 2>/dev/null)"
    done
    cat "$pg_dir/server.log" >&2 || true
    die "could not start the test PostgreSQL"
}

run_tests() {
    phase deps
    run_deps

    phase format
    local format_rc=0
    format_check || format_rc=1

    configure_and_build ci

    phase services
    # A fresh HOME and runtime folder: gnome-keyring hangs 25 s per call when HOME does not exist, and
    # must not touch (or fail on) the keyring of the user running the tests.
    test_root=$(mktemp -d /tmp/mts-test.XXXXXX)
    mkdir -m 700 "$test_root/home" "$test_root/run"
    export HOME="$test_root/home" XDG_RUNTIME_DIR="$test_root/run"
    unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME DBUS_SESSION_BUS_ADDRESS \
        GNOME_KEYRING_CONTROL DISPLAY WAYLAND_DISPLAY
    export QT_QPA_PLATFORM=offscreen
    start_postgres

    phase tests
    local ctest_rc=0
    dbus-run-session -- bash "$self" __tests-in-session || ctest_rc=$?

    if [ $ctest_rc -ne 0 ]; then
        say "ctest failed (status $ctest_rc)"
    fi
    if [ $format_rc -ne 0 ]; then
        say "the formatting check failed (see 'format' above)"
        [ $ctest_rc -ne 0 ] || ctest_rc=1
    fi
    return $ctest_rc
}

# Runs inside dbus-run-session: start an unlocked gnome-keyring (secrets only) with a throwaway
# password, run ctest so the tests see both, and stop the keyring daemon again.
tests_in_session() {
    trap - EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    local keyring_pid i
    printf '%s' "$(random_hex 12)" \
        | gnome-keyring-daemon --foreground --unlock --components=secrets >"$XDG_RUNTIME_DIR/keyring.log" 2>&1 &
    keyring_pid=$!
    # shellcheck disable=SC2064 # expand the pid now
    trap "kill $keyring_pid 2>/dev/null || true; wait $keyring_pid 2>/dev/null || true" EXIT
    for i in $(seq 100); do
        if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
            break
        fi
        if ! kill -0 "$keyring_pid" 2>/dev/null || [ "$i" -eq 100 ]; then
            cat "$XDG_RUNTIME_DIR/keyring.log" >&2
            die "gnome-keyring-daemon did not provide org.freedesktop.secrets (log above)"
        fi
        sleep 0.1
    done
    say "gnome-keyring (pid $keyring_pid) unlocked on the session bus"
    local extra=()
    # shellcheck disable=SC2206 # word splitting intended
    [ -z "${MTS_CTEST_ARGS:-}" ] || extra=(${MTS_CTEST_ARGS})
    local rc=0
    ctest --test-dir "$root/build/ci" --output-on-failure -j2 --no-tests=error "${extra[@]}" || rc=$?
    return $rc
}

case "${1:-}" in
    demo) demo ;;
    test) run_tests ;;
    __tests-in-session) tests_in_session ;;
    -h | --help | help) usage ;;
    *) usage ;;
esac
