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

# Builds the release binary and prints its path, under the build lock (SWIFT_BUILD_LOCK,
# /tmp/swift-build.lock) when flock is there, as build_peer does, so it never runs beside another build.
build_release() {
    local lock=()
    command -v flock >/dev/null && lock=(flock -o "${SWIFT_BUILD_LOCK:-/tmp/swift-build.lock}")
    "${lock[@]}" swift build -c release --product council-api >&2
    echo "$(swift build -c release --show-bin-path)/council-api"
}

# listening_url FILE: the URL of the server's start record (`msg="listening on http://HOST:PORT"`
# in logfmt, `"msg":"listening on http://HOST:PORT"` in JSON) in FILE, or nothing yet.
listening_url() {
    # grep finds nothing until the server has started: no failure under `set -e -o pipefail`.
    { grep -o 'listening on http://[^" ]*' "$1" 2>/dev/null || true; } | head -n 1 | sed 's/^listening on //'
}

# start_listener NAME LOGFILE COMMAND…: starts COMMAND (which must print "listening on URL" on
# stdout, bare or inside a log record) in the background and waits for it; sets
# LISTENER_PIDS[NAME] and LISTENER_URLS[NAME]. stop_listeners ends them all.
declare -gA LISTENER_PIDS=() LISTENER_URLS=()
start_listener() {
    local name=$1 log=$2
    shift 2
    local out="$log.stdout"
    "$@" >"$out" 2>"$log" &
    LISTENER_PIDS[$name]=$!
    for _ in $(seq 1 300); do
        LISTENER_URLS[$name]=$(listening_url "$out")
        [ -n "${LISTENER_URLS[$name]}" ] && return 0
        kill -0 "${LISTENER_PIDS[$name]}" 2>/dev/null || { cat "$log" >&2; echo "$name exited" >&2; return 1; }
        sleep 0.1
    done
    echo "$name did not start" >&2
    return 1
}

stop_listeners() {
    local name
    for name in "${!LISTENER_PIDS[@]}"; do
        kill -TERM "${LISTENER_PIDS[$name]}" 2>/dev/null && wait "${LISTENER_PIDS[$name]}" 2>/dev/null || true
    done
    LISTENER_PIDS=()
}

# start_server LOGFILE ARGS…: starts `council-api serve --port 0 ARGS…` in the background, waits
# for its "listening on" line, and sets SERVER_PID and SERVER_URL.
start_server() {
    local log=$1
    shift
    start_listener server "$log" "$COUNCIL_API_BIN" serve --port 0 "$@" || return 1
    SERVER_PID=${LISTENER_PIDS[server]}
    SERVER_URL=${LISTENER_URLS[server]}
    # Stopped by stop_server, not by stop_listeners.
    unset 'LISTENER_PIDS[server]'
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

# CPU accounting, to tell whether something else ran during a measurement (the machines that run
# the benchmarks may be shared). All figures are clock ticks (getconf CLK_TCK a second).
# cpu_ticks_busy: busy CPU time of the whole machine so far (every CPU: user, nice, system, irq,
# softirq, steal).
cpu_ticks_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# cpu_ticks_of PID…: CPU time used so far by these processes, including their children that they
# have waited for (so `cpu_ticks_of $$` counts every command this shell ran and reaped); 0 for a
# process that is gone.
cpu_ticks_of() {
    local total=0 pid ticks
    for pid in "$@"; do
        # After the command name (in parentheses): utime stime cutime cstime are fields 12 to 15.
        ticks=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || ticks=0
        total=$((total + ${ticks:-0}))
    done
    echo "$total"
}

# other_cpu_start [--pg] PID…: notes the machine's busy time and that of PID… (the processes being
# measured; this shell and what it reaps are always counted as ours; --pg adds the processes of
# the cluster of scripts/pg.sh, listed again at the end since backends come and go).
# other_cpu_percent then prints the share of the machine's CPU capacity (all cores) that other
# processes used meanwhile.
declare -gA _OTHER_CPU_TICKS0=()
other_cpu_start() {
    _OTHER_CPU_PG=no
    if [ "${1:-}" = --pg ]; then
        _OTHER_CPU_PG=yes
        shift
    fi
    _OTHER_CPU_PIDS=($$ "$@")
    _OTHER_CPU_TICKS0=()
    local pid
    for pid in $(_other_cpu_pids); do _OTHER_CPU_TICKS0[$pid]=$(cpu_ticks_of "$pid"); done
    _OTHER_CPU_T0=$(date +%s.%N)
    _OTHER_CPU_BUSY0=$(cpu_ticks_busy)
}

_other_cpu_pids() {
    printf '%s\n' "${_OTHER_CPU_PIDS[@]}"
    if [ "$_OTHER_CPU_PG" = yes ]; then pg_cluster_pids; fi
}

other_cpu_percent() {
    local busy t1 pid ours=0
    local -A now=()
    busy=$(cpu_ticks_busy)
    t1=$(date +%s.%N)
    for pid in $(_other_cpu_pids); do now[$pid]=$(cpu_ticks_of "$pid"); done
    for pid in "${!now[@]}"; do ours=$((ours + now[$pid] - ${_OTHER_CPU_TICKS0[$pid]:-0})); done
    # A process that ended meanwhile was reaped by its parent (the postmaster, this shell), whose
    # children's time now holds its whole life: take off what it had used before the start.
    for pid in "${!_OTHER_CPU_TICKS0[@]}"; do
        [ -n "${now[$pid]:-}" ] || ours=$((ours - _OTHER_CPU_TICKS0[$pid]))
    done
    awk -v b0="$_OTHER_CPU_BUSY0" -v b1="$busy" -v ours="$ours" \
        -v t0="$_OTHER_CPU_T0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" 'BEGIN {
            other = (b1 - b0) - ours; if (other < 0) other = 0
            capacity = (t1 - t0) * hz * n
            printf "%.0f\n", (capacity > 0 ? 100 * other / capacity : 0) }'
}

