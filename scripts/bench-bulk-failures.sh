#!/usr/bin/env bash
# Bulk cost by line count: partial-mode uploads of N lines that all fail validation (`{}`) beside
# N good generated complaints, for N = 10,000, 100,000 and 1,000,000, each against a fresh
# server (the council register imported) in the same run. Prints seconds, lines/s, answer bytes and the server's peak RSS, and
# while each bad upload runs, how long a GET /healthz and a single POST /v1/complaints take (the
# writer must not be held by building the answer, and reads never wait for writes).
#
# Usage: scripts/bench-bulk-failures.sh      (env SIZES="10000 100000 1000000", COUNCIL_API_BIN)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt curl python3

sizes=${SIZES:-"10000 100000 1000000"}
register=${REGISTER:-$(find_register bench-bulk-failures)}
COUNCIL_API_BIN=${COUNCIL_API_BIN:-$(build_release)}
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
token="bench-$RANDOM$RANDOM"
export API_TOKENS=$token
one='{"reference": "24 999 001", "council": "knowsley", "decided": "2024-06-30", "category": "Housing", "outcome": "not_upheld"}'

# upload FILE: posts FILE in partial mode; prints "status seconds bytes".
upload() {
    curl -s -o "$work/answer" -w '%{http_code} %{time_total} %{size_download}' -X POST \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' --data-binary "@$1" \
        "$SERVER_URL/v1/complaints/bulk?mode=partial"
}

printf '%-9s %-5s %7s %10s %12s %9s %12s %12s\n' lines kind status seconds lines/s "answer KB" "healthz ms" "1 POST ms"
for size in $sizes; do
    python3 -c "import sys; sys.stdout.write('{}\n' * $size)" >"$work/bad.ndjson"
    scripts/gen-data --complaints "$size" --seed 7 --register "$register" --out "$work/good.ndjson" >/dev/null 2>&1
    for kind in bad good; do
        # A fresh database with the whole register, which the generated decisions name.
        rm -f "$work"/db.sqlite*
        "$COUNCIL_API_BIN" import councils "$register" --database "$work/db.sqlite" >/dev/null 2>&1
        start_server "$work/server.log" --database "$work/db.sqlite" --max-bulk-bytes $((1 << 30))
        for _ in $(seq 1 300); do
            [ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVER_URL/readyz")" = 200 ] && break
            sleep 0.05
        done
        upload "$work/$kind.ndjson" >"$work/result" &
        uploader=$!
        sleep 0.3
        # While the upload runs: a read and a single write, each timed by curl.
        healthz=$(curl -s -o /dev/null -w '%{time_total}' "$SERVER_URL/healthz")
        post=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H "Authorization: Bearer $token" \
            -H 'Content-Type: application/json' -d "$one" "$SERVER_URL/v1/complaints")
        wait "$uploader"
        read -r status seconds bytes <"$work/result" || true  # no final newline
        awk -v n="$size" -v k="$kind" -v st="$status" -v s="$seconds" -v b="$bytes" -v h="$healthz" -v p="$post" \
            'BEGIN { printf "%-9d %-5s %7s %10.2f %12.0f %9.1f %12.1f %12.1f\n", n, k, st, s, n / s, b / 1024, h * 1000, p * 1000 }'
        stop_server
    done
done
