#!/usr/bin/env bash
# No writer can stall the API (short, for CI; each prints PASS/FAIL, exit 1 if any failed):
#   1. a partial-mode upload of LINES lines that all fail validation is answered within LIMIT
#      seconds with a bounded answer (the first 1,000 failures and a count), and a single write
#      sent meanwhile is answered within LIMIT seconds too;
#   2. while a large good upload holds the writer and several single writes queue behind it,
#      GET /healthz and a read of the data answer within a second each;
#   3. bodies from nobody: CONNECTIONS connections announce 32 MiB bulk uploads without a token
#      (with Expect: 100-continue); each is answered 401 from its head, none is told to continue,
#      and nothing is spooled to the server's temporary folder.
# Usage: scripts/writer-stalls.sh   (env COUNCIL_API_BIN, LINES=200000, LIMIT=20, CONNECTIONS=16)
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt curl python3
COUNCIL_API_BIN=${COUNCIL_API_BIN:-$(build_release)}
lines=${LINES:-200000}
limit=${LIMIT:-20}
connections=${CONNECTIONS:-16}
register=${REGISTER:-$(find_register writer-stalls)}
work=$(mktemp -d)
mkdir -p "$work/spool"
trap 'stop_server; rm -rf "$work"' EXIT
token="stall-$RANDOM$RANDOM"
export API_TOKENS=$token TMPDIR="$work/spool"
failed=0
verdict() { # verdict NAME CONDITION-STATUS DETAIL
    if [ "$2" = 0 ]; then echo "PASS $1 ($3)"; else echo "FAIL $1 ($3)"; failed=$((failed + 1)); fi
}
one() { # one REFERENCE-SERIAL: a single complaint as JSON
    printf '{"reference": "2499%s", "council": "knowsley", "decided": "2024-06-30", "category": "Housing", "outcome": "not_upheld"}' "$1"
}
post_one() { # post_one SERIAL: prints "status seconds"
    curl -s -o /dev/null -w '%{http_code} %{time_total}' -m 120 -X POST -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d "$(one "$1")" "$SERVER_URL/v1/complaints"
}

start_server "$work/server.log" --demo --max-bulk-bytes $((1 << 30))
for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVER_URL/readyz")" = 200 ] && break
    sleep 0.05
done

# 1. Bad lines, partial mode.
python3 -c "import sys; sys.stdout.write('{}\n' * $lines)" >"$work/bad.ndjson"
curl -s -o "$work/bad.answer" -w '%{http_code} %{time_total}' -m 300 -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/x-ndjson' --data-binary "@$work/bad.ndjson" \
    "$SERVER_URL/v1/complaints/bulk?mode=partial" >"$work/bad.result" &
uploader=$!
sleep 0.2
read -r single_status single_seconds <<<"$(post_one 1001)"
wait "$uploader"
read -r bad_status bad_seconds <"$work/bad.result"
bad_bytes=$(stat -c %s "$work/bad.answer")
ok=1
[ "$bad_status" = 207 ] && [ "$bad_bytes" -lt 1000000 ] && awk -v s="$bad_seconds" -v l="$limit" 'BEGIN { exit !(s < l) }' &&
    [ "$single_status" = 201 ] && awk -v s="$single_seconds" -v l="$limit" 'BEGIN { exit !(s < l) }' && ok=0
verdict "1. $lines bad lines in partial mode" "$ok" \
    "answered $bad_status in ${bad_seconds} s, $((bad_bytes / 1024)) KiB; a single write meanwhile: $single_status in ${single_seconds} s"

# 2. Reads while writes queue behind a long upload.
scripts/gen-data --complaints 150000 --seed 3 --register "$register" --out "$work/good.ndjson" >/dev/null 2>&1
curl -s -o /dev/null -m 300 -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
    --data-binary "@$work/good.ndjson" "$SERVER_URL/v1/complaints/bulk" &
big=$!
sleep 0.5
queued=()
for serial in 1 2 3 4 5 6 7 8; do
    post_one "200$serial" >/dev/null &
    queued+=($!)
done
sleep 0.5
worst=0
for _ in 1 2 3 4 5; do
    for path in /healthz /v1/councils/knowsley /v1/complaints?limit=5; do
        seconds=$(curl -s -o /dev/null -w '%{time_total}' -m 30 "$SERVER_URL$path")
        worst=$(awk -v a="$worst" -v b="$seconds" 'BEGIN { print (b > a ? b : a) }')
    done
done
still_writing=$(kill -0 "$big" 2>/dev/null && echo yes || echo no)
wait "$big" "${queued[@]}"
ok=1
awk -v w="$worst" 'BEGIN { exit !(w < 1) }' && ok=0
verdict "2. reads while an upload holds the writer and 8 writes queue" "$ok" \
    "slowest of 15 reads ${worst} s; the upload was still running during the reads: $still_writing"

# 3. Bodies from nobody.
python3 - "$SERVER_URL" "$connections" >"$work/nobody.result" <<'PY'
import socket, sys, urllib.parse
url = urllib.parse.urlparse(sys.argv[1])
results = []
sockets = []
for _ in range(int(sys.argv[2])):
    s = socket.create_connection((url.hostname, url.port), timeout=10)
    s.sendall(b"POST /v1/complaints/bulk HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-ndjson\r\n"
              b"Content-Length: 33554432\r\nExpect: 100-continue\r\n\r\n")
    sockets.append(s)
for s in sockets:
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk: break
            data += chunk
    except OSError:
        pass
    results.append(data.split(b" ", 2)[1].decode() if data.startswith(b"HTTP/1.1 ") else "none")
    s.close()
print(" ".join(results))
PY
statuses=$(cat "$work/nobody.result")
spooled=$(find "$work/spool" -name 'httpserver-body-*' | wc -l)
ok=1
[ -n "$statuses" ] && ! grep -qv '^401$' <(tr ' ' '\n' <<<"$statuses") && [ "$spooled" = 0 ] && ok=0
verdict "3. $connections unauthenticated 32 MiB uploads are refused from the head" "$ok" \
    "statuses: $(tr ' ' '\n' <<<"$statuses" | sort | uniq -c | xargs); spool files: $spooled"

exit $((failed > 0))
