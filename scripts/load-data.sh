#!/usr/bin/env bash
# Loads a synthetic data set into a council-api database: the real council register, then N
# generated complaints through the bulk API, then reports and service improvements through
# their endpoints. Used by the benchmarks.
# Usage: scripts/load-data.sh N DATABASE   (env COUNCIL_API_BIN: a built binary; BATCH_LINES=100000)
# DATABASE is what `--database` takes: a SQLite file, or a postgres:// / postgresql:// URL of an
# existing database whose role may create tables there (migrated by the import below).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
count=$1
database=$2
register=${REGISTER:-$(find_register load-data)}
COUNCIL_API_BIN=${COUNCIL_API_BIN:-$(build_release)}
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT

"$COUNCIL_API_BIN" import councils "$register" --database "$database" >&2
scripts/gen-data --complaints "$count" --out "$work/complaints.ndjson" \
    --reports "$work/reports.ndjson" --improvements "$work/improvements.ndjson" >&2
token=bench-$RANDOM$RANDOM
API_TOKENS=$token start_server "$work/server.log" --database "$database" --max-bulk-bytes $((256 << 20))
# The server listens before it has opened and migrated its database (PostgreSQL may take a
# moment): wait for /readyz, bounded (30 s).
for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVER_URL/readyz")" = 200 ] && break
    sleep 0.1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVER_URL/readyz")" = 200 ] ||
    { tail -n 20 "$work/server.log" >&2; echo "load-data: the server is not ready after 30 s" >&2; exit 1; }
split -l "${BATCH_LINES:-100000}" "$work/complaints.ndjson" "$work/batch-"
start=$(date +%s.%N)
for batch in "$work"/batch-*; do
    status=$(curl -s -o "$work/answer.json" -w '%{http_code}' -X POST "$SERVER_URL/v1/complaints/bulk" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' --data-binary "@$batch")
    [ "$status" = 200 ] || { echo "bulk batch $batch answered $status: $(head -c 600 "$work/answer.json")" >&2; exit 1; }
done
end=$(date +%s.%N)
python3 - "$SERVER_URL" "$token" "$work/reports.ndjson" "/v1/reports" "$work/improvements.ndjson" "/v1/service-improvements" <<'PY'
import http.client, sys, urllib.parse
url, token = urllib.parse.urlparse(sys.argv[1]), sys.argv[2]
connection = http.client.HTTPConnection(url.hostname, url.port)
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
for path, endpoint in zip(sys.argv[3::2], sys.argv[4::2]):
    with open(path) as lines:
        for line in lines:
            connection.request("POST", endpoint, body=line.encode(), headers=headers)
            answer = connection.getresponse()
            body = answer.read()
            if answer.status not in (200, 201):
                sys.exit(f"{endpoint} answered {answer.status}: {body[:400]!r}")
PY
awk -v n="$count" -v s="$start" -v e="$end" 'BEGIN { printf "loaded %d complaints in %.1f s (%.0f rows/s)\n", n, e - s, n / (e - s) }' >&2
