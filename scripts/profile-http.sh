#!/usr/bin/env bash
# Where the time of a request goes: instructions per request of council-api and of the Hummingbird
# peer of Benchmarks/, counted by valgrind's callgrind (instruction counts repeat from run to run
# where wall-clock figures do not; `perf stat -e instructions` is not supported on every machine).
#
# Each server runs under `valgrind --tool=callgrind --instr-atstart=no` on 127.0.0.1; it is warmed
# up with uncounted requests, then `callgrind_control -i on` and `-z`, exactly N keep-alive GETs
# from a small Python client (CLIENTS connections, every answer checked to be a 200 and counted),
# `callgrind_control -d` and `-i off`. (`--collect-atstart=no` with `-i on` counts nothing: that
# switch is for collection, `-i` for instrumentation.)
#
# Debian's valgrind (3.19) cannot run a Swift 6.3 binary as it is, so the script works around two
# of its bugs: it gives up on the DWARF 5 debug information of the binaries and of the Swift
# runtime libraries (they are run from copies with the debug sections stripped; the symbol tables,
# hence the function names, stay), and it dies when libdispatch's main thread calls sigsuspend with
# a mask in read-only memory (a preloaded `sigsuspend` of a few lines passes a copy instead). Instructions per request = the dump's total Ir (every
# thread of the server, the idle ones included) / the answers counted. Per server and route, the
# exclusive and inclusive top lists of callgrind_annotate (Swift names demangled) are written to
# scripts/out/profile/ and the first lines printed.
#
# Usage: scripts/profile-http.sh
# Environment: COUNCIL_API_BIN, PEER_BIN (binaries; default: build them), SIZE (complaints in the
#              database, 200000), DATABASE (a loaded SQLite file instead), REQUESTS (/healthz
#              requests counted, 20000), STATISTICS_REQUESTS (200: the peer runs the group query on every request,
#              which callgrind slows some fifty times), CLIENTS (connections, 4),
#              TOP (functions printed per list, 10).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
parse_quick profile-http "$@"
need_apt valgrind sqlite3 curl python3 gcc binutils
requests=${REQUESTS:-20000}
statistics_requests=${STATISTICS_REQUESTS:-200}
clients=${CLIENTS:-4}
top=${TOP:-10}
if [ "$quick" = 1 ]; then
    requests=$((requests / 10))
    statistics_requests=$((statistics_requests / 10))
fi
COUNCIL_API_BIN=${COUNCIL_API_BIN:-$(build_release)}
export COUNCIL_API_BIN
PEER_BIN=$(build_peer)
database=$(bench_database "${SIZE:-200000}")
out=scripts/out/profile
mkdir -p "$out"
work=$(mktemp -d)
trap 'stop_listeners; rm -rf "$work"' EXIT
# The stripped copies and the sigsuspend shim (see the header).
mkdir -p "$work/lib"
for binary in "$COUNCIL_API_BIN" "$PEER_BIN"; do
    ldd "$binary" | awk '$3 ~ /^\// && $3 !~ /^\/(usr\/)?lib/ { print $3 }' | while read -r library; do
        [ -f "$work/lib/$(basename "$library")" ] || objcopy --strip-debug "$library" "$work/lib/$(basename "$library")"
    done
done
objcopy --strip-debug "$COUNCIL_API_BIN" "$work/council-api"
objcopy --strip-debug "$PEER_BIN" "$work/hummingbird-peer"
cat >"$work/sigsuspend.c" <<'C'
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, _NSIG / 8);
}
C
cc -shared -fPIC -O2 -o "$work/sigsuspend.so" "$work/sigsuspend.c"
demangle() { if command -v swift-demangle >/dev/null; then swift-demangle --simplified; else cat; fi; }