# pg_cluster_pids: the PIDs of the running cluster of scripts/pg.sh (the postmaster, which reaps
# the backends that ended, and its current children), or nothing.
pg_cluster_pids() {
    local postmaster
    [ -n "${PG_DATA:-}" ] && [ -f "$PG_DATA/postmaster.pid" ] || return 0
    postmaster=$(head -n 1 "$PG_DATA/postmaster.pid")
    echo "$postmaster"
    pgrep -P "$postmaster" || true
}

# parse_quick NAME ARGS…: the one option of the checks that have a short version: sets quick=1 for
# --quick (else 0), prints the script's header comment for -h/--help, refuses anything else.
parse_quick() {
    local name=$1 argument
    shift
    quick=0
    for argument in "$@"; do
        case $argument in
        --quick) quick=1 ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "$name: unknown argument $argument (try --help)" >&2
            exit 2
            ;;
        esac
    done
}

# build_peer: builds the Hummingbird peer of Benchmarks/ (a package of its own, see its
# Package.swift) in release mode and prints the binary's path. The build takes the machine's
# build lock (SWIFT_BUILD_LOCK, /tmp/swift-build.lock) when flock is there, so it never runs
# beside another Swift build. PEER_BIN skips the build.
build_peer() {
    if [ -n "${PEER_BIN:-}" ]; then
        echo "$PEER_BIN"
        return
    fi
    local lock=()
    command -v flock >/dev/null && lock=(flock -o "${SWIFT_BUILD_LOCK:-/tmp/swift-build.lock}")
    (cd Benchmarks && "${lock[@]}" swift build -c release --product hummingbird-peer >&2 &&
        echo "$(swift build -c release --show-bin-path)/hummingbird-peer")
}

# bench_database SIZE: prints the path of a SQLite file with SIZE generated complaints, loaded by
# scripts/load-data.sh once and kept in scripts/out/ (ignored by git) for the next run. DATABASE
# names a file to use instead.
bench_database() {
    local size=$1
    if [ -n "${DATABASE:-}" ]; then
        echo "$DATABASE"
        return
    fi
    local file="scripts/out/bench-http-$size.sqlite"
    if [ ! -f "$file" ]; then
        mkdir -p scripts/out
        echo "loading $size complaints into $file" >&2
        rm -f "$file.partial"*
        scripts/load-data.sh "$size" "$file.partial" >&2
        sqlite3 "$file.partial" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
        rm -f "$file.partial-wal" "$file.partial-shm"
        mv "$file.partial" "$file"
    fi
    echo "$file"
}
