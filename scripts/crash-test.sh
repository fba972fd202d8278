#!/usr/bin/env bash
# Crash test: every bulk upload the server acknowledged survives a SIGKILL.
#
# Generates synthetic complaints over the real council register, posts them to a server in bulk
# batches one after another (a background loop that records each batch answered 2xx), kills the
# server with SIGKILL while a batch is in flight after a seeded-random number of batches, starts
# it again on the same database and checks that:
#   - every complaint of every acknowledged batch is stored (all of them with sqlite3, a sample
#     through GET /v1/complaints/{reference});
#   - the batch in flight at the kill is stored entirely or not at all (one transaction);
#   - nothing else is stored;
#   - PRAGMA integrity_check says ok;
#   - the restarted server takes the interrupted batch again.
#
# Usage: scripts/crash-test.sh [--quick]
#   --quick         12 batches of 500 complaints (for CI; well under a minute once built)
# Environment:
#   COUNCIL_API_BIN  server binary to test (default: build the release binary)
#   CRASH_SEED       seed of the data and of the kill point (default 20250331)
#   CRASH_BATCHES, CRASH_BATCH_SIZE   override the batch count and size
#   REGISTER         council register CSV (default: shared/data/uk_local_authorities_current.csv
#                    found beside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt sqlite3 curl python3

parse_quick crash-test "$@"
if ((quick)); then batches=12 size=500; else batches=40 size=2000; fi
batches=${CRASH_BATCHES:-$batches}
size=${CRASH_BATCH_SIZE:-$size}
seed=${CRASH_SEED:-20250331}
((batches >= 4)) || { echo "crash-test: need at least 4 batches" >&2; exit 2; }

# The register sits in shared/data beside the repository (or a parent of a worktree).
register=${REGISTER:-$(find_register crash-test)}

COUNCIL_API_BIN=${COUNCIL_API_BIN:-$(build_release)}
work=$(mktemp -d)
db="$work/db.sqlite"
loop_pid=
cleanup() {
    [ -n "$loop_pid" ] && kill "$loop_pid" 2>/dev/null
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT

token="crash-$RANDOM$RANDOM"
export API_TOKENS=$token
RANDOM=$seed
# The kill comes once this many batches are acknowledged, somewhere in the middle half.
kill_after=$((batches / 4 + RANDOM % (batches / 2)))
kill_delay_ms=$((RANDOM % 30))

echo "crash-test: $batches batches of $size complaints, seed $seed, SIGKILL after $kill_after acknowledged batches"
scripts/gen-data --complaints $((batches * size)) --seed "$seed" --register "$register" --out "$work/all.ndjson" >/dev/null 2>&1
split -l "$size" -d -a 3 "$work/all.ndjson" "$work/batch-"
"$COUNCIL_API_BIN" import councils "$register" --database "$db" >/dev/null 2>"$work/import.log"

wait_ready() {
    for _ in $(seq 1 300); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVER_URL/readyz")" = 200 ] && return 0
        sleep 0.05
    done
    echo "crash-test: server not ready" >&2
    return 1
}

start_server "$work/server-1.log" --database "$db"
wait_ready

# Post the batches in order; a batch is acknowledged once its 2xx answer has arrived. The loop
# ends at the first failure (the server is gone).
: >"$work/started"
: >"$work/acked"
(
    for file in "$work"/batch-*; do
        name=$(basename "$file")
        echo "$name" >>"$work/started"
        status=$(curl -s -o "$work/answer-$name.json" -w '%{http_code}' --max-time 120 -X POST \
            -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
            --data-binary "@$file" "$SERVER_URL/v1/complaints/bulk" || true)
        if [[ $status == 2* ]]; then
            echo "$name" >>"$work/acked"
        else
            echo "$name $status" >"$work/refused"
            exit 0
        fi
    done
) &
loop_pid=$!

# Wait for the kill point with the next batch in flight (started but not yet answered).
while :; do
    acked=$(wc -l <"$work/acked")
    started=$(wc -l <"$work/started")
    if ((acked >= kill_after && started == acked + 1)); then break; fi
    if ! kill -0 "$loop_pid" 2>/dev/null; then
        echo "crash-test: FAIL: the upload loop ended before the kill point ($acked acknowledged)" >&2
        cat "$work/refused" 2>/dev/null >&2 || true
        exit 1
    fi
    sleep 0.005
