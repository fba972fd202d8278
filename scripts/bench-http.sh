#!/usr/bin/env bash
# HTTP core benchmark: council-api beside nginx (a static file) and the Hummingbird 2 peer of
# Benchmarks/ (what a Swift user would pick), in one run, on the same machine and the same data.
#
# Builds council-api and the peer in release mode (or takes COUNCIL_API_BIN / PEER_BIN), loads a
# SQLite database of SIZE generated complaints once (kept in scripts/out/), starts the three
# servers on 127.0.0.1 and then, for each scenario, runs wrk against each server in turn, three
# rounds, the order of the servers rotating from round to round so none always goes first:
#
#   healthz         GET /healthz (a fixed JSON body; nginx serves the same bytes) at 64 connections
#   pipelined       GET /healthz, 16 requests deep per connection (a wrk Lua script), 64 connections
#   c1000           GET /healthz at 1,000 keep-alive connections: socket errors, p99, peak RSS
#   statistics      GET /v1/councils/birmingham/statistics?year=2024-25 at 64 connections (council-api
#                   and the peer, the same SQL on the same file; nginx has no such route)
#
# Each table gives the median over the rounds of requests/s, p50 and p99, the socket errors and
# non-2xx answers summed over the rounds (p99 "n/a" where wrk's histogram gave 0, which it does at
# times under pipelining), and the peak RSS (VmHWM) read after the c1000 rounds
# (the statistics rounds come last so they do not count in it). Before each run the script waits
# until every server is idle again. Then council-api's figures over
# the peer's (and nginx's) and council-api's statistics throughput over its own /healthz.
#
# Usage: scripts/bench-http.sh [--quick]   (--quick: 3 s per wrk run instead of 10 s)
# Environment: COUNCIL_API_BIN (a council-api binary; default: build this checkout's), PEER_BIN
#              (a hummingbird-peer binary; default: build Benchmarks/), SIZE (complaints, 200000),
#              DATABASE (a loaded SQLite file to use instead), WRK_DURATION (10s), WRK_THREADS (1, as in issue 11),
#              ROUNDS (3), SCENARIOS ("healthz pipelined c1000 statistics"), WRK_LOG (appended to).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
parse_quick bench-http "$@"
need_apt wrk nginx sqlite3 curl python3
duration=${WRK_DURATION:-$([ "$quick" = 1 ] && echo 3s || echo 10s)}
threads=${WRK_THREADS:-1}
rounds=${ROUNDS:-3}
scenarios=${SCENARIOS:-"healthz pipelined c1000 statistics"}
size=${SIZE:-200000}
statistics_path="/v1/councils/birmingham/statistics?year=2024-25"
# 1,000 connections need more than the usual 1,024 descriptors once the servers' own are counted.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

COUNCIL_API_BIN=${COUNCIL_API_BIN:-$(build_release)}
export COUNCIL_API_BIN
PEER_BIN=$(build_peer)
database=$(bench_database "$size")

work=$(mktemp -d)
# shellcheck disable=SC2317 # runs from the EXIT trap
cleanup() {
    stop_listeners
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
wrk_log=$work/wrk.log
: >"$wrk_log"

# nginx: same body, same content type, one worker per core, access log on like ours.
mkdir -p "$work/www"
printf '{"status":"ok"}' >"$work/www/healthz"
# nginx workers run as an unprivileged user; mktemp -d made the folder private to us.
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/healthz"
nginx_port=$((20000 + RANDOM % 20000))
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
worker_rlimit_nofile 8192;
http {
    access_log $work/nginx-access.log;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/www;
        location = /healthz { default_type application/json; }
    }
}
CONF
nginx -c "$work/nginx.conf"
LISTENER_URLS[nginx]=http://127.0.0.1:$nginx_port

start_listener council-api "$work/council-api.log" "$COUNCIL_API_BIN" serve --port 0 --database "$database"
start_listener hummingbird "$work/hummingbird.log" "$PEER_BIN" --port 0 --database "$database"
for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "${LISTENER_URLS[council-api]}/readyz")" = 200 ] && break
    sleep 0.1
done
for server in nginx council-api hummingbird; do
    curl -sf -o /dev/null "${LISTENER_URLS[$server]}/healthz" || { echo "$server /healthz does not answer 200" >&2; exit 1; }
done
for server in council-api hummingbird; do
    curl -sf -o /dev/null "${LISTENER_URLS[$server]}$statistics_path" ||
        { echo "$server statistics do not answer 200" >&2; exit 1; }
done

cat >"$work/pipeline.lua" <<'LUA'
-- 16 requests per write: wrk counts each answer as a request.
init = function(args)
    local requests = {}
    for i = 1, 16 do requests[i] = wrk.format(nil) end
    pipelined = table.concat(requests)
end
request = function() return pipelined end
LUA

# cpu_ticks PID…: the CPU time (user + system, in clock ticks) the processes have used so far.
cpu_ticks() {
    local pid total=0 fields
    for pid in "$@"; do
        # Fields 14 and 15 of /proc/PID/stat, counted after the command name's closing parenthesis.
        fields=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
        total=$((total + $(echo "$fields" | awk '{ print $12 + $13 }')))
    done
    echo "$total"
}

