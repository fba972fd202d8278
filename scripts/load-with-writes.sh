#!/usr/bin/env bash
# Reads under load while writes land: a fresh database with the council register and
# LOAD_COMPLAINTS generated complaints (default 100,000, loaded by scripts/load-data.sh through
# the bulk API); then for SECONDS (default 60) wrk at WRK_CONNECTIONS (default 256) mixes four
# read endpoints while a loop posts bulk batches of new complaints (fresh references).
#
# Passes when wrk saw no socket error and no response outside 2xx/3xx, every bulk batch was
# answered 200, the access log has no 5xx, and the server's memory is flat: VmRSS after the run
# and a short settle is within max(64 MiB, 50%) of VmRSS before it (after the load and a warm-up).
#
# Usage: scripts/load-with-writes.sh [SECONDS]
# Env:   LOAD_COMPLAINTS (100000), WRK_CONNECTIONS (256), WRK_THREADS (2), WRITE_BATCH (500 lines),
#        COUNCIL_API_BIN (skip the release build), COUNCIL_BUILD_LOCK (default
#        /tmp/council-build.lock; empty to build without it), REGISTER (council register CSV)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt wrk curl sqlite3

seconds=${1:-60}
complaints=${LOAD_COMPLAINTS:-100000}
connections=${WRK_CONNECTIONS:-256}
threads=${WRK_THREADS:-2}
batch=${WRITE_BATCH:-500}
lock=${COUNCIL_BUILD_LOCK-/tmp/council-build.lock}
locked() { if [ -n "$lock" ] && command -v flock >/dev/null; then flock -o "$lock" "$@"; else "$@"; fi; }

REGISTER=${REGISTER:-$(find_register load-with-writes)}
export REGISTER

if [ -z "${COUNCIL_API_BIN:-}" ]; then
    locked swift build -c release --product council-api >&2
    COUNCIL_API_BIN="$(locked swift build -c release --show-bin-path)/council-api"