done
sleep "$(printf '0.%03d' "$kill_delay_ms")"
in_flight=$(tail -n 1 "$work/started")
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=
wait "$loop_pid" 2>/dev/null || true
loop_pid=
acked=$(wc -l <"$work/acked")
in_flight_acked=0
grep -qx "$in_flight" "$work/acked" && in_flight_acked=1
echo "crash-test: killed the server with SIGKILL while $in_flight was in flight; $acked batches acknowledged"

# Restart on the same database (SQLite recovers from the WAL on open).
start_server "$work/server-2.log" --database "$db"
wait_ready

# The references of a set of batch files, in normal form (eight digits), sorted.
references() {
    python3 -c '
import json, sys
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            if line.strip():
                print(json.loads(line)["reference"].replace(" ", ""))
' "$@" | sort
}

failures=0
check() { # check NAME CONDITION-RESULT(0/1) DETAIL
    if [ "$2" = 0 ]; then
        printf '  PASS  %s\n' "$1"
    else
        printf '  FAIL  %s: %s\n' "$1" "$3"
        failures=$((failures + 1))
    fi
}

mapfile -t acked_files < <(sed "s|^|$work/|" "$work/acked")
if ((${#acked_files[@]})); then references "${acked_files[@]}" >"$work/acked-refs"; else : >"$work/acked-refs"; fi
references "$work/$in_flight" >"$work/in-flight-refs"
sqlite3 "$db" 'SELECT reference FROM complaints' | sort >"$work/db-refs"

echo "crash-test: checks"
missing=$(comm -23 "$work/acked-refs" "$work/db-refs" | wc -l)
check "all $(wc -l <"$work/acked-refs") complaints of the $acked acknowledged batches are stored (sqlite3)" \
    "$((missing == 0 ? 0 : 1))" "$missing missing"

in_flight_stored=$(comm -12 "$work/in-flight-refs" "$work/db-refs" | wc -l)
check "the batch in flight at the kill is stored whole or not at all ($in_flight_stored of $size stored)" \
    "$((in_flight_stored == 0 || in_flight_stored == size ? 0 : 1))" "a torn batch"
if ((in_flight_acked)); then
    check "the in-flight batch, acknowledged before the kill, is stored" "$((in_flight_stored == size ? 0 : 1))" "lost"
fi

expected=$((acked * size + (in_flight_acked ? 0 : in_flight_stored)))
stored=$(wc -l <"$work/db-refs")
check "nothing else is stored ($stored complaints on record, $expected expected)" "$((stored == expected ? 0 : 1))" \
    "$((stored - expected)) unexpected"

sample_missing=0
sample_size=0
while read -r reference; do
    sample_size=$((sample_size + 1))
    status=$(curl -s -o /dev/null -w '%{http_code}' "$SERVER_URL/v1/complaints/$reference")
    [ "$status" = 200 ] || sample_missing=$((sample_missing + 1))
done < <(shuf -n 50 --random-source=<(yes "$seed") "$work/acked-refs")
check "a sample of $sample_size acknowledged complaints is served by GET /v1/complaints/{reference}" \
    "$((sample_missing == 0 ? 0 : 1))" "$sample_missing answered other than 200"

status=$(curl -s -o "$work/resend.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/x-ndjson' --data-binary "@$work/$in_flight" "$SERVER_URL/v1/complaints/bulk")
check "the restarted server takes the interrupted batch again (HTTP $status: $(cat "$work/resend.json" 2>/dev/null | head -c 120))" \
    "$([ "$status" = 200 ] && echo 0 || echo 1)" "refused"

stop_server
integrity=$(sqlite3 "$db" 'PRAGMA integrity_check')
check "PRAGMA integrity_check prints ok" "$([ "$integrity" = ok ] && echo 0 || echo 1)" "$integrity"
foreign=$(sqlite3 "$db" 'PRAGMA foreign_key_check' | wc -l)
check "PRAGMA foreign_key_check finds no orphan" "$((foreign == 0 ? 0 : 1))" "$foreign rows"

if ((failures)); then
    echo "crash-test: FAIL ($failures checks failed)"
    exit 1
fi
echo "crash-test: PASS ($acked of $batches batches acknowledged before SIGKILL; in-flight batch $( ((in_flight_stored)) && echo committed || echo rolled back))"
