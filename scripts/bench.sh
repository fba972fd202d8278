#!/usr/bin/env bash
# Scale benchmark: loads 200,000 and then 2,000,000 synthetic complaints, runs wrk at 64
# connections against five endpoints at each size, and prints requests/s, p50 and p99 latency and
# the server's peak RSS, then how each figure grows from the small to the large data set.
# Usage: scripts/bench.sh   (env SIZES="200000 2000000" WRK_DURATION=10s WRK_CONNECTIONS=64)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt wrk sqlite3 curl
COUNCIL_API_BIN=$(build_release)
export COUNCIL_API_BIN
sizes=${SIZES:-"200000 2000000"}
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT

endpoints=(
    "healthz|/healthz"
    "council statistics|/v1/councils/birmingham/statistics?year=2024-25"
    "league table|/v1/statistics?type=district&year=2024-25&sort=-upheld_rate"
    "complaints page|/v1/complaints?council=birmingham&year=2024-25&limit=20"
    "improvements page|/v1/service-improvements?limit=10&as_of=2025-03-31"
)

for size in $sizes; do
    database="$work/bench-$size.sqlite"
    echo "== loading $size complaints" >&2
    scripts/load-data.sh "$size" "$database"
    # A fresh process, so the peak RSS is that of serving, not of loading.
    start_server "$work/server-$size.log" --database "$database"
    for entry in "${endpoints[@]}"; do
        name=${entry%%|*}
        path=${entry#*|}
        curl -sf -o /dev/null "$SERVER_URL$path" || { echo "GET $path failed" >&2; exit 1; }
        echo "$size|$name|$(wrk_figures "$SERVER_URL$path")" >>"$work/results"
    done
    echo "$size|peak rss|$(($(peak_rss_kib "$SERVER_PID") / 1024))" >>"$work/results"
    stop_server
done

python3 - "$work/results" <<'PY'
import sys
rows, rss = {}, {}
for line in open(sys.argv[1]):
    size, name, figures = line.rstrip("\n").split("|")
    if name == "peak rss":
        rss[int(size)] = int(figures)
    else:
        rps, p50, p90, p99 = figures.split()
        rows.setdefault(name, {})[int(size)] = (float(rps), float(p50), float(p99))
sizes = sorted(rss)
print(f"\n{'endpoint':<20}" + "".join(f"{f'{s:,} rows':>36}" for s in sizes))
print(f"{'':<20}" + "".join(f"{'req/s':>12}{'p50 ms':>12}{'p99 ms':>12}" for _ in sizes))
for name, by_size in rows.items():
    print(f"{name:<20}" + "".join(f"{by_size[s][0]:>12.0f}{by_size[s][1]:>12.2f}{by_size[s][2]:>12.2f}" for s in sizes))
print(f"{'peak RSS (MiB)':<20}" + "".join(f"{rss[s]:>36}" for s in sizes))
if len(sizes) >= 2:
    small, large = sizes[0], sizes[-1]
    print(f"\ngrowth from {small:,} to {large:,} rows (x{large / small:.0f} data):")
    for name, by_size in rows.items():
        a, b = by_size[small], by_size[large]
        print(f"  {name:<20} req/s x{b[0] / a[0]:.2f}   p50 x{b[1] / max(a[1], 1e-6):.2f}   p99 x{b[2] / max(a[2], 1e-6):.2f}")
    print(f"  {'peak RSS':<20} x{rss[large] / max(rss[small], 1):.2f}")
PY
