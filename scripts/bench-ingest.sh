#!/usr/bin/env bash
# Ingest benchmark: POST /v1/complaints/bulk against each engine's own bulk loader loading the
# same rows: the sqlite3 shell for SQLite, psql's \copy for PostgreSQL.
#
# Generates synthetic complaints (200,000 by default) over the real council register as NDJSON and
# as CSV (same seed, so the same rows), then in the same run, one after another:
#   1. council-api on SQLite: a fresh database with the register imported, the server started on
#      it, the NDJSON posted to POST /v1/complaints/bulk (atomic mode), timed by curl (wall time).
#      By default as ONE upload, which fits the default 64 MiB bulk limit (about 42 MB for
#      200,000); BENCH_BATCH=N posts batches of N lines instead, one after another. The same
#      upload is then sent again (every line unchanged).
#   2. sqlite3: a fresh database migrated by `council-api migrate` with the register imported,
#      the CSV loaded by the sqlite3 shell (`.import --csv --skip 1` into a temporary table, then
#      INSERT INTO complaints SELECT … with the reference normalised), all in one transaction.
#   3. council-api on PostgreSQL: as 1, on a fresh database (`ingest_api`) of a throwaway cluster
#      started by `scripts/pg.sh` (127.0.0.1, fsync and synchronous_commit on), the server started
#      with `--database URL`.
#   4. psql: a fresh database (`ingest_copy`) migrated by `council-api migrate --database URL` with
#      the register imported, the CSV loaded by psql (`\copy` into a temporary table, then INSERT
#      INTO complaints SELECT … with the reference normalised and the dates cast), all in one
#      transaction, timed like the sqlite3 shell (wall time of the psql process).
#   A CHECKPOINT precedes each timed PostgreSQL part, so one part's dirty pages are not written
#   during the next.
# and prints the rates side by side with the ratios council-api / the engine's own loader.
#
# Usage: scripts/bench-ingest.sh
# Environment: ENGINES ("sqlite postgresql"), BENCH_COMPLAINTS (200000), BENCH_BATCH (0 = one
#              upload), BENCH_SEED (20250331), COUNCIL_API_BIN (default: build the release
#              binary), REGISTER (council register CSV).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt sqlite3 curl python3

count=${BENCH_COMPLAINTS:-200000}
engines=${ENGINES:-"sqlite postgresql"}
use_sqlite=no
use_pg=no
for engine in $engines; do
    case $engine in
    sqlite) use_sqlite=yes ;;
    postgresql) use_pg=yes ;;
    *) echo "bench-ingest: unknown engine '$engine' in ENGINES (sqlite, postgresql)" >&2; exit 2 ;;
    esac
done
batch=${BENCH_BATCH:-0}
seed=${BENCH_SEED:-20250331}

register=${REGISTER:-$(find_register bench-ingest)}

COUNCIL_API_BIN=${COUNCIL_API_BIN:-$(build_release)}
work=$(mktemp -d)
if [ "$use_pg" = yes ]; then
    # shellcheck source=scripts/pg.sh
    source scripts/pg.sh
    # The PostgreSQL server runs as the postgres user, which must be able to enter the folder.
    chmod 755 "$work"
fi
# shellcheck disable=SC2317 # runs from the EXIT trap
cleanup() {
    local status=$?
    set +e
    stop_server
    if [ "$use_pg" = yes ]; then pg_stop; fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
token="bench-$RANDOM$RANDOM"
export API_TOKENS=$token

echo "bench-ingest: generating $count complaints (seed $seed) as NDJSON and CSV"
scripts/gen-data --complaints "$count" --seed "$seed" --register "$register" --out "$work/complaints.ndjson" >/dev/null 2>&1
scripts/gen-data --complaints "$count" --seed "$seed" --register "$register" --csv --out "$work/complaints.csv" >/dev/null 2>&1
ndjson_bytes=$(stat -c %s "$work/complaints.ndjson")

# wait_ready: until the server's /readyz answers 200 (it listens before it has migrated), 15 s at most.
wait_ready() {
    local _
    for _ in $(seq 1 300); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVER_URL/readyz")" = 200 ] && return 0
        sleep 0.05
    done
    echo "bench-ingest: the server is not ready after 15 s" >&2
    return 1
}

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

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

