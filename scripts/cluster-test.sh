#!/usr/bin/env bash
# Cluster test: three council-api instances on one PostgreSQL database behind nginx
# (deploy/nginx.conf, round robin), under reads and writes, with an instance killed and the
# database restarted. Prints PASS/FAIL per check and "cluster-test: N passed, M failed"; exit
# status 1 when any check failed.
#
# Setup: a throwaway PostgreSQL cluster (scripts/pg.sh), `council-api migrate` and
# `council-api import councils` (the real register), three `council-api serve --database URL
# --database-pool-size 8` on fixed free ports, each ready (/readyz 200), and nginx on a free
# port with a copy of deploy/nginx.conf made by deploy/render-nginx.sh.
#
# Checks:
#   a. mixed reads through nginx (wrk, 128 connections, scripts/cluster-reads.lua) while bulk
#      uploads go directly to the instances in turn: no socket error, no answer outside
#      2xx/3xx, every upload answered 200.
#   b. read-your-writes, 20 times over the six ordered pairs of instances: a complaint POSTed to
#      A is at once served by B, B's statistics count it, B's ETag changed, and B answers the
#      old ETag in If-None-Match with 200, not 304.
#   c. idempotency race, 10 keys: one POST with one Idempotency-Key sent to the three instances
#      at the same moment (curl --parallel): exactly one 201 that is not a replay; the others
#      are replays (201, Idempotent-Replayed: true, the same body) or 409 problems; a fourth
#      request afterwards is a replay; the complaint is stored once.
#   d. SIGKILL of instance C while a large bulk upload to it is in its transaction (smaller
#      uploads go through nginx meanwhile, and wrk reads through nginx):
#      - reads: no 5xx through nginx for requests that started more than KILL_GRACE (1 s)
#        after the kill, and no wrk socket error. Allowed: requests already in flight to C at
#        the kill (their connection died) and those of the first second, the time nginx needs
#        to see the closed keepalive connections; once a connection to C is refused nginx
#        passes the request on (even a POST: nothing was sent), so later ones must not fail.
#      - data: every upload answered 200 has all its rows in the database; every other upload
#        (the killed one, any upload through nginx that was on C) has all or none of them.
#      - C starts again on its port and is ready within 30 s.
#   e. PostgreSQL stopped with `pg_kill` (immediate shutdown, like a crash) for a few seconds
#      and started again, while a writer POSTs single complaints directly to the instances in
#      turn and wrk reads through nginx:
#      - all three instances are still running afterwards;
#      - within 30 s of the database being back, every instance's /readyz is 200 and reads
#        answer 200 on every instance and through nginx, and writes succeed again;
#      - every writer answer other than 201 was a 503 with application/problem+json;
#      - through nginx only 2xx/3xx, 503 (an instance's) or 502 "no live upstreams" (nginx's,
#        once every instance has answered 503 max_fails times; it lasts up to fail_timeout);
#        no other 5xx, no wrk socket error;
#      - every acknowledged (201) complaint is in the database.
#
# Usage: scripts/cluster-test.sh [--quick]
#   --quick   shorter phases and smaller uploads (about a minute here; meant to stay under 3)
# Environment:
#   COUNCIL_API_BIN     server binary (default: build the release binary with scripts/lib.sh)
#   REGISTER            council register CSV (default: shared/data/... beside the repository)
#   CLUSTER_SEED        seed of the generated complaints (default 20250331)
#   CLUSTER_SERVE_ARGS  extra arguments for `council-api serve` (split on spaces)
#   CLUSTER_KEEP=1      keep the work folder (logs, answers) and print its path
#   WRK_CONNECTIONS     wrk connections (default 128), WRK_THREADS (default 2)
#
# Only 127.0.0.1 is ever contacted. Every loop is bounded in count and time. Everything started
# here (instances, nginx, PostgreSQL, background loops) is stopped on exit, by process id.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/pg.sh

parse_quick cluster-test "$@"
need_apt postgresql nginx wrk curl python3 iproute2

# Sizes and durations. Bulk data comes from one gen-data run, cut into pieces, so that no two
# uploads share a reference; single complaints use reference prefixes gen-data never makes
# (its first two digits are the year received, 14 to 25): 91 (b), 92 (c), 93 (e).
if ((quick)); then
    a_seconds=8 a_files=10 a_size=2000
    d_big=30000 d_small_files=10 d_small_size=1000
    e_outage=2
else
    a_seconds=30 a_files=40 a_size=5000
    d_big=100000 d_small_files=20 d_small_size=2000
    e_outage=5
fi
connections=${WRK_CONNECTIONS:-128}
threads=${WRK_THREADS:-2}
seed=${CLUSTER_SEED:-20250331}
kill_grace=1
read -r -a serve_extra <<<"${CLUSTER_SERVE_ARGS:-}"

