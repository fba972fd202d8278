# Shared helpers for the scripts in this folder: installing tools on demand, building the release
# binary, and starting the server on a free port. Sourced, not run.

# Installs Debian packages that are missing (the scripts must work on a fresh machine).
need_apt() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    if ((${#missing[@]})); then
        echo "installing ${missing[*]}" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# Builds the release binary and prints its path.
build_release() {
    swift build -c release --product council-api >&2
    echo "$(swift build -c release --show-bin-path)/council-api"
}

# start_server LOGFILE ARGS…: starts `council-api serve --port 0 ARGS…` in the background, waits
# for its "listening on" line, and sets SERVER_PID and SERVER_URL.
start_server() {
    local log=$1
    shift
    local out
    out=$(mktemp)
    "$COUNCIL_API_BIN" serve --port 0 "$@" >"$out" 2>"$log" &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        if grep -q '^listening on ' "$out"; then
            SERVER_URL=$(sed -n 's/^listening on //p' "$out" | head -n 1)
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; echo "server exited" >&2; return 1; }
        sleep 0.1
    done
    echo "server did not start" >&2
    return 1
}

stop_server() {
    [ -n "${SERVER_PID:-}" ] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

# Peak resident set size of a running process in KiB (VmHWM), or 0.
peak_rss_kib() {
    awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0
}

# wrk_figures URL [extra wrk args…]: runs wrk and prints "requests_per_s p50 p90 p99" (latencies in ms).
wrk_figures() {
    local url=$1
    shift
    local out
    out=$(wrk --latency -t "${WRK_THREADS:-2}" -c "${WRK_CONNECTIONS:-64}" -d "${WRK_DURATION:-10s}" "$@" "$url")
    echo "$out" >>"${WRK_LOG:-/dev/null}"
    local errors
    errors=$(echo "$out" | awk '/Socket errors|Non-2xx/ {print}')
    [ -z "$errors" ] || echo "wrk: $errors" >&2
    echo "$out" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +90%/ { p90 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /^Requests\/sec:/ { rps = $2 }
        END { printf "%.0f %.3f %.3f %.3f\n", rps, p50, p90, p99 }'
}

# find_register NAME: prints the path of the council register, found in a `shared/data/` folder
# of this directory or any above it (the repository sits beside `shared/`); NAME goes in the error.
find_register() {
    local directory
    directory=$(pwd -P)
    while [ "$directory" != / ]; do
        if [ -f "$directory/shared/data/uk_local_authorities_current.csv" ]; then
            echo "$directory/shared/data/uk_local_authorities_current.csv"
            return
        fi
        directory=$(dirname "$directory")
    done
    echo "$1: council register not found; set REGISTER" >&2
    return 1
}
