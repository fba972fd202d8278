#!/usr/bin/env bash
# Scale benchmark, per engine: loads 200,000 and then 2,000,000 synthetic complaints, runs wrk at
# 64 connections against five endpoints at each size, and prints requests/s, p50 and p99 latency
# and the server's peak RSS in one table (engines and sizes side by side), then PostgreSQL's
# figures over SQLite's per endpoint and size, then how each figure grows from the small to the
# large data set on each engine.
#
# Both engines are measured in the same run, one after the other (never at the same time), on the
# same data: `scripts/load-data.sh` generates the same rows for a size (gen-data is deterministic)
# and loads them through the API into a fresh database: a SQLite file per size, and on PostgreSQL
# a fresh database per size (`bench_N`, owned by the application's role) in a throwaway cluster
# started here by `scripts/pg.sh` (127.0.0.1, a free port, fsync and synchronous_commit on, other
# settings PostgreSQL's defaults) and stopped on exit. After loading, the PostgreSQL database is
# vacuumed and analysed and a checkpoint written, so that autovacuum (which would set the
# visibility map for the covering index's index-only scans a little later anyway) and the
# checkpointer do not run during the measurements. Each server is a fresh process, so its peak
# RSS is that of serving, not of loading; it is council-api's own: PostgreSQL's processes are not
# counted. wrk and every request go to 127.0.0.1 only.
#
# Usage: scripts/bench.sh
# Environment: ENGINES ("sqlite postgresql"), SIZES ("200000 2000000"), WRK_DURATION (10s),
#              WRK_CONNECTIONS (64), WRK_THREADS (2), WRK_LOG (a file to append wrk's full output
#              to), DATABASE_POOL_SIZE (the server's PostgreSQL pool, 8 by default),
#              COUNCIL_API_BIN (default: build the release binary), REGISTER (council register CSV).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt wrk sqlite3 curl python3
COUNCIL_API_BIN=${COUNCIL_API_BIN:-$(build_release)}
export COUNCIL_API_BIN
sizes=${SIZES:-"200000 2000000"}
engines=${ENGINES:-"sqlite postgresql"}
use_pg=no
for engine in $engines; do
    case $engine in
    sqlite) ;;
    postgresql) use_pg=yes ;;
    *) echo "bench: unknown engine '$engine' in ENGINES (sqlite, postgresql)" >&2; exit 2 ;;
    esac
done
for size in $sizes; do
    [[ $size =~ ^[1-9][0-9]*$ ]] || { echo "bench: SIZES must be whole numbers, not '$size'" >&2; exit 2; }
done
if [ "$use_pg" = yes ]; then
    # shellcheck source=scripts/pg.sh
    source scripts/pg.sh
fi

work=$(mktemp -d)
# The PostgreSQL server runs as the postgres user, which must be able to enter the folder.
chmod 755 "$work"
# shellcheck disable=SC2317 # runs from the EXIT trap
cleanup() {
    local status=$?
    set +e
    stop_servers
    stop_server
    if [ "$use_pg" = yes ]; then pg_stop; fi
    rm -rf "$work"
    exit "$status"
}
declare -A server_pid=() server_url=()
trap cleanup EXIT
# wrk's output goes to a log of our own (labelled per run, summarised at the end), appended to
# WRK_LOG afterwards when that is set.
user_wrk_log=${WRK_LOG:-}
wrk_log="$work/wrk.log"
export WRK_LOG="$wrk_log"
: >"$wrk_log"

endpoints=(
    "healthz|/healthz"
    "council statistics|/v1/councils/birmingham/statistics?year=2024-25"
    "league table|/v1/statistics?type=district&year=2024-25&sort=-upheld_rate"
    "complaints page|/v1/complaints?council=birmingham&year=2024-25&limit=20"
    "improvements page|/v1/service-improvements?limit=10&as_of=2025-03-31"
)

# wait_ready: until the last started server's /readyz answers 200 (it listens before it has migrated), 30 s at most.
wait_ready() {
    local _
    for _ in $(seq 1 300); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVER_URL/readyz")" = 200 ] && return 0
        sleep 0.1
    done
    echo "bench: the server is not ready after 30 s" >&2
    return 1
}

pg_version=
if [ "$use_pg" = yes ]; then
    pg_start "$work/pg"
    pg_version=$(psql_url "$PG_ADMIN_URL" 'SHOW server_version')
fi