# Sends N keep-alive GETs to URL over CLIENTS connections; prints how many answered 200.
cat >"$work/client.py" <<'PY'
import http.client, sys, threading, urllib.parse
url, total, clients = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
parts = urllib.parse.urlsplit(url)
target = parts.path + ("?" + parts.query if parts.query else "")
answered = [0] * clients
def run(index, count):
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    for _ in range(count):
        connection.request("GET", target)
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            answered[index] += 1
threads = [threading.Thread(target=run, args=(i, total // clients + (1 if i < total % clients else 0))) for i in range(clients)]
for thread in threads: thread.start()
for thread in threads: thread.join()
print(sum(answered))
PY

# profile NAME ROUTE PATH COUNT COMMAND…: one server, one route; appends "NAME ROUTE Ir/request" to
# $work/figures.
profile() {
    local name=$1 route=$2 path=$3 count=$4
    shift 4
    local base="$out/$name-$route" pid url answered total
    rm -f "$base".callgrind*
    LD_LIBRARY_PATH=$work/lib LD_PRELOAD=$work/sigsuspend.so start_listener "$name" "$work/$name.log" \
        valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$base.callgrind" "$@"
    pid=${LISTENER_PIDS[$name]}
    url=${LISTENER_URLS[$name]}$path
    for _ in $(seq 1 600); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && break
        sleep 0.1
    done
    python3 "$work/client.py" "$url" $((count / 10 + 10)) "$clients" >/dev/null
    callgrind_control -i on "$pid" >/dev/null
    callgrind_control -z "$pid" >/dev/null
    answered=$(python3 "$work/client.py" "$url" "$count" "$clients")
    callgrind_control -d "$pid" >/dev/null
    callgrind_control -i off "$pid" >/dev/null
    # The dump of `-d` (FILE.1); the one valgrind writes at exit (FILE) holds nothing counted.
    local dump
    dump=$(ls -t "$base".callgrind.* | sed -n 1p)
    stop_listeners
    total=$(callgrind_annotate "$dump" | awk '/PROGRAM TOTALS/ && !seen { gsub(/,/, "", $1); print $1; seen = 1 }')
    callgrind_annotate --inclusive=no "$dump" | demangle >"$base.exclusive.txt"
    callgrind_annotate --inclusive=yes "$dump" | demangle >"$base.inclusive.txt"
    [ "$answered" = "$count" ] || echo "$name $route: only $answered of $count requests answered 200" >&2
    echo "$name $route $total $answered" >>"$work/figures"
    echo
    echo "== $name $route: top $top exclusive (of $total Ir for $answered requests)"
    grep -E '^ *[0-9,]+ \(' "$base.exclusive.txt" | grep -v 'PROGRAM TOTALS' | head -n "$top" | cut -c1-160 || true
    echo "== $name $route: top $top inclusive"
    grep -E '^ *[0-9,]+ \(' "$base.inclusive.txt" | grep -v 'PROGRAM TOTALS' | head -n "$top" | cut -c1-160 || true
}

statistics_path="/v1/councils/birmingham/statistics?year=2024-25"
profile council-api healthz /healthz "$requests" "$work/council-api" serve --port 0 --database "$database"
profile hummingbird healthz /healthz "$requests" "$work/hummingbird-peer" --port 0 --database "$database"
profile council-api statistics "$statistics_path" "$statistics_requests" \
    "$work/council-api" serve --port 0 --database "$database"
profile hummingbird statistics "$statistics_path" "$statistics_requests" "$work/hummingbird-peer" --port 0 --database "$database"

echo
printf '%-12s %-11s %14s %10s\n' server route Ir/request requests
awk '{ printf "%-12s %-11s %14.0f %10d\n", $1, $2, ($4 > 0 ? $3 / $4 : 0), $4 }' "$work/figures"
awk '{ v[$1 " " $2] = ($4 > 0 ? $3 / $4 : 0) } END {
    for (r in v) { split(r, p, " "); if (p[1] == "council-api" && v["hummingbird " p[2]] > 0)
        printf "council-api/hummingbird %s: %.2f of the instructions per request\n", p[2], v[r] / v["hummingbird " p[2]] } }' \
    "$work/figures"
echo "callgrind dumps and annotated lists: $out/"
