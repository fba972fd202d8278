#!/usr/bin/env bash
# Descriptor exhaustion check: the server runs under `ulimit -n 64` (with --demo) and a client
# opens and holds 200 connections, more than it can accept. Passes when, while exhausted, the
# server stays alive, does not spin (under 0.3 s of CPU in 3 s, from /proc/PID/stat) and logs
# the accept pause exactly once; and when, after the client lets go, a normal request succeeds
# again. Loopback only, about 20 s.
#
# Usage: scripts/fd-exhaustion.sh
# Env:   COUNCIL_API_BIN (skip the release build), COUNCIL_BUILD_LOCK (default
#        /tmp/council-build.lock; empty to build without it), FD_LIMIT (64), HOLD_CONNECTIONS (200)
set -euo pipefail
cd "$(dirname "$0")/.."

fd_limit=${FD_LIMIT:-64}
hold=${HOLD_CONNECTIONS:-200}
lock=${COUNCIL_BUILD_LOCK-/tmp/council-build.lock}
locked() { if [ -n "$lock" ] && command -v flock >/dev/null; then flock -o "$lock" "$@"; else "$@"; fi; }

if [ -z "${COUNCIL_API_BIN:-}" ]; then
    locked swift build -c release --product council-api >&2
    COUNCIL_API_BIN="$(locked swift build -c release --show-bin-path)/council-api"
fi

work=$(mktemp -d)
server_pid=
holder_pid=
cleanup() {
    [ -n "$holder_pid" ] && kill "$holder_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "fd-exhaustion: FAIL: $*" >&2
    echo "--- server log (last 20 lines)" >&2
    tail -n 20 "$work/server.log" >&2 || true
    exit 1
}

# Only the server gets the low limit; the demo database goes in the work folder. The header
# timeout is long so that no held connection is dropped (freeing a descriptor) during the check.
(
    ulimit -n "$fd_limit"
    TMPDIR=$work exec "$COUNCIL_API_BIN" serve --port 0 --demo --header-timeout 60
) >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
    grep -qs 'listening on http://' "$work/server.out" && break
    sleep 0.1
done
url=$(grep -o 'listening on http://[^" ]*' "$work/server.out" | head -n 1 | sed 's/^listening on //')
[ -n "$url" ] || fail "the server did not start under ulimit -n $fd_limit"
for _ in $(seq 1 100); do
    curl -sf "$url/readyz" >/dev/null && break
    sleep 0.1
done
curl -sf "$url/healthz" >/dev/null || fail "the server does not answer before the test"
echo "fd-exhaustion: server pid $server_pid on $url with ulimit -n $fd_limit, $(ls "/proc/$server_pid/fd" | wc -l) descriptors open"

# Opens and holds the connections until stdin closes (or 60 s), then closes them all.
cat >"$work/hold.py" <<'PY'
import socket, sys, time
port, count = int(sys.argv[1]), int(sys.argv[2])
held = []
for _ in range(count):
    sock = socket.socket()
    sock.settimeout(5)
    sock.connect(("127.0.0.1", port))
    held.append(sock)
print(f"holding {len(held)} connections", flush=True)
sys.stdin.read()
for sock in held:
    sock.close()
PY
mkfifo "$work/release"
python3 "$work/hold.py" "${url##*:}" "$hold" <"$work/release" >"$work/hold.out" 2>&1 &
holder_pid=$!
exec 3>"$work/release" # keeps the holder holding until fd 3 closes
for _ in $(seq 1 50); do
    grep -q '^holding' "$work/hold.out" && break
    kill -0 "$holder_pid" 2>/dev/null || fail "the client could not open its connections: $(cat "$work/hold.out")"
    sleep 0.1
done
grep -q '^holding' "$work/hold.out" || fail "the client could not open $hold connections"
sleep 1 # let the accept loop run into the limit

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
open_fds=$(ls "/proc/$server_pid/fd" | wc -l)
before=$(cpu_ticks "$server_pid")
sleep 3
after=$(cpu_ticks "$server_pid")
ticks_per_second=$(getconf CLK_TCK)
cpu_ms=$(((after - before) * 1000 / ticks_per_second))
kill -0 "$server_pid" 2>/dev/null || fail "the server died while out of descriptors"
pauses=$(grep -c 'accept paused' "$work/server.log" || true)
echo "fd-exhaustion: holding $hold connections; server has $open_fds descriptors open (limit $fd_limit), used ${cpu_ms} ms CPU in 3 s, logged the accept pause $pauses time(s)"
[ "$open_fds" -ge $((fd_limit - 2)) ] || fail "the server was not out of descriptors ($open_fds of $fd_limit open)"
[ "$cpu_ms" -lt 300 ] || fail "the server spins while out of descriptors (${cpu_ms} ms CPU in 3 s)"
[ "$pauses" -eq 1 ] || fail "the accept pause was logged $pauses times, expected once"

# Let go of every connection; the server must drain its backlog and answer again.
exec 3>&-
wait "$holder_pid" || true
holder_pid=
recovered=
for attempt in $(seq 1 100); do
    if curl -sf --max-time 2 "$url/healthz" >/dev/null; then
        recovered=$attempt
        break
    fi
    sleep 0.1
done
[ -n "$recovered" ] || fail "no normal request succeeded within 10 s of releasing the connections"
kill -0 "$server_pid" 2>/dev/null || fail "the server died after recovering"
curl -sf "$url/v1/councils/knowsley/statistics?year=2024-25" >/dev/null || fail "a statistics request failed after recovery"
echo "fd-exhaustion: recovered: /healthz answered on attempt $recovered after release, $(ls "/proc/$server_pid/fd" | wc -l) descriptors open"
echo "fd-exhaustion: PASS"