REGISTER=${REGISTER:-$(find_register cluster-test)}
COUNCIL_API_BIN=${COUNCIL_API_BIN:-$(build_release)}
[ -x "$COUNCIL_API_BIN" ] || { echo "cluster-test: $COUNCIL_API_BIN is not an executable" >&2; exit 2; }
# wrk's, nginx's and the instances' connections all need descriptors.
if [ "$(ulimit -n)" -lt 8192 ]; then ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"; fi

work=$(mktemp -d)
# PostgreSQL (as postgres) and nginx's workers (as www-data) must be able to enter it.
chmod 755 "$work"
mkdir -p "$work/bulk" "$work/answers"

declare -a port pid
nginx_pid=
background=() # pids of background loops and tools started here
# shellcheck disable=SC2317 # stop_pid and cleanup run from the EXIT trap
stop_pid() {  # stop_pid PID: TERM, up to 10 s, then KILL; only our own children
    local p=$1 i
    [ -n "$p" ] || return 0
    kill -0 "$p" 2>/dev/null || { wait "$p" 2>/dev/null || true; return 0; }
    kill -TERM "$p" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$p" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
}
# finish PID SECONDS: waits up to SECONDS for a background job to end, then stops it (and the
# command it is waiting for); its exit status is not looked at.
finish() {
    local p=$1 i
    for ((i = 0; i < $2 * 10; i++)); do
        kill -0 "$p" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$p" 2>/dev/null; then
        log "a background job (pid $p) did not end within $2 s; stopping it"
        pkill -TERM -P "$p" 2>/dev/null || true
        stop_pid "$p"
    fi
    wait "$p" 2>/dev/null || true
}
# shellcheck disable=SC2317
cleanup() {
    local status=$?
    set +e
    touch "$work/stop" 2>/dev/null
    for p in "${background[@]}"; do
        pkill -TERM -P "$p" 2>/dev/null # the curl a loop is waiting for
        stop_pid "$p"
    done
    for i in 1 2 3; do stop_pid "${pid[$i]:-}"; done
    stop_pid "$nginx_pid"
    pg_stop
    if [ "${CLUSTER_KEEP:-0}" = 1 ]; then
        echo "cluster-test: work folder kept: $work" >&2
    else
        rm -rf "$work"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'log "stopped: a command failed at line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

log() { echo "cluster-test: $*" >&2; }
die() {
    log "$*"
    exit 1
}
now() { date +%s.%N; }
elapsed_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

passed=0
failed=0
pass() {
    echo "PASS $1"
    passed=$((passed + 1))
}
fail() {
    echo "FAIL $1: $2"
    failed=$((failed + 1))
}
verdict() { # verdict NAME FAILURES-FILE SUMMARY: PASS when the file is empty
    local count more=
    if [ -s "$2" ]; then
        count=$(wc -l <"$2")
        ((count <= 5)) || more=" (and $((count - 5)) more)"
        fail "$1" "$(head -n 5 "$2" | tr '\n' ';' | cut -c 1-800)$more"
    else
        pass "$1${3:+ ($3)}"
    fi
}

# Free TCP ports on 127.0.0.1, all different (held open together while they are picked).
free_ports() {
    python3 -c 'import socket, sys
held = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in held:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in held))' "$1"
}

# status URL [curl args…]: prints the HTTP status (000 when there was no answer). The body is
# dropped unless the arguments have their own -o (curl binds each -o to one URL, in order).
status() {
    local url=$1 output=(-o /dev/null) argument
    shift
    for argument in "$@"; do [ "$argument" != -o ] || output=(); done
    curl -s "${output[@]}" -w '%{http_code}' --max-time 10 "$@" "$url" || true
}

# wait_status URL CODE SECONDS: polls URL (10 times a second) until it answers CODE.
wait_status() {
    local i
    for ((i = 0; i < $3 * 10; i++)); do
        [ "$(status "$1" --max-time 2)" = "$2" ] && return 0
        sleep 0.1
    done
    return 1
}

instance_url() { echo "http://127.0.0.1:${port[$1]}"; }

# start_instance I: starts instance I on its port (its output appended to instance-I.out and
# .log) and waits until /readyz answers 200; status 1, with the reason on stderr, if it does not.
start_instance() {
    local i=$1 j
    : >"$work/instance-$i.out"
    API_TOKENS=$token "$COUNCIL_API_BIN" serve --host 127.0.0.1 --port "${port[$i]}" \
        --database "$PG_URL" --database-pool-size 8 "${serve_extra[@]}" \
        >>"$work/instance-$i.out" 2>>"$work/instance-$i.log" &
    pid[i]=$!
    for ((j = 0; j < 300; j++)); do
        grep -q 'listening on http://' "$work/instance-$i.out" 2>/dev/null && break
        if ! kill -0 "${pid[$i]}" 2>/dev/null; then
            tail -n 20 "$work/instance-$i.log" >&2
            echo "instance $i exited at start" >&2
            return 1
        fi
        sleep 0.1
    done
    if ! wait_status "$(instance_url "$i")/readyz" 200 60; then
        tail -n 20 "$work/instance-$i.log" >&2
        echo "instance $i (port ${port[$i]}) not ready 60 s after its start" >&2
        return 1
    fi
}

