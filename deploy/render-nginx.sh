#!/bin/sh
# Writes a copy of deploy/nginx.conf (read from standard input) for other addresses to standard
# output: the `listen` line and the upstream `server` lines (those between the
# `# upstream-servers begin` and `# upstream-servers end` markers) are replaced, everything else
# is kept as it is. The new server lines keep the parameters of the first old one
# (max_fails=…, fail_timeout=…).
#
# Usage: render-nginx.sh [--listen ADDRESS] [--server HOST:PORT]… [--std-logs] <nginx.conf
#   --listen ADDRESS   what `listen` gets: PORT or IP:PORT (e.g. 127.0.0.1:18080)
#   --server HOST:PORT an upstream instance; repeat for each (replaces all the example ones)
#   --std-logs         error log to stderr and access log to /dev/stdout (for containers)
#
# POSIX sh and awk only: it runs in the nginx container of deploy/compose.yaml (BusyBox or
# Debian) as well as from scripts/cluster-test.sh.
set -eu

listen=
servers=
std_logs=0
usage() {
    echo "usage: render-nginx.sh [--listen ADDRESS] [--server HOST:PORT]... [--std-logs] <nginx.conf" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case $1 in
    --listen)
        [ $# -ge 2 ] || usage
        case $2 in
        *[!0-9.:]* | '') echo "render-nginx.sh: bad --listen '$2' (PORT or IP:PORT)" >&2; exit 2 ;;
        esac
        listen=$2
        shift 2
        ;;
    --server)
        [ $# -ge 2 ] || usage
        case $2 in
        *:*[!0-9]* | *[!A-Za-z0-9.:_-]* | :* | *: | '')
            echo "render-nginx.sh: bad --server '$2' (HOST:PORT)" >&2
            exit 2
            ;;
        *:*) ;;
        *) echo "render-nginx.sh: bad --server '$2' (HOST:PORT)" >&2; exit 2 ;;
        esac
        servers="$servers $2"
        shift 2
        ;;
    --std-logs)
        std_logs=1
        shift
        ;;
    -h | --help)
        sed -n '2,/^set -eu/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) usage ;;
    esac
done

awk -v listen="$listen" -v servers="$servers" -v std_logs="$std_logs" '
function emit_servers(    n, list, i) {
    n = split(servers, list, " ")
    for (i = 1; i <= n; i++) print indent "server " list[i] params
    emitted = 1
}
/# upstream-servers begin/ { print; inside = 1; markers++; next }
/# upstream-servers end/ {
    if (servers != "" && !emitted) emit_servers()
    inside = 0; markers++; print; next
}
inside && /^[ \t]*server[ \t]/ {
    if (servers == "") { print; next }
    if (!emitted) {
        indent = $0; sub(/[^ \t].*$/, "", indent)
        params = $0; sub(/^[ \t]*server[ \t]+[^ \t;]+/, "", params)
        emit_servers()
    }
    next
}
listen != "" && /^[ \t]*listen[ \t]/ {
    pad = $0; sub(/[^ \t].*$/, "", pad)
    print pad "listen " listen ";"
    listens++
    next
}
std_logs == 1 && /^[ \t]*error_log[ \t]/ { sub(/logs\/error\.log/, "stderr") }
std_logs == 1 && /^[ \t]*access_log[ \t]/ { sub(/logs\/access\.log/, "/dev/stdout") }
{ print }
END {
    if (markers != 2) { print "render-nginx.sh: the upstream-servers markers are missing" > "/dev/stderr"; exit 1 }
    if (listen != "" && listens != 1) { print "render-nginx.sh: expected one listen line, found " listens + 0 > "/dev/stderr"; exit 1 }
}
'