if [ "$use_sqlite" = yes ]; then
# --- council-api on SQLite -------------------------------------------------------------------
api_db="$work/api.sqlite"
"$COUNCIL_API_BIN" import councils "$register" --database "$api_db" >/dev/null 2>"$work/import-api.log"
start_server "$work/server.log" --database "$api_db"
wait_ready

echo "bench-ingest: council-api on SQLite: posting $how"
other_cpu_start "$SERVER_PID"
api_seconds=$(post_all)
api_other=$(other_cpu_percent)
api_answer=$(cat "$work/answer.json")
other_cpu_start "$SERVER_PID"
resend_seconds=$(post_all)
resend_other=$(other_cpu_percent)
resend_answer=$(cat "$work/answer.json")
api_rss=$(peak_rss_kib "$SERVER_PID")
stop_server
api_rows=$(sqlite3 "$api_db" 'SELECT count(*) FROM complaints')

# --- sqlite3 shell ---------------------------------------------------------------------------
echo "bench-ingest: sqlite3 shell: .import of the CSV"
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
other_cpu_start
start=$(date +%s.%N)
sqlite3 "$shell_db" <"$work/load.sql"
end=$(date +%s.%N)
shell_other=$(other_cpu_percent)
shell_seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')
shell_rows=$(sqlite3 "$shell_db" 'SELECT count(*) FROM complaints')
api_rate=$(rate "$api_rows" "$api_seconds")
resend_rate=$(rate "$count" "$resend_seconds")
shell_rate=$(rate "$shell_rows" "$shell_seconds")
fi

if [ "$use_pg" = yes ]; then
# --- council-api on PostgreSQL ---------------------------------------------------------------
pg_start "$work/pg"
pg_version=$(psql_url "$PG_ADMIN_URL" 'SHOW server_version' | cut -d' ' -f1)
psql_url "$PG_ADMIN_URL" "CREATE DATABASE ingest_api OWNER council" >/dev/null
psql_url "$PG_ADMIN_URL" "CREATE DATABASE ingest_copy OWNER council" >/dev/null
pg_api_url="${PG_URL%/*}/ingest_api"
pg_copy_url="${PG_URL%/*}/ingest_copy"
"$COUNCIL_API_BIN" import councils "$register" --database "$pg_api_url" >/dev/null 2>"$work/import-pg-api.log"
start_server "$work/server-pg.log" --database "$pg_api_url"
wait_ready
psql_url "$PG_ADMIN_URL" 'CHECKPOINT' >/dev/null

echo "bench-ingest: council-api on PostgreSQL $pg_version: posting $how"
other_cpu_start --pg "$SERVER_PID"
pg_api_seconds=$(post_all)
pg_api_other=$(other_cpu_percent)
pg_api_answer=$(cat "$work/answer.json")
other_cpu_start --pg "$SERVER_PID"
pg_resend_seconds=$(post_all)
pg_resend_other=$(other_cpu_percent)
pg_resend_answer=$(cat "$work/answer.json")
pg_api_rss=$(peak_rss_kib "$SERVER_PID")
stop_server
pg_api_rows=$(psql_url "$pg_api_url" 'SELECT count(*) FROM complaints')