# One server per engine, side by side (each idle while the other is measured): server_pid and
# server_url, by engine.
# shellcheck disable=SC2317 # also runs from the EXIT trap
stop_servers() {
    local engine
    for engine in "${!server_pid[@]}"; do
        SERVER_PID=${server_pid[$engine]}
        stop_server
    done
    server_pid=()
    server_url=()
}

echo "bench: engines: $engines; sizes: $sizes; wrk ${WRK_CONNECTIONS:-64} connections, ${WRK_THREADS:-2} threads, ${WRK_DURATION:-10s} per endpoint; $(nproc) cores" >&2
for size in $sizes; do
    declare -A database=()
    for engine in $engines; do
        if [ "$engine" = sqlite ]; then
            database[$engine]="$work/bench-$size.sqlite"
        else
            PGOPTIONS='-c client_min_messages=warning' psql_url "$PG_ADMIN_URL" "DROP DATABASE IF EXISTS bench_$size" >/dev/null
            psql_url "$PG_ADMIN_URL" "CREATE DATABASE bench_$size OWNER council" >/dev/null
            database[$engine]="${PG_URL%/*}/bench_$size"
        fi
        echo "== $(date +%T) $engine: loading $size complaints" >&2
        scripts/load-data.sh "$size" "${database[$engine]}"
        if [ "$engine" = postgresql ]; then
            echo "== $(date +%T) $engine: VACUUM (ANALYZE) and CHECKPOINT" >&2
            # As the superuser, so that the catalogues are vacuumed too (the owner may not).
            psql_url "${PG_ADMIN_URL%/*}/bench_$size" 'VACUUM (ANALYZE)' >/dev/null
            psql_url "$PG_ADMIN_URL" 'CHECKPOINT' >/dev/null
            echo "$engine|$size|database size|$(psql_url "${database[$engine]}" "SELECT pg_database_size(current_database()) / 1048576")" >>"$work/results"
        else
            bytes=$(find "$work" -maxdepth 1 -name "bench-$size.sqlite*" -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
            echo "$engine|$size|database size|$((bytes / 1048576))" >>"$work/results"
        fi
    done
    # Fresh processes, so the peak RSS is that of serving, not of loading.
    for engine in $engines; do
        start_server "$work/server-$engine-$size.log" --database "${database[$engine]}"
        server_pid[$engine]=$SERVER_PID
        server_url[$engine]=$SERVER_URL
        wait_ready
    done
    SERVER_PID=
    echo "== $(date +%T) $size complaints: wrk, each endpoint on each engine in turn" >&2
    for entry in "${endpoints[@]}"; do
        name=${entry%%|*}
        path=${entry#*|}
        for engine in $engines; do
            url=${server_url[$engine]}
            curl -sf -o /dev/null "$url$path" || { echo "GET $path failed ($engine, $size)" >&2; exit 1; }
            echo "### $engine $size $name (at $(date +%T), load $(cut -d" " -f1-3 /proc/loadavg))" >>"$wrk_log"
            if [ "$engine" = postgresql ]; then
                other_cpu_start --pg "${server_pid[$engine]}"
            else
                other_cpu_start "${server_pid[$engine]}"
            fi
            figures=$(wrk_figures "$url$path")
            echo "$engine|$size|$name|$figures|$(other_cpu_percent)" >>"$work/results"
        done
    done
    for engine in $engines; do
        echo "$engine|$size|peak rss|$(($(peak_rss_kib "${server_pid[$engine]}") / 1024))" >>"$work/results"
    done
    stop_servers
    for engine in $engines; do
        if [ "$engine" = postgresql ]; then
            psql_url "$PG_ADMIN_URL" "DROP DATABASE bench_$size" >/dev/null
        else
            rm -f "${database[$engine]}" "${database[$engine]}-wal" "${database[$engine]}-shm"
        fi
    done
done

[ -z "$user_wrk_log" ] || cat "$wrk_log" >>"$user_wrk_log"
echo
echo "bench: $(nproc) cores; sqlite $(sqlite3 --version | cut -d' ' -f1)${pg_version:+; PostgreSQL $pg_version (database pool ${DATABASE_POOL_SIZE:-8} per instance)}; wrk ${WRK_CONNECTIONS:-64} connections, ${WRK_THREADS:-2} threads, ${WRK_DURATION:-10s} per endpoint"
python3 - "$work/results" "$wrk_log" "$engines" <<'PY'
import sys

rows, rss, db_size, other = {}, {}, {}, {}
for line in open(sys.argv[1]):
    engine, size, name, figures, *rest = line.rstrip("\n").split("|")
    key = (engine, int(size))
    if name == "peak rss":
        rss[key] = int(figures)
    elif name == "database size":
        db_size[key] = int(figures)
    else:
        rps, p50, p90, p99 = figures.split()
        rows.setdefault(name, {})[key] = (float(rps), float(p50), float(p99))
        other.setdefault(name, {})[key] = int(rest[0])
engines = [e for e in sys.argv[3].split() if any(k[0] == e for k in rss)]
sizes = sorted({k[1] for k in rss})
label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
columns = [(s, e) for s in sizes for e in engines]
group = 27

def cell(text):
    return f"{text:>{group}}"

print(f"\n{'':<20}" + "".join(cell(f"{s:,} rows") for s, e in columns))
print(f"{'endpoint':<20}" + "".join(cell(label[e]) for s, e in columns))
print(f"{'':<20}" + "".join(f"{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}" for _ in columns))
for name, by in rows.items():
    print(f"{name:<20}" + "".join(
        f"{by[(e, s)][0]:>9.0f}{by[(e, s)][1]:>9.2f}{by[(e, s)][2]:>9.2f}" if (e, s) in by else cell("-")
        for s, e in columns))
print(f"{'peak RSS (MiB)':<20}" + "".join(cell(rss.get((e, s), "-")) for s, e in columns))
print(f"{'database (MiB)':<20}" + "".join(cell(db_size.get((e, s), "-")) for s, e in columns))

if "sqlite" in engines and "postgresql" in engines:
    print("\nPostgreSQL / SQLite (p99 above 1 is slower, req/s below 1 is fewer):")
    print(f"{'endpoint':<20}" + "".join(f"{f'{s:,} rows':>26}" for s in sizes))
    print(f"{'':<20}" + "".join(f"{'p99':>13}{'req/s':>13}" for _ in sizes))
    for name, by in rows.items():
        cells = []
        for s in sizes:
            a, b = by.get(("sqlite", s)), by.get(("postgresql", s))
            if a and b:
                cells.append(f"{f'x{b[2] / max(a[2], 1e-6):.2f}':>13}{f'x{b[0] / max(a[0], 1e-6):.2f}':>13}")
            else:
                cells.append(f"{'-':>26}")
        print(f"{name:<20}" + "".join(cells))
    ratios = [rss[("postgresql", s)] / max(rss[("sqlite", s)], 1) for s in sizes]
    print(f"{'peak RSS':<20}" + "".join(f"{f'x{r:.2f}':>26}" for r in ratios))

if len(sizes) >= 2:
    small, large = sizes[0], sizes[-1]
    for e in engines:
        if (e, small) not in rss or (e, large) not in rss:
            continue
        print(f"\ngrowth on {label[e]} from {small:,} to {large:,} rows (x{large / small:.0f} data):")
        for name, by in rows.items():
            a, b = by[(e, small)], by[(e, large)]
            print(f"  {name:<20} req/s x{b[0] / a[0]:.2f}   p50 x{b[1] / max(a[1], 1e-6):.2f}   p99 x{b[2] / max(a[2], 1e-6):.2f}")
        print(f"  {'peak RSS':<20} x{rss[(e, large)] / max(rss[(e, small)], 1):.2f}")

# CPU used by other processes on the machine during each measurement.
print("\nother load: share of the machine's CPU (all cores) used during each measurement by processes")
print("other than the server, wrk and PostgreSQL (0% on an otherwise idle machine):")
print(f"{'endpoint':<20}" + "".join(f"{f'{label[e]} {s:,}':>{group}}" for s, e in columns))
for name, by in other.items():
    print(f"{name:<20}" + "".join(cell(f"{by[(e, s)]}%") if (e, s) in by else cell("-") for s, e in columns))
busy = [(name, e, s, by[(e, s)]) for name, by in other.items() for s, e in columns if by.get((e, s), 0) >= 10]
if busy:
    print("DISTURBED: other processes used 10% or more of the machine during " + "; ".join(
        f"{name} ({label[e]}, {s:,}): {p}%" for name, e, s, p in busy) + ". Those figures are not comparable.")

# wrk's own error lines (socket errors: connect, read, write, timeout; non-2xx or 3xx answers).
problems, current = [], None
for line in open(sys.argv[2]):
    if line.startswith("### "):
        current = line[4:].strip()
    elif "Socket errors" in line or "Non-2xx" in line:
        problems.append(f"  {current}: {line.strip()}")
print("\nwrk errors: " + ("none (no socket errors, no non-2xx/3xx answers)" if not problems else ""))
for problem in problems:
    print(problem)
PY
