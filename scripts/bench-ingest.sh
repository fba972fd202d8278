#!/usr/bin/env bash
# Ingest benchmark: POST /v1/complaints/bulk against the sqlite3 shell loading the same rows.
#
# Generates synthetic complaints (200,000 by default) over the real council register as NDJSON and
# as CSV (same seed, so the same rows), then in the same run:
#   1. council-api: a fresh database with the register imported, the server started on it, the
#      NDJSON posted to POST /v1/complaints/bulk (atomic mode), timed by curl (wall time). By
#      default as ONE upload, which fits the default 64 MiB bulk limit (about 42 MB for 200,000);
#      BENCH_BATCH=N posts batches of N lines instead, one after another. The same upload is then
#      sent again (every line unchanged).
#   2. sqlite3: a fresh database migrated by `council-api migrate` with the register imported,
#      the CSV loaded by the sqlite3 shell (`.import --csv --skip 1` into a temporary table, then
#      INSERT INTO complaints SELECT … with the reference normalised), all in one transaction.
# and prints both rates side by side with their ratio.
#
# Usage: scripts/bench-ingest.sh
# Environment: BENCH_COMPLAINTS (200000), BENCH_BATCH (0 = one upload), BENCH_SEED (20250331),
#              COUNCIL_API_BIN (default: build the release binary), REGISTER (council register CSV).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt sqlite3 curl python3

count=${BENCH_COMPLAINTS:-200000}
batch=${BENCH_BATCH:-0}
seed=${BENCH_SEED:-20250331}

register=${REGISTER:-$(find_register bench-ingest)}

COUNCIL_API_BIN=${COUNCIL_API_BIN:-$(build_release)}
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
token="bench-$RANDOM$RANDOM"
export API_TOKENS=$token

echo "bench-ingest: generating $count complaints (seed $seed) as NDJSON and CSV"
scripts/gen-data --complaints "$count" --seed "$seed" --register "$register" --out "$work/complaints.ndjson" >/dev/null 2>&1
scripts/gen-data --complaints "$count" --seed "$seed" --register "$register" --csv --out "$work/complaints.csv" >/dev/null 2>&1
ndjson_bytes=$(stat -c %s "$work/complaints.ndjson")

# --- council-api ---------------------------------------------------------------------------
api_db="$work/api.sqlite"
"$COUNCIL_API_BIN" import councils "$register" --database "$api_db" >/dev/null 2>"$work/import-api.log"
start_server "$work/server.log" --database "$api_db"
for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVER_URL/readyz")" = 200 ] && break
    sleep 0.05
done

if ((batch > 0)); then
    split -l "$batch" -d -a 4 "$work/complaints.ndjson" "$work/part-"
    uploads=("$work"/part-*)
    how="${#uploads[@]} uploads of $batch lines"
else
    uploads=("$work/complaints.ndjson")
    how="one upload of $((ndjson_bytes / 1000000)) MB (within the default 64 MiB --max-bulk-bytes)"
fi

# post_all LABEL: posts every upload in order; prints the summed curl wall time in seconds.
post_all() {
    local total=0 file out status seconds
    for file in "${uploads[@]}"; do
        out=$(curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}' -X POST \
            -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
            --data-binary "@$file" "$SERVER_URL/v1/complaints/bulk")
        read -r status seconds <<<"$out"
        if [ "$status" != 200 ]; then
            echo "bench-ingest: upload answered $status: $(head -c 300 "$work/answer.json")" >&2
            return 1
        fi
        total=$(awk -v a="$total" -v b="$seconds" 'BEGIN { printf "%.6f", a + b }')
    done
    echo "$total"
}

echo "bench-ingest: council-api: posting $how"
api_seconds=$(post_all)
api_answer=$(cat "$work/answer.json")
resend_seconds=$(post_all)
resend_answer=$(cat "$work/answer.json")
api_rss=$(peak_rss_kib "$SERVER_PID")
stop_server
api_rows=$(sqlite3 "$api_db" 'SELECT count(*) FROM complaints')

# --- sqlite3 shell ---------------------------------------------------------------------------
shell_db="$work/shell.sqlite"
"$COUNCIL_API_BIN" migrate --database "$shell_db" >/dev/null
"$COUNCIL_API_BIN" import councils "$register" --database "$shell_db" >/dev/null 2>"$work/import-shell.log"
cat >"$work/load.sql" <<SQL
.bail on
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE staging (
    reference TEXT, council TEXT, received TEXT, decided TEXT, category TEXT, subcategory TEXT,
    outcome TEXT, not_for_us_reason TEXT, remedy_before_ombudsman TEXT, compliance TEXT);
.import --csv --skip 1 $work/complaints.csv staging
INSERT INTO complaints (reference, council_id, received, decided, category, subcategory, outcome,
                        not_for_us_reason, remedy_before_ombudsman, compliance, is_demo)
SELECT replace(replace(reference, ' ', ''), '-', ''), council, nullif(received, ''), decided, category,
       nullif(subcategory, ''), outcome, nullif(not_for_us_reason, ''),
       CASE remedy_before_ombudsman WHEN 'true' THEN 1 WHEN 'false' THEN 0 END, nullif(compliance, ''), 0
FROM staging;
COMMIT;
SQL
start=$(date +%s.%N)
sqlite3 "$shell_db" <"$work/load.sql"
end=$(date +%s.%N)
shell_seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')
shell_rows=$(sqlite3 "$shell_db" 'SELECT count(*) FROM complaints')

# --- figures ---------------------------------------------------------------------------------
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
api_rate=$(rate "$api_rows" "$api_seconds")
resend_rate=$(rate "$count" "$resend_seconds")
shell_rate=$(rate "$shell_rows" "$shell_seconds")

echo
echo "bench-ingest: $count complaints, $(nproc) cores, $(sqlite3 --version | cut -d' ' -f1) shell"
printf '%-64s %9s %9s %11s\n' "loader" "rows" "seconds" "rows/s"
printf '%-64s %9s %9.2f %11s\n' "council-api POST /v1/complaints/bulk (NDJSON, new rows)" "$api_rows" "$api_seconds" "$api_rate"
printf '%-64s %9s %9.2f %11s\n' "council-api POST /v1/complaints/bulk (same NDJSON again)" "$count" "$resend_seconds" "$resend_rate"
printf '%-64s %9s %9.2f %11s\n' "sqlite3 .import CSV + INSERT … SELECT (one transaction)" "$shell_rows" "$shell_seconds" "$shell_rate"
awk -v a="$api_rate" -v b="$shell_rate" 'BEGIN {
    if (a > 0 && b > 0) printf "\nratio: the sqlite3 shell loads %.1fx as fast as council-api (council-api reaches %.0f%% of its rate)\n", b / a, 100 * a / b }'
echo "council-api answer: $api_answer"
echo "council-api re-send answer: $resend_answer"
echo "council-api peak RSS during the run: $((api_rss / 1024)) MiB (the upload is $((ndjson_bytes / 1048576)) MiB; it is streamed, never held whole)"
echo
echo "Note: council-api does more per row than the shell: HTTP, spooling the body to disk, JSON parsing,"
echo "full validation of every field (dates, vocabularies, council look-up, consistency rules), a read"
echo "of the existing row to report created/updated/unchanged, and the per-line report. The shell trusts"
echo "its input and relies on the schema's CHECK and foreign-key constraints alone."
if [ "$api_rows" != "$count" ] || [ "$shell_rows" != "$count" ]; then
    echo "bench-ingest: FAIL: expected $count rows in each database, got $api_rows (council-api) and $shell_rows (sqlite3)" >&2
    exit 1
fi