# --- psql \copy ------------------------------------------------------------------------------
echo "bench-ingest: psql: \\copy of the CSV"
"$COUNCIL_API_BIN" migrate --database "$pg_copy_url" >/dev/null
"$COUNCIL_API_BIN" import councils "$register" --database "$pg_copy_url" >/dev/null 2>"$work/import-pg-copy.log"
# The same staging as the sqlite3 part: every CSV field as text (an empty unquoted CSV field is
# NULL to COPY, so nullif only matters for quoted empties), then the reference normalised to eight
# digits, the dates cast to DATE and the remedy flag to 0/1 (SMALLINT) on the way in; the schema's
# CHECK and foreign-key constraints are the only validation, as for the shell.
cat >"$work/load-pg.sql" <<SQL
BEGIN;
CREATE TEMP TABLE staging (
    reference TEXT, council TEXT, received TEXT, decided TEXT, category TEXT, subcategory TEXT,
    outcome TEXT, not_for_us_reason TEXT, remedy_before_ombudsman TEXT, compliance TEXT) ON COMMIT DROP;
\copy staging FROM '$work/complaints.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO complaints (reference, council_id, received, decided, category, subcategory, outcome,
                        not_for_us_reason, remedy_before_ombudsman, compliance, is_demo)
SELECT replace(replace(reference, ' ', ''), '-', ''), council, nullif(received, '')::date, decided::date,
       category, nullif(subcategory, ''), outcome, nullif(not_for_us_reason, ''),
       CASE remedy_before_ombudsman WHEN 'true' THEN 1 WHEN 'false' THEN 0 END, nullif(compliance, ''), 0
FROM staging;
COMMIT;
SQL
psql_url "$PG_ADMIN_URL" 'CHECKPOINT' >/dev/null
other_cpu_start --pg
start=$(date +%s.%N)
psql_url "$pg_copy_url" - <"$work/load-pg.sql" >/dev/null
end=$(date +%s.%N)
copy_other=$(other_cpu_percent)
copy_seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')
copy_rows=$(psql_url "$pg_copy_url" 'SELECT count(*) FROM complaints')
pg_api_rate=$(rate "$pg_api_rows" "$pg_api_seconds")
pg_resend_rate=$(rate "$count" "$pg_resend_seconds")
copy_rate=$(rate "$copy_rows" "$copy_seconds")
fi

# --- figures ---------------------------------------------------------------------------------
row() { printf '%-11s %-62s %9s %9.2f %11s %8s%%\n' "$@"; }
echo
echo "bench-ingest: $count complaints, $(nproc) cores$([ "$use_sqlite" = yes ] && echo ", $(sqlite3 --version | cut -d' ' -f1) shell")$([ "$use_pg" = yes ] && echo ", PostgreSQL $pg_version")"
printf '%-11s %-62s %9s %9s %11s %9s\n' "engine" "loader" "rows" "seconds" "rows/s" "other"
if [ "$use_sqlite" = yes ]; then
    row SQLite "council-api POST /v1/complaints/bulk (NDJSON, new rows)" "$api_rows" "$api_seconds" "$api_rate" "$api_other"
    row SQLite "council-api POST /v1/complaints/bulk (same NDJSON again)" "$count" "$resend_seconds" "$resend_rate" "$resend_other"
    row SQLite "sqlite3 .import CSV + INSERT ... SELECT (one transaction)" "$shell_rows" "$shell_seconds" "$shell_rate" "$shell_other"
fi
if [ "$use_pg" = yes ]; then
    row PostgreSQL "council-api POST /v1/complaints/bulk (NDJSON, new rows)" "$pg_api_rows" "$pg_api_seconds" "$pg_api_rate" "$pg_api_other"
    row PostgreSQL "council-api POST /v1/complaints/bulk (same NDJSON again)" "$count" "$pg_resend_seconds" "$pg_resend_rate" "$pg_resend_other"
    row PostgreSQL "psql \\copy CSV + INSERT ... SELECT (one transaction)" "$copy_rows" "$copy_seconds" "$copy_rate" "$copy_other"