# The JSON body of a complaint with reference REF (e.g. "91 000 001"), decided in 2024-25.
complaint_json() {
    printf '{"reference": "%s", "council": "knowsley", "decided": "2024-06-30", "category": "Adult care services", "outcome": "upheld", "compliance": "complied"}' "$1"
}
# A reference "PP NNN NNN" from a two-digit prefix and a number.
reference() { printf '%s %03d %03d' "$1" $(($2 / 1000 % 1000)) $(($2 % 1000)); }
header() { # header FILE NAME: the value of the last response's header NAME ("" if none)
    [ -f "$1" ] || { echo; return 0; }
    tr -d '\r' <"$1" | awk -v name="$(echo "$2" | tr '[:upper:]' '[:lower:]')" '
        /^HTTP\// { value = "" }
        { split($0, kv, ":"); if (tolower(kv[1]) == name) { value = substr($0, length(kv[1]) + 2); sub(/^ +/, "", value) } }
        END { print value }'
}
status_line() { # status_line FILE: the status code of the last response in a -D file
    [ -f "$1" ] || { echo 000; return 0; }
    tr -d '\r' <"$1" | awk '/^HTTP\// { code = $2 } END { print code }'
}
json_get() { # json_get FILE KEY.KEY…
    python3 -c 'import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("."):
    value = value[key]
print(value)' "$1" "$2" 2>/dev/null || echo "?"
}
# The references of an NDJSON upload, eight digits, sorted (gen-data writes "reference" first).
file_refs() { sed -n 's/^{"reference":"\([0-9 -]*\)".*/\1/p' "$1" | tr -d ' -' | sort -u; }
# The references in the database, eight digits (also if stored as a number), sorted.
db_refs() { psql_url "$PG_URL" "SELECT lpad(reference::text, 8, '0') FROM complaints" | tr -cd '0-9\n' | sort -u; }
# upload FILE URL ANSWER: POSTs FILE to URL/v1/complaints/bulk; prints the status.
upload() {
    curl -s -o "$3" -w '%{http_code}' --max-time 300 -X POST -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/x-ndjson' --data-binary "@$1" "$2/v1/complaints/bulk" || true
}
wrk_reads() { # wrk_reads SECONDS OUT: wrk through nginx with the mixed reads (exec: when run
    # with &, $! is wrk itself, which prints its report on SIGINT)
    exec wrk --latency -t "$threads" -c "$connections" -d "${1}s" --timeout 10s -s scripts/cluster-reads.lua "$lb_url" >"$2" 2>&1
}
wrk_problems() { # the wrk output's error lines, if any
    grep -E 'Socket errors|Non-2xx or 3xx' "$1" | tr -s ' ' | tr '\n' ';' || true
}
wrk_statuses() { awk '$1 == "status" { printf "%s%s:%s", sep, $2, $3; sep = " " }' "$1"; }
# nginx_requests: the balancer's log as "start end status method upstream", one
# line per request (start = msec - rt), requests the client abandoned (499) left out.
nginx_requests() {
    awk '
        function field(name,    line) {
            line = " " $0
            if (match(line, " " name "=\"[^\"]*\"")) return substr(line, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
            if (match(line, " " name "=[^ ]*")) return substr(line, RSTART + length(name) + 2, RLENGTH - length(name) - 2)
            return ""
        }
        {
            status = field("status"); if (status == 499) next
            upstream = field("upstream"); gsub(/ /, "", upstream)
            printf "%.3f %.3f %s %s %s\n", field("msec") - field("rt"), field("msec"), status, field("method"), upstream
        }' "$lb/logs/access.log"
}

token="cluster-$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')"
test_start=$(now)

# ---------------------------------------------------------------------------------------------
log "PostgreSQL"
pg_start "$work/pg"

log "migrate and import the register"
"$COUNCIL_API_BIN" migrate --database "$PG_URL" >"$work/migrate.log" 2>&1 ||
    { cat "$work/migrate.log" >&2; die "migrate failed"; }
"$COUNCIL_API_BIN" import councils "$REGISTER" --database "$PG_URL" >"$work/import.log" 2>&1 ||
    { cat "$work/import.log" >&2; die "import councils failed"; }
councils=$(psql_url "$PG_URL" 'SELECT count(*) FROM councils' 2>/dev/null || echo "?")

log "generating $((a_files * a_size + d_big + d_small_files * d_small_size)) complaints"
scripts/gen-data --complaints $((a_files * a_size + d_big + d_small_files * d_small_size)) --seed "$seed" \
    --register "$REGISTER" --out "$work/bulk/all.ndjson" >/dev/null 2>"$work/gen-data.log" ||
    { cat "$work/gen-data.log" >&2; die "gen-data failed"; }
awk -v dir="$work/bulk" -v a_files="$a_files" -v a_size="$a_size" -v big="$d_big" -v small="$d_small_size" '
    NR <= a_files * a_size { file = sprintf("%s/a-%03d.ndjson", dir, int((NR - 1) / a_size) + 1) }
    NR > a_files * a_size && NR <= a_files * a_size + big { file = dir "/d-big.ndjson" }
    NR > a_files * a_size + big { file = sprintf("%s/d-small-%03d.ndjson", dir, int((NR - a_files * a_size - big - 1) / small) + 1) }
    { if (file != last) { if (last != "") close(last); last = file } print > file }
' "$work/bulk/all.ndjson"
rm "$work/bulk/all.ndjson"

log "three instances"
read -r -a ports <<<"$(free_ports 4)"
port=([1]="${ports[0]}" [2]="${ports[1]}" [3]="${ports[2]}")
lb_port=${ports[3]}
for i in 1 2 3; do start_instance "$i" || die "instance $i did not start"; done

log "nginx on 127.0.0.1:$lb_port"
lb="$work/nginx"
mkdir -p "$lb/logs"
deploy/render-nginx.sh --listen "127.0.0.1:$lb_port" --server "127.0.0.1:${port[1]}" \
    --server "127.0.0.1:${port[2]}" --server "127.0.0.1:${port[3]}" <deploy/nginx.conf >"$lb/nginx.conf"
nginx -t -q -p "$lb/" -e "$lb/logs/error.log" -c "$lb/nginx.conf" || die "nginx -t failed on $lb/nginx.conf"
nginx -p "$lb/" -e "$lb/logs/error.log" -c "$lb/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
lb_url="http://127.0.0.1:$lb_port"
wait_status "$lb_url/readyz" 200 10 || { cat "$lb/logs/error.log" >&2; die "nginx does not answer"; }
log "ready in $(elapsed_since "$test_start") s: ${councils} councils; instances on ${port[1]}, ${port[2]}, ${port[3]}; nginx on $lb_port; PostgreSQL on $PG_PORT"
for path in /v1/councils /v1/councils/knowsley "/v1/councils/knowsley/statistics?year=2024-25" \
    "/v1/statistics?type=district&year=2024-25" "/v1/complaints?limit=20" /healthz; do
    code=$(status "$lb_url$path")
    [ "$code" = 200 ] || die "GET $path through nginx answered $code before the checks"
done

# ---------------------------------------------------------------------------------------------
log "a. ${a_seconds}s of reads through nginx ($connections connections) with bulk uploads of $a_size lines to each instance in turn"
: >"$work/a.failures"
wrk_reads "$a_seconds" "$work/wrk-a.txt" &
wrk_pid=$!
background+=("$wrk_pid")
sleep 0.5
uploads=0
a_deadline=$(($(date +%s) + a_seconds))
for file in "$work"/bulk/a-*.ndjson; do
    kill -0 "$wrk_pid" 2>/dev/null || break
    (($(date +%s) < a_deadline)) || break
    instance=$((uploads % 3 + 1))
    code=$(upload "$file" "$(instance_url "$instance")" "$work/answers/$(basename "$file").json")
    uploads=$((uploads + 1))
    [ "$code" = 200 ] ||
        echo "upload $(basename "$file") to instance $instance answered $code: $(head -c 200 "$work/answers/$(basename "$file").json")" >>"$work/a.failures"
done
wait "$wrk_pid" || echo "wrk exited with status $?: $(tail -n 3 "$work/wrk-a.txt" | tr '\n' ' ')" >>"$work/a.failures"
((uploads > 0)) || echo "no upload was made while wrk ran" >>"$work/a.failures"
problems=$(wrk_problems "$work/wrk-a.txt")
[ -z "$problems" ] || echo "wrk: $problems statuses $(wrk_statuses "$work/wrk-a.txt")" >>"$work/a.failures"
verdict "a. mixed reads through nginx while bulk uploads go to each instance" "$work/a.failures" \
    "$(awk '/requests in/ {print $1}' "$work/wrk-a.txt") reads, $(awk '/^Requests\/sec:/ {print $2}' "$work/wrk-a.txt") req/s, p99 $(awk '/^ +99%/ {print $2}' "$work/wrk-a.txt"); $uploads uploads of $a_size lines answered 200"

# ---------------------------------------------------------------------------------------------
log "b. read-your-writes across instances"
: >"$work/b.failures"
pairs=("1 2" "2 3" "3 1" "2 1" "3 2" "1 3")
stats="/v1/councils/knowsley/statistics?year=2024-25"
b="$work/answers/b"
for ((n = 1; n <= 20; n++)); do
    read -r a_i b_i <<<"${pairs[$(((n - 1) % 6))]}"
    a_url=$(instance_url "$a_i") b_url=$(instance_url "$b_i")
    ref=$(reference 91 "$n")
    what="write $n ($ref, to $a_i, read from $b_i)"
    rm -f "$b"-*
    code=$(status "$b_url$stats" -D "$b-stats0.h" -o "$b-stats0.json")
    [ "$code" = 200 ] || { echo "$what: statistics before answered $code" >>"$work/b.failures"; continue; }
    etag0=$(header "$b-stats0.h" ETag)
    count0=$(json_get "$b-stats0.json" complaints.dealt_with)
    code=$(status "$a_url/v1/complaints" -X POST -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d "$(complaint_json "$ref")" -o "$b-post.json")
    [ "$code" = 201 ] || { echo "$what: POST answered $code $(head -c 200 "$b-post.json")" >>"$work/b.failures"; continue; }
    code=$(status "$b_url/v1/complaints/${ref// /}" -o "$b-get.json")
    if [ "$code" != 200 ]; then
        echo "$what: GET of the complaint answered $code" >>"$work/b.failures"
    elif [ "$(json_get "$b-get.json" reference)" != "$ref" ]; then
        echo "$what: GET of the complaint gave another reference: $(head -c 120 "$b-get.json")" >>"$work/b.failures"
    fi
    code=$(status "$b_url$stats" -D "$b-stats1.h" -o "$b-stats1.json")
    etag1=$(header "$b-stats1.h" ETag)
    count1=$(json_get "$b-stats1.json" complaints.dealt_with)
    if [ "$code" != 200 ]; then
        echo "$what: statistics after answered $code" >>"$work/b.failures"
    else
        [[ $count0 =~ ^[0-9]+$ ]] && [ "$count1" = $((count0 + 1)) ] ||
            echo "$what: dealt_with went from $count0 to $count1, not up by one" >>"$work/b.failures"
        [ -n "$etag0" ] && [ "$etag0" != "$etag1" ] ||
            echo "$what: the statistics ETag did not change ($etag0 -> $etag1)" >>"$work/b.failures"
    fi
    code=$(status "$b_url$stats" -H "If-None-Match: $etag0")
    [ "$code" = 200 ] || echo "$what: If-None-Match with the old ETag answered $code, not 200" >>"$work/b.failures"
done
verdict "b. read-your-writes across instances (20 writes, each read at once from another instance)" "$work/b.failures"

# ---------------------------------------------------------------------------------------------
log "c. idempotency race"
: >"$work/c.failures"
c="$work/answers/c"
replays=0 conflicts=0
for ((n = 1; n <= 10; n++)); do
    ref=$(reference 92 "$n")
    key="race-$token-$n"
    complaint_json "$ref" >"$c-body.json"
    rm -f "$c"-[123].h "$c"-[123].json
    args=()
    for i in 1 2 3; do
        if ((i > 1)); then args+=(--next); fi
        args+=(-s --max-time 20 -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json'
            -H "Idempotency-Key: $key" --data-binary "@$c-body.json" -D "$c-$i.h" -o "$c-$i.json"
            "$(instance_url "$i")/v1/complaints")
    done
    curl --no-progress-meter --parallel --parallel-immediate --parallel-max 3 "${args[@]}" >/dev/null 2>>"$work/c.curl.log" || true
    originals=0 original_body=
    for i in 1 2 3; do
        [ -f "$c-$i.h" ] || { echo "key $n: instance $i gave no answer" >>"$work/c.failures"; continue; }
        code=$(status_line "$c-$i.h")
        replayed=$(header "$c-$i.h" Idempotent-Replayed)
        if [ "$code" = 201 ] && [ "$replayed" != true ]; then
            originals=$((originals + 1))
            original_body=$(cat "$c-$i.json")
        fi
    done
    for i in 1 2 3; do
        [ -f "$c-$i.h" ] || continue
        code=$(status_line "$c-$i.h")
        replayed=$(header "$c-$i.h" Idempotent-Replayed)
        if [ "$code" = 201 ] && [ "$replayed" = true ]; then
            replays=$((replays + 1))
            [ "$(cat "$c-$i.json")" = "$original_body" ] ||
                echo "key $n: instance $i replayed another body: $(head -c 150 "$c-$i.json")" >>"$work/c.failures"
        elif [ "$code" = 409 ]; then
            conflicts=$((conflicts + 1))
            [[ $(header "$c-$i.h" Content-Type) == application/problem+json* ]] ||
                echo "key $n: instance $i answered 409 without a problem body" >>"$work/c.failures"
        elif [ "$code" != 201 ]; then
            echo "key $n: instance $i answered $code (replayed: ${replayed:-no}): $(head -c 150 "$c-$i.json")" >>"$work/c.failures"
        fi
    done
    ((originals == 1)) || echo "key $n: $originals answers were 201 without Idempotent-Replayed (want 1)" >>"$work/c.failures"
    # Afterwards the key is settled everywhere: a replay of the one answer.
    code=$(status "$(instance_url $((n % 3 + 1)))/v1/complaints" -X POST -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: $key" --data-binary "@$c-body.json" \
        -D "$c-after.h" -o "$c-after.json")
    [ "$code" = 201 ] && [ "$(header "$c-after.h" Idempotent-Replayed)" = true ] ||
        echo "key $n: the request sent again afterwards answered $code, replayed: $(header "$c-after.h" Idempotent-Replayed)" >>"$work/c.failures"
    stored=$(psql_url "$PG_URL" "SELECT count(*) FROM complaints WHERE lpad(reference::text, 8, '0') = '${ref// /}'" || echo "?")
    [ "$stored" = 1 ] || echo "key $n: the complaint is stored $stored times" >>"$work/c.failures"
done
verdict "c. idempotency race: one key sent to three instances at once, 10 times" "$work/c.failures" \
    "10 writes; the other answers: $replays replays, $conflicts 409"

# ---------------------------------------------------------------------------------------------
log "d. SIGKILL of instance 3 during a bulk upload of $d_big lines to it"
: >"$work/d.reads.failures"
: >"$work/d.data.failures"
: >"$work/d.small.status"
d_kill_wait=30                 # at most this long for the upload's transaction to be under way
d_wrk_seconds=$((d_kill_wait + 8)) # wrk is stopped 5 s after the kill, whenever that is
wrk_reads "$d_wrk_seconds" "$work/wrk-d.txt" &
d_wrk_pid=$!
background+=("$d_wrk_pid")
sleep 1
big_start=$(now)
(
    set +e
    upload "$work/bulk/d-big.ndjson" "$(instance_url 3)" "$work/answers/d-big.json" >"$work/d-big.status"
) &
big_pid=$!
background+=("$big_pid")
# Smaller uploads through nginx, one after another, until the stop file or the last file.
(
    set +e
    for file in "$work"/bulk/d-small-*.ndjson; do
        [ -e "$work/d.stop" ] && break
        code=$(upload "$file" "$lb_url" "$work/answers/$(basename "$file").json")
        echo "$(basename "$file") $code" >>"$work/d.small.status"
    done
) &
small_pid=$!
background+=("$small_pid")

# The local ports of instance 3's connections to PostgreSQL, comma separated (ss names the pid).
pg_ports_of_3() {
    { ss -Htnp "dport = :$PG_PORT" 2>/dev/null || true; } |
        awk -v p="pid=${pid[3]}," 'index($0, p) { n = split($4, a, ":"); printf "%s%s", sep, a[n]; sep = "," }'
}
# Kill point: the big upload not yet answered, and instance 3 in a write transaction (one of its
# PostgreSQL connections has a transaction id) for at least 0.3 s, so the kill lands in the
# middle of the transaction, not while the body is still arriving. Bounded: after d_kill_wait
# seconds it is killed anyway (the log line says so).
in_transaction=no
for ((n = 0; n < d_kill_wait * 20; n++)); do
    kill -0 "$big_pid" 2>/dev/null || break
    client_ports=$(pg_ports_of_3)
    if [ -n "$client_ports" ]; then
        age=$(psql_url "$PG_ADMIN_URL" "SELECT coalesce(max(extract(epoch FROM now() - xact_start)), 0) FROM pg_stat_activity
            WHERE datname = 'council' AND backend_xid IS NOT NULL AND client_port IN ($client_ports)" 2>/dev/null || echo 0)
        if awk -v a="$age" 'BEGIN { exit !(a >= 0.3) }'; then
            in_transaction="yes, for $(awk -v a="$age" 'BEGIN { printf "%.2f", a }') s"
            break
        fi
    fi
    sleep 0.05
done
big_answered=no
kill -0 "$big_pid" 2>/dev/null || big_answered=yes
kill -KILL "${pid[3]}" 2>/dev/null || echo "instance 3 had died before the kill" >>"$work/d.data.failures"
wait "${pid[3]}" 2>/dev/null || true
kill_time=$(now)
log "killed instance 3 after $(awk -v a="$big_start" -v b="$kill_time" 'BEGIN { printf "%.1f", b - a }') s of upload; in a write transaction: $in_transaction"
[ "$big_answered" = no ] || echo "the big upload was answered before the kill ($(cat "$work/d-big.status" 2>/dev/null)): make it bigger" >>"$work/d.data.failures"

# Reads and smaller uploads through nginx go on for 5 s after the kill.
sleep 5
touch "$work/d.stop"
kill -INT "$d_wrk_pid" 2>/dev/null || true # wrk prints its report on SIGINT
finish "$d_wrk_pid" 10
finish "$small_pid" 120 # the upload in flight when the stop file appeared
finish "$big_pid" 10

# Reads: 5xx through nginx in the 5 s after the kill, by when the request started.
nginx_requests | awk -v kill="$kill_time" -v grace="$kill_grace" '
    $2 >= kill && $1 <= kill + 5 {
        total++
        if ($3 >= 500) { if ($1 > kill + grace) late++; else early++ }
    }
    END { printf "%d %d %d\n", total, early, late }' >"$work/d.window"
read -r d_total d_early d_late <"$work/d.window"
((d_late == 0)) || echo "$d_late requests through nginx that started more than ${kill_grace}s after the kill answered 5xx: $(nginx_requests | awk -v k="$kill_time" -v g="$kill_grace" '$1 > k + g && $3 >= 500 && n++ < 3' | tr '\n' ';')" >>"$work/d.reads.failures"
((d_total > 0)) || echo "no request through nginx ended in the 5 s after the kill" >>"$work/d.reads.failures"
socket_errors=$(grep 'Socket errors' "$work/wrk-d.txt" || true)
[ -z "$socket_errors" ] || echo "wrk: $socket_errors" >>"$work/d.reads.failures"
verdict "d. reads through nginx go on when an instance is SIGKILLed (no 5xx past ${kill_grace}s after the kill)" \
    "$work/d.reads.failures" "$d_total requests in the 5 s after the kill; $d_early 5xx among those in flight at the kill or within ${kill_grace}s; wrk statuses $(wrk_statuses "$work/wrk-d.txt")"

# Data: acknowledged uploads whole; the others whole or absent.
db_refs >"$work/d.db-refs" || echo "could not read the references in the database" >>"$work/d.data.failures"
acked=0 unacked=0
check_upload() { # check_upload FILE STATUS
    local refs present lines
    lines=$(grep -c . "$1" || true)
    file_refs "$1" >"$work/upload.refs"
    refs=$(wc -l <"$work/upload.refs")
    ((refs == lines)) || { echo "$(basename "$1"): $refs references for $lines lines (gen-data format?)" >>"$work/d.data.failures"; return; }
    present=$(comm -12 "$work/upload.refs" "$work/d.db-refs" | wc -l)
    if [ "$2" = 200 ]; then
        acked=$((acked + 1))
        ((present == refs)) || echo "$(basename "$1"), answered 200: $((refs - present)) of $refs rows missing" >>"$work/d.data.failures"
    else
        unacked=$((unacked + 1))
        ((present == 0 || present == refs)) ||
            echo "$(basename "$1"), answered $2: torn, $present of $refs rows stored" >>"$work/d.data.failures"
    fi
}
big_status=$(cat "$work/d-big.status" 2>/dev/null || echo "?")
# curl prints 000 when no answer came, 100 when only "100 Continue" did: no answer either way.
case $big_status in 000 | 1??) big_answer="none, the connection closed" ;; *) big_answer=$big_status ;; esac
check_upload "$work/bulk/d-big.ndjson" "$big_status"
big_present=$(comm -12 <(file_refs "$work/bulk/d-big.ndjson") "$work/d.db-refs" | wc -l)
small_refused=()
while read -r name code; do
    check_upload "$work/bulk/$name" "$code"
    [ "$code" = 200 ] || small_refused+=("$name:$code")
done <"$work/d.small.status"
verdict "d. uploads across the kill: acknowledged ones stored whole, the others whole or not at all" "$work/d.data.failures" \
    "the killed upload (answer: ${big_answer}) $( ((big_present == 0)) && echo "rolled back" || echo "$big_present of $d_big rows stored"); $acked acknowledged uploads stored whole; $unacked not acknowledged (the killed one${small_refused[*]:+, ${small_refused[*]}})"

: >"$work/d.restart.failures"
restart_start=$(now)
start_instance 3 2>"$work/d.restart.err" ||
    { tail -n 3 "$work/d.restart.err" | tr '\n' ' '; echo; } >>"$work/d.restart.failures"
restart_seconds=$(elapsed_since "$restart_start")
awk -v s="$restart_seconds" 'BEGIN { exit !(s > 30) }' &&
    echo "ready only $restart_seconds s after its start (more than 30)" >>"$work/d.restart.failures"
verdict "d. the killed instance starts again on its port and is ready" "$work/d.restart.failures" \
    "ready $restart_seconds s after its start"

# ---------------------------------------------------------------------------------------------
log "e. PostgreSQL stopped (immediate) for ${e_outage}s under reads and writes"
: >"$work/e.failures"
: >"$work/e.writes"
rm -f "$work/e.stop"
e_wrk_seconds=$((3 + e_outage + 45))
wrk_reads "$e_wrk_seconds" "$work/wrk-e.txt" &
e_wrk_pid=$!
background+=("$e_wrk_pid")
# The writer: single complaints to instances 1, 2, 3 in turn; "reference status content-type".
(
    set +e
    for ((n = 1; n <= 20000; n++)); do
        [ -e "$work/e.stop" ] && break
        ref=$(reference 93 "$n")
        i=$((n % 3 + 1))
        rm -f "$work/answers/e-write.h"
        code=$(curl -s -o "$work/answers/e-write.json" -D "$work/answers/e-write.h" -w '%{http_code}' --max-time 10 \
            -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "$(complaint_json "$ref")" "$(instance_url "$i")/v1/complaints" || true)
        type=$(header "$work/answers/e-write.h" Content-Type | tr -d ' ')
        echo "${ref// /} $code ${type:--} $i $(date +%s.%N)" >>"$work/e.writes"
    done
) &
writer_pid=$!
background+=("$writer_pid")
sleep 3
outage_start=$(now)
pg_kill
sleep "$e_outage"
pg_start_again
back=$(now)
log "PostgreSQL back after $(awk -v a="$outage_start" -v b="$back" 'BEGIN { printf "%.1f", b - a }') s"

# Recovery: every instance ready and reading, and nginx reading, within 30 s of the database.
recovered=no
for ((n = 0; n < 300; n++)); do
    all=yes
    for i in 1 2 3; do
        [ "$(status "$(instance_url "$i")/readyz" --max-time 2)" = 200 ] || { all=no; break; }
        [ "$(status "$(instance_url "$i")$stats" --max-time 2)" = 200 ] || { all=no; break; }
    done
    [ "$all" = yes ] && [ "$(status "$lb_url$stats" --max-time 2)" = 200 ] &&
        [ "$(status "$lb_url/v1/complaints?limit=20" --max-time 2)" = 200 ] && { recovered=yes; break; }
    sleep 0.1
done
recovery=$(elapsed_since "$back")
recovered_at=$(now)
# Writes go on for 3 s after recovery: they must succeed again.
sleep 3
touch "$work/e.stop"
finish "$writer_pid" 15
kill -INT "$e_wrk_pid" 2>/dev/null || true
finish "$e_wrk_pid" 10

for i in 1 2 3; do
    kill -0 "${pid[$i]}" 2>/dev/null || echo "instance $i (pid ${pid[$i]}) is no longer running: $(tail -n 2 "$work/instance-$i.log" | tr '\n' ' ')" >>"$work/e.failures"
done
[ "$recovered" = yes ] || echo "not every instance (and nginx) answered /readyz and reads with 200 within 30 s of PostgreSQL being back" >>"$work/e.failures"
verdict "e. instances survive the PostgreSQL outage and recover within 30 s" "$work/e.failures" \
    "ready and reading ${recovery} s after PostgreSQL was back"

: >"$work/e.writes.failures"
writes=$(wc -l <"$work/e.writes")
created=$(awk '$2 == 201' "$work/e.writes" | wc -l)
refused=$(awk '$2 == 503' "$work/e.writes" | wc -l)
awk '$2 != 201 && !($2 == 503 && $3 ~ /^application\/problem\+json/)' "$work/e.writes" |
    awk 'n++ < 5 { print "write " $1 " to instance " $4 ": " $2 " " $3 }' >>"$work/e.writes.failures"
late_created=$(awk -v t="$recovered_at" '$2 == 201 && $5 > t' "$work/e.writes" | wc -l)
((late_created > 0)) || echo "no write succeeded after the recovery" >>"$work/e.writes.failures"
((refused > 0)) || log "note: no write was refused during the outage (it may have fallen between writes)"
db_refs >"$work/e.db-refs" || echo "could not read the references in the database" >>"$work/e.writes.failures"
awk '$2 == 201 { print $1 }' "$work/e.writes" | sort -u >"$work/e.acked"
lost=$(comm -23 "$work/e.acked" "$work/e.db-refs" | wc -l)
((lost == 0)) || echo "$lost acknowledged complaints are missing: $(comm -23 "$work/e.acked" "$work/e.db-refs" | awk 'NR <= 5' | tr '\n' ' ')" >>"$work/e.writes.failures"
verdict "e. writes across the outage: 201 or 503 problem, and every acknowledged one stored" "$work/e.writes.failures" \
    "$writes writes: $created created, $refused refused with 503, $late_created created after the recovery"

: >"$work/e.lb.failures"
nginx_requests | awk -v t0="$outage_start" '$1 >= t0 - 3' >"$work/e.lb" || true
# "no live upstreams": nginx ends the list of upstreams it tried with the group's name.
awk '
    $3 == 503 { instance_503++; next }
    $3 == 502 && $5 ~ /(^|,)council_api$/ { no_live++; next }
    $3 >= 500 { if (bad++ < 5) print "unexpected through nginx: " $3 " " $4 " from " $5 " (started " $1 ")" }
    END {
        if (bad > 5) print bad " unexpected 5xx through nginx in all"
        printf "%d %d\n", instance_503, no_live > "/dev/stderr"
    }' "$work/e.lb" >>"$work/e.lb.failures" 2>"$work/e.lb.counts"
read -r e_503 e_no_live <"$work/e.lb.counts"
socket_errors=$(grep 'Socket errors' "$work/wrk-e.txt" || true)
[ -z "$socket_errors" ] || echo "wrk: $socket_errors" >>"$work/e.lb.failures"
verdict "e. through nginx during the outage only 2xx/3xx, 503 or 502 'no live upstreams'" "$work/e.lb.failures" \
    "wrk statuses $(wrk_statuses "$work/wrk-e.txt"); in nginx's log $e_503 answers 503 from an instance, $e_no_live 502 with no live upstream"

echo "cluster-test: $passed passed, $failed failed ($(elapsed_since "$test_start") s)"
exit $((failed == 0 ? 0 : 1))