# settle: waits (up to 30 s) until the servers are idle, using under 10% of a core over 200 ms, so
# no server's run starts while another still works off the requests queued in its own last run
# (a peer answering statistics in a second has dozens left when wrk stops).
settle() {
    local before after
    for _ in $(seq 1 150); do
        before=$(cpu_ticks "${LISTENER_PIDS[@]}")
        sleep 0.2
        after=$(cpu_ticks "${LISTENER_PIDS[@]}")
        ((after - before <= 2)) && return
    done
}

# run_wrk CONNECTIONS URL [wrk args…]: prints "requests/s p50_ms p99_ms socket_errors non_2xx".
run_wrk() {
    local connections=$1 url=$2
    shift 2
    local out
    settle
    out=$(wrk --latency -t "$threads" -c "$connections" -d "$duration" "$@" "$url" 2>&1)
    printf '### %s c%s %s\n%s\n' "$url" "$connections" "$*" "$out" >>"$wrk_log"
    echo "$out" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /^Requests\/sec:/ { rps = $2 }
        /Socket errors:/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
        /Non-2xx/ { non2xx = $NF }
        END { printf "%.0f %.3f %.3f %d %d\n", rps, p50, p99, errors, non2xx }'
}

# scenario NAME CONNECTIONS PATH "SERVERS" [wrk args…]: the rounds of one scenario; figures go to
# $work/NAME.SERVER, one line per round.
scenario() {
    local name=$1 connections=$2 path=$3 servers=($4)
    shift 4
    local round index count=${#servers[@]} server
    echo "$name: ${servers[*]}, $connections connections, $rounds rounds of $duration" >&2
    for ((round = 0; round < rounds; round++)); do
        for ((index = 0; index < count; index++)); do
            server=${servers[$(((index + round) % count))]}
            run_wrk "$connections" "${LISTENER_URLS[$server]}$path" "$@" >>"$work/$name.$server"
        done
    done
}

# median FILE COLUMN: the median of a column of the rounds' lines; sum FILE COLUMN: their sum.
median() { cut -d' ' -f"$2" "$1" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
sum() { cut -d' ' -f"$2" "$1" | awk '{ s += $1 } END { print s + 0 }'; }

declare -A rss=()
for name in $scenarios; do
    case $name in
    healthz) scenario healthz 64 /healthz "nginx council-api hummingbird" ;;
    pipelined) scenario pipelined 64 /healthz "nginx council-api hummingbird" -s "$work/pipeline.lua" ;;
    c1000)
        scenario c1000 1000 /healthz "nginx council-api hummingbird" --timeout 10s
        for server in council-api hummingbird; do rss[$server]=$(peak_rss_kib "${LISTENER_PIDS[$server]}"); done
        ;;
    statistics) scenario statistics 64 "$statistics_path" "council-api hummingbird" ;;
    *) echo "bench-http: unknown scenario '$name' in SCENARIOS" >&2; exit 2 ;;
    esac
done

echo
echo "$(nproc) cores, wrk -t$threads, $duration per run, $rounds rounds, $size complaints ($database)"
echo "council-api: $COUNCIL_API_BIN"
echo "hummingbird: $PEER_BIN"
for name in $scenarios; do
    printf '\n%-12s %-12s %12s %9s %9s %8s %8s %9s\n' "$name" server requests/s "p50 ms" "p99 ms" errors non-2xx "RSS MiB"
    for server in nginx council-api hummingbird; do
        file=$work/$name.$server
        [ -f "$file" ] || continue
        memory=-
        [ "$name" = c1000 ] && [ -n "${rss[$server]:-}" ] && memory=$((rss[$server] / 1024))
        p99=$(median "$file" 3)
        # wrk sometimes reports a 99th percentile of 0 under pipelining (its histogram, not the server).
        [ "$p99" = 0 ] && p99=n/a
        printf '%-12s %-12s %12s %9s %9s %8s %8s %9s\n' "" "$server" "$(median "$file" 1)" "$(median "$file" 2)" \
            "$p99" "$(sum "$file" 4)" "$(sum "$file" 5)" "$memory"
    done
    for other in hummingbird nginx; do
        [ -f "$work/$name.$other" ] || continue
        awk -v a="$(median "$work/$name.council-api" 1)" -v b="$(median "$work/$name.$other" 1)" \
            -v pa="$(median "$work/$name.council-api" 3)" -v pb="$(median "$work/$name.$other" 3)" -v o="$other" \
            'BEGIN { printf "%-12s council-api/%s: requests/s %.2f", "", o, (b > 0 ? a / b : 0)
                     if (pa > 0 && pb > 0) printf ", p99 %.2f", pa / pb; printf "\n" }'
    done
    if [ "$name" = c1000 ] && [ -n "${rss[hummingbird]:-}" ]; then
        awk -v a="${rss[council-api]}" -v b="${rss[hummingbird]}" \
            'BEGIN { printf "%-12s council-api/hummingbird: peak RSS %.2f\n", "", (b > 0 ? a / b : 0) }'
    fi
    if [ "$name" = statistics ] && [ -f "$work/healthz.council-api" ]; then
        awk -v a="$(median "$work/statistics.council-api" 1)" -v b="$(median "$work/healthz.council-api" 1)" \
            'BEGIN { printf "%-12s council-api statistics/its own /healthz: requests/s %.2f\n", "", (b > 0 ? a / b : 0) }'
    fi
done
[ -z "${WRK_LOG:-}" ] || cat "$wrk_log" >>"$WRK_LOG"