fi
echo "(other: the share of the machine's CPU, all cores, that processes other than the loader, the"
echo "server, curl and PostgreSQL used during that part; 0% on an otherwise idle machine. At 10% or"
echo "more the part's rate is not comparable.)"
disturbed=$(for part in "${api_other:-0} SQLite council-api new rows" "${resend_other:-0} SQLite council-api re-send" \
    "${shell_other:-0} sqlite3 shell" "${pg_api_other:-0} PostgreSQL council-api new rows" \
    "${pg_resend_other:-0} PostgreSQL council-api re-send" "${copy_other:-0} psql copy"; do
    read -r percent label <<<"$part"
    if ((percent >= 10)); then echo -n "$label ($percent%); "; fi
done)
[ -z "$disturbed" ] || echo "DISTURBED: ${disturbed%; }"
echo
if [ "$use_sqlite" = yes ]; then
    awk -v a="$api_rate" -v b="$shell_rate" 'BEGIN {
        if (a > 0 && b > 0) printf "ratio SQLite: the sqlite3 shell loads %.1fx as fast as council-api (council-api reaches %.0f%% of its rate)\n", b / a, 100 * a / b }'
fi
if [ "$use_pg" = yes ]; then
    awk -v a="$pg_api_rate" -v b="$copy_rate" 'BEGIN {
        if (a > 0 && b > 0) printf "ratio PostgreSQL: council-api / psql \\copy = %.2f (psql loads %.1fx as fast as council-api)\n", a / b, b / a }'
fi
if [ "$use_sqlite" = yes ] && [ "$use_pg" = yes ]; then
    awk -v a="$api_rate" -v b="$pg_api_rate" -v c="$resend_rate" -v d="$pg_resend_rate" -v e="$shell_rate" -v f="$copy_rate" 'BEGIN {
        if (a > 0) printf "ratio PostgreSQL / SQLite: council-api new rows %.2f, re-send %.2f; psql \\copy / sqlite3 shell %.2f\n", b / a, (c > 0 ? d / c : 0), (e > 0 ? f / e : 0) }'
fi
if [ "$use_sqlite" = yes ]; then
    echo "council-api on SQLite answer: $api_answer"
    echo "council-api on SQLite re-send answer: $resend_answer"
    echo "council-api on SQLite peak RSS during the run: $((api_rss / 1024)) MiB (the upload is $((ndjson_bytes / 1048576)) MiB; it is streamed, never held whole)"
fi
if [ "$use_pg" = yes ]; then
    echo "council-api on PostgreSQL answer: $pg_api_answer"
    echo "council-api on PostgreSQL re-send answer: $pg_resend_answer"
    echo "council-api on PostgreSQL peak RSS during the run: $((pg_api_rss / 1024)) MiB (PostgreSQL's own processes not counted)"
fi
echo
echo "Note: council-api does more per row than the engines' own loaders: HTTP, spooling the body to"
echo "disk, JSON parsing, full validation of every field (dates, vocabularies, council look-up,"
echo "consistency rules), a read of the existing rows to report created/updated/unchanged, and the"
echo "per-line report (on PostgreSQL one look-up and one json_populate_recordset upsert per batch of"
echo "1,000 lines). The sqlite3 shell and psql trust their input and rely on the schema's CHECK and"
echo "foreign-key constraints alone."
failed=no
if [ "$use_sqlite" = yes ] && { [ "$api_rows" != "$count" ] || [ "$shell_rows" != "$count" ]; }; then
    echo "bench-ingest: FAIL: expected $count rows in each SQLite database, got $api_rows (council-api) and $shell_rows (sqlite3)" >&2
    failed=yes
fi
if [ "$use_pg" = yes ] && { [ "$pg_api_rows" != "$count" ] || [ "$copy_rows" != "$count" ]; }; then
    echo "bench-ingest: FAIL: expected $count rows in each PostgreSQL database, got $pg_api_rows (council-api) and $copy_rows (psql)" >&2
    failed=yes
fi
[ "$failed" = no ] || exit 1