fi
export COUNCIL_API_BIN
# wrk's connections and the server's both need descriptors.
if [ "$(ulimit -n)" -lt $((connections * 2 + 512)) ]; then
    ulimit -n $((connections * 2 + 512)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi

work=$(mktemp -d)
writer_pid=
trap '[ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null; stop_server; rm -rf "$work"' EXIT
fail() {
    echo "load-with-writes: FAIL: $*" >&2
    exit 1
}
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

echo "load-with-writes: loading $complaints complaints into a fresh database"
database="$work/load.sqlite"
load_start=$(date +%s)
scripts/load-data.sh "$complaints" "$database" 2>"$work/load.log" || { tail -n 20 "$work/load.log" >&2; fail "loading failed"; }
echo "load-with-writes: $(grep '^loaded' "$work/load.log" || echo "loaded") (in $(($(date +%s) - load_start)) s with generation)"

# Templates for the writer's complaints; it gives each a reference no complaint has yet.
scripts/gen-data --complaints 20000 --seed 424242 --register "$REGISTER" --out "$work/templates.ndjson" >/dev/null 2>&1
cat >"$work/writer.py" <<'PY'
"""Posts bulk batches of new complaints with curl, one after another, until STOP exists."""
import json, os, sqlite3, subprocess, sys
database, templates, batch, token, url, stop, work = sys.argv[1:8]
batch = int(batch)
taken = {str(row[0]).replace(" ", "").replace("-", "")
         for row in sqlite3.connect(database).execute("SELECT reference FROM complaints")}
records = [json.loads(line) for line in open(templates)]
posted = failed = cursor = 0
while not os.path.exists(stop):
    lines = []
    for _ in range(batch):
        record = dict(records[cursor % len(records)])
        cursor += 1
        year, number = record["reference"][:2], int(record["reference"].replace(" ", "")[2:])
        while f"{year}{number:06d}" in taken:
            number = (number + 7919) % 1_000_000
        taken.add(f"{year}{number:06d}")
        record["reference"] = f"{year} {number // 1000:03d} {number % 1000:03d}"
        lines.append(json.dumps(record, separators=(",", ":")))
    with open(f"{work}/batch.ndjson", "w") as out:
        out.write("\n".join(lines) + "\n")
    status = subprocess.run(
        ["curl", "-s", "-o", f"{work}/bulk-answer.json", "-w", "%{http_code}", "-X", "POST",
         f"{url}/v1/complaints/bulk", "-H", f"Authorization: Bearer {token}",
         "-H", "Content-Type: application/x-ndjson", "--data-binary", f"@{work}/batch.ndjson"],
        capture_output=True, text=True).stdout
    if status == "200":
        posted += 1
    else:
        failed += 1
        with open(f"{work}/writer-errors", "a") as errors:
            errors.write(f"{status} {open(f'{work}/bulk-answer.json').read()[:300]}\n")
with open(f"{work}/writer.result", "w") as result:
    result.write(f"{posted} {failed}\n")
PY

token=load-$RANDOM$RANDOM
API_TOKENS=$token start_server "$work/server.log" --database "$database" --max-bulk-bytes $((64 << 20))
for _ in $(seq 1 300); do
    curl -sf -o /dev/null "$SERVER_URL/readyz" && break
    sleep 0.1
done

reads=(
    "/v1/councils/birmingham/statistics?year=2024-25"
    "/v1/statistics?type=district&year=2024-25&sort=-upheld_rate"
    "/v1/complaints?council=birmingham&year=2024-25&limit=20"
    "/v1/service-improvements?limit=10&as_of=2025-03-31"
)
for path in "${reads[@]}"; do
    for _ in 1 2 3; do curl -sf -o /dev/null "$SERVER_URL$path" || fail "GET $path failed before the run"; done
done
{
    echo "local paths = {"
    for path in "${reads[@]}"; do echo "  \"$path\","; done
    echo "}"
    cat <<'LUA'
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
LUA
} >"$work/mix.lua"

sleep 2
rss_before=$(rss_kib "$SERVER_PID")
echo "load-with-writes: ${seconds}s of wrk (${connections} connections, ${threads} threads, 4 read endpoints) with bulk writes of $batch lines; VmRSS before: $((rss_before / 1024)) MiB"

python3 "$work/writer.py" "$database" "$work/templates.ndjson" "$batch" "$token" "$SERVER_URL" "$work/stop" "$work" &
writer_pid=$!

wrk --latency -t "$threads" -c "$connections" -d "${seconds}s" --timeout 10s -s "$work/mix.lua" "$SERVER_URL" >"$work/wrk.txt" 2>&1 ||
    { cat "$work/wrk.txt" >&2; fail "wrk failed"; }
touch "$work/stop"
wait "$writer_pid" || true
writer_pid=
kill -0 "$SERVER_PID" 2>/dev/null || fail "the server died during the run"

sleep 5
rss_after=$(rss_kib "$SERVER_PID")
rss_peak=$(peak_rss_kib "$SERVER_PID")
read -r posted failed <"$work/writer.result"
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
p50=$(awk '/^ +50%/ {print $2}' "$work/wrk.txt")
p99=$(awk '/^ +99%/ {print $2}' "$work/wrk.txt")
socket_errors=$(grep 'Socket errors' "$work/wrk.txt" || true)
non_2xx=$(grep 'Non-2xx or 3xx' "$work/wrk.txt" || true)
# /readyz answers 503 until the server has checked the migrations; that is not a failure.
grep ' status=5' "$work/server.log" | grep -v 'path=/readyz ' >"$work/server-errors" || true
server_errors=$(wc -l <"$work/server-errors")
stored=$(sqlite3 "$database" 'SELECT count(*) FROM complaints' 2>/dev/null || echo "?")

echo "reads:  $requests requests, $rps req/s, p50 $p50, p99 $p99"
echo "writes: $posted bulk batches of $batch lines stored ($((posted * batch)) complaints), $failed refused; $stored complaints in the database now"
echo "memory: VmRSS $((rss_before / 1024)) MiB before, $((rss_after / 1024)) MiB after a 5 s settle, peak $((rss_peak / 1024)) MiB"

[ -z "$socket_errors" ] || fail "wrk: $socket_errors"
[ -z "$non_2xx" ] || fail "wrk: $non_2xx"
[ "$failed" -eq 0 ] || fail "$failed bulk batches failed: $(head -n 3 "$work/writer-errors")"
[ "$posted" -gt 0 ] || fail "no bulk batch was stored during the run"
[ "$server_errors" -eq 0 ] || fail "$server_errors responses with a 5xx status in the access log: $(head -n 3 "$work/server-errors")"
margin=$((rss_before / 2 > 65536 ? rss_before / 2 : 65536))
[ "$rss_after" -le $((rss_before + margin)) ] ||
    fail "memory did not settle: VmRSS $((rss_after / 1024)) MiB after, $((rss_before / 1024)) MiB before (margin $((margin / 1024)) MiB)"
echo "load-with-writes: PASS"
