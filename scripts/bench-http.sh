#!/usr/bin/env bash
# HTTP core benchmark: wrk against council-api's /healthz, and in the same run against nginx
# serving the same body as a static file, so the two sets of figures can be compared directly.
# Usage: scripts/bench-http.sh   (env: WRK_DURATION=10s WRK_CONNECTIONS=64 WRK_THREADS=2)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt wrk nginx

COUNCIL_API_BIN=$(build_release)
work=$(mktemp -d)
trap 'stop_server; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

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
start_server "$work/server.log"

WRK_LOG="$work/wrk.log"
echo "wrk: ${WRK_CONNECTIONS:-64} connections, ${WRK_THREADS:-2} threads, ${WRK_DURATION:-10s} each, $(nproc) cores"
curl -sf -o /dev/null "$SERVER_URL/healthz" || { echo "council-api /healthz does not answer 200" >&2; exit 1; }
curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/healthz" || { echo "nginx does not answer 200" >&2; exit 1; }
ours=$(wrk_figures "$SERVER_URL/healthz")
theirs=$(wrk_figures "http://127.0.0.1:$nginx_port/healthz")
rss=$(peak_rss_kib "$SERVER_PID")

printf '\n%-22s %12s %10s %10s %10s\n' "server" "requests/s" "p50 ms" "p90 ms" "p99 ms"
read -r r a b c <<<"$ours"
printf '%-22s %12s %10s %10s %10s\n' "council-api /healthz" "$r" "$a" "$b" "$c"
read -r r2 a2 b2 c2 <<<"$theirs"
printf '%-22s %12s %10s %10s %10s\n' "nginx static file" "$r2" "$a2" "$b2" "$c2"
awk -v a="$r" -v b="$r2" 'BEGIN { if (b > 0) printf "\ncouncil-api throughput is %.0f%% of nginx'"'"'s\n", 100 * a / b }'
echo "council-api peak RSS: $((rss / 1024)) MiB"
