#!/usr/bin/env bash
# Hostile-client checks, short enough for CI (about 4 minutes on 2 cores after the release
# build, which is done once here): fuzz the request parser for 60 s, fuzz the JSON parser against
# Foundation's JSONSerialization for 60 s (scripts/fuzz-json.sh), slowloris with 300
# connections for 15 s, descriptor exhaustion, writers that could stall the API
# (scripts/writer-stalls.sh), and reads under load with bulk writes for 20 s at 128 connections
# over 20,000 complaints. Each prints PASS or FAIL; exits non-zero if any failed.
# (The malformed-request corpus runs inside `swift test`.)
#
# Usage: scripts/ci-hostile.sh
# Env:   COUNCIL_API_BIN (skip the release build), COUNCIL_BUILD_LOCK (default
#        /tmp/council-build.lock; empty to build without it). Run it without holding that lock.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt wrk curl sqlite3 python3

lock=${COUNCIL_BUILD_LOCK-/tmp/council-build.lock}
locked() { if [ -n "$lock" ] && command -v flock >/dev/null; then flock -o "$lock" "$@"; else "$@"; fi; }

if [ -z "${COUNCIL_API_BIN:-}" ]; then
    echo "==> release build"
    locked swift build -c release --product council-api 2>&1 | tail -n 1
    COUNCIL_API_BIN="$(locked swift build -c release --show-bin-path)/council-api"
fi
[ -x "$COUNCIL_API_BIN" ] || { echo "ci-hostile: no council-api binary at $COUNCIL_API_BIN" >&2; exit 1; }
export COUNCIL_API_BIN

results=()
failed=0
# check NAME COMMAND…: runs one check, bounded in time, and records PASS or FAIL.
check() {
    local name=$1
    shift
    echo
    echo "==> $name"
    local started=$SECONDS
    if timeout 300 "$@"; then
        results+=("PASS  $name ($((SECONDS - started)) s)")
    else
        results+=("FAIL  $name ($((SECONDS - started)) s)")
        failed=$((failed + 1))
    fi
    echo "${results[-1]}"
}

check "fuzz the request parser, 60 s" scripts/fuzz-parser.sh 60
check "differential fuzz of the JSON parser against Foundation, 60 s" scripts/fuzz-json.sh 60
check "slowloris, 300 connections, 15 s" scripts/slowloris.sh 300 15
check "descriptor exhaustion" scripts/fd-exhaustion.sh
check "no writer can stall the API: 200,000 bad lines, queued writes, bodies from nobody" \
    env LINES=200000 scripts/writer-stalls.sh
check "reads with bulk writes, 20 s, 128 connections, 20,000 complaints" \
    env LOAD_COMPLAINTS=20000 WRK_CONNECTIONS=128 scripts/load-with-writes.sh 20

echo
echo "==> hostile checks"
printf '%s\n' "${results[@]}"
exit $((failed > 0))
