#!/usr/bin/env bash
# Slowloris check: CONNECTIONS clients (default 1000) dribble a request head one byte a second
# and never finish it, reconnecting whenever the server drops them, for SECONDS (default 30),
# while a normal client asks for /healthz and a statistics page every 50 ms on fresh
# connections. Loopback only; bounded in time (SECONDS plus about 10 s).
#
# Passes when every normal request got 200 with max and p99 latency under 100 ms, and every slow
# connection was closed by the server at its header timeout (5 s, give or take 2.5 s), as seen
# from the client side.
#
# Usage: scripts/slowloris.sh [CONNECTIONS] [SECONDS]
# Env:   COUNCIL_API_BIN (skip the release build), COUNCIL_BUILD_LOCK (default
#        /tmp/council-build.lock; empty to build without it)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt curl

connections=${1:-1000}
seconds=${2:-30}
header_timeout=5
lock=${COUNCIL_BUILD_LOCK-/tmp/council-build.lock}
locked() { if [ -n "$lock" ] && command -v flock >/dev/null; then flock -o "$lock" "$@"; else "$@"; fi; }

if [ -z "${COUNCIL_API_BIN:-}" ]; then
    locked swift build -c release --product council-api >&2
    COUNCIL_API_BIN="$(locked swift build -c release --show-bin-path)/council-api"
fi

# The server and the slow client each hold one descriptor per connection.
wanted=$((connections + 512))
if [ "$(ulimit -n)" -lt "$wanted" ]; then
    ulimit -n "$wanted" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi
if [ "$(ulimit -n)" -lt "$wanted" ]; then
    echo "slowloris: FAIL: ulimit -n is $(ulimit -n) and cannot be raised to $wanted" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
# The demo database goes in the work folder, removed on exit.
TMPDIR=$work start_server "$work/server.log" --demo --header-timeout "$header_timeout"
for _ in $(seq 1 100); do
    curl -sf "$SERVER_URL/readyz" >/dev/null && break
    sleep 0.1
done
port=${SERVER_URL##*:}

cat >"$work/slowloris.py" <<'PY'
"""Slow clients (mode 'slow') and the normal client measuring latency (mode 'probe')."""
import asyncio, json, socket, sys, time

PORT = int(sys.argv[2])
SECONDS = float(sys.argv[3])


async def dribble(writer, head):
    """Sends `head` one byte a second until cancelled or the socket fails."""
    try:
        for index in range(len(head)):
            writer.write(head[index:index + 1])
            await asyncio.sleep(1)
    except (ConnectionError, OSError):
        pass


async def slow_connection(stats, deadline):
    """One connection that dribbles a head and never finishes it; returns once the server has
    closed it (or 30 s after the run, counted as never closed). Its lifetime is measured from
    before the connect, so it can only overstate how long the server kept it."""
    head = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 10_000
    started = time.monotonic()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    except OSError as error:
        stats["connect_errors"] += 1
        stats["last_error"] = repr(error)
        await asyncio.sleep(0.5)
        return
    sender = asyncio.create_task(dribble(writer, head))
    received = b""
    try:
        while True:
            remaining = deadline + 30 - time.monotonic()
            chunk = await asyncio.wait_for(reader.read(65536), timeout=max(0.1, remaining))
            if not chunk:
                break
            received += chunk
    except asyncio.TimeoutError:
        stats["never_closed"] += 1
        return
    except ConnectionError:
        stats["resets"] += 1
    finally:
        sender.cancel()
        writer.close()
    stats["closed"] += 1
    stats["lifetimes"].append(time.monotonic() - started)
    if received.startswith(b"HTTP/1.1 408"):
        stats["answered_408"] += 1


async def loop_lag(stats, deadline):
    """How late this event loop wakes up: large lag would make the lifetimes meaningless."""
    while time.monotonic() < deadline:
        before = time.monotonic()
        await asyncio.sleep(0.1)
        stats["max_loop_lag_s"] = max(stats["max_loop_lag_s"], time.monotonic() - before - 0.1)


async def slow_client(index, stats, deadline):
    # Spread the first connects over a second so the accept queue is not one burst.
    await asyncio.sleep(index / max(1, stats["connections"]))
    while time.monotonic() < deadline:
        await slow_connection(stats, deadline)


async def slow_main(connections):
    deadline = time.monotonic() + SECONDS
    stats = {"connections": connections, "closed": 0, "answered_408": 0, "resets": 0, "never_closed": 0,
             "connect_errors": 0, "lifetimes": [], "last_error": "", "max_loop_lag_s": 0.0}
    await asyncio.gather(loop_lag(stats, deadline), *(slow_client(i, stats, deadline) for i in range(connections)))
    lifetimes = sorted(stats.pop("lifetimes"))
    stats["min_lifetime_s"] = round(lifetimes[0], 3) if lifetimes else None
    stats["max_lifetime_s"] = round(lifetimes[-1], 3) if lifetimes else None
    stats["max_loop_lag_s"] = round(stats["max_loop_lag_s"], 3)
    print(json.dumps(stats))


def probe():
    targets = ["/healthz", "/v1/councils/knowsley/statistics?year=2024-25"]
    latencies, failures = [], []
    deadline = time.monotonic() + SECONDS
    count = 0
    while time.monotonic() < deadline:
        tick = time.monotonic()
        target = targets[count % len(targets)]
        count += 1
        started = time.perf_counter()
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=5) as sock:
                sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
                response = b""
                while chunk := sock.recv(65536):
                    response += chunk
            latencies.append((time.perf_counter() - started) * 1000)
            if not response.startswith(b"HTTP/1.1 200 "):
                failures.append(f"{target}: {response[:40]!r}")
        except OSError as error:
            failures.append(f"{target}: {error!r}")
        time.sleep(max(0, 0.05 - (time.monotonic() - tick)))
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else None
    p50 = latencies[len(latencies) // 2] if latencies else None
    print(json.dumps({"requests": count, "failures": failures[:5], "failure_count": len(failures),
                      "p50_ms": p50, "p99_ms": p99, "max_ms": latencies[-1] if latencies else None}))


if sys.argv[1] == "slow":
    asyncio.run(slow_main(int(sys.argv[4])))
else:
    probe()
PY

echo "slowloris: $connections slow connections for ${seconds}s against $SERVER_URL (header timeout ${header_timeout}s)"
python3 "$work/slowloris.py" slow "$port" "$seconds" "$connections" >"$work/slow.json" &
slow_pid=$!
sleep 2 # let the slow connections pile up before measuring
python3 "$work/slowloris.py" probe "$port" "$((seconds - 2))" >"$work/probe.json"
wait "$slow_pid"

kill -0 "$SERVER_PID" 2>/dev/null || { echo "slowloris: FAIL: the server died" >&2; exit 1; }
echo "normal client: $(cat "$work/probe.json")"
echo "slow clients:  $(cat "$work/slow.json")"

python3 - "$work/probe.json" "$work/slow.json" "$header_timeout" <<'PY'
import json, sys
probe = json.load(open(sys.argv[1]))
slow = json.load(open(sys.argv[2]))
timeout = float(sys.argv[3])
problems = []
if probe["failure_count"]:
    problems.append(f"{probe['failure_count']} normal requests failed: {probe['failures']}")
if probe["max_ms"] is None or probe["max_ms"] >= 100 or probe["p99_ms"] >= 100:
    problems.append(f"normal latency too high: p99 {probe['p99_ms']} ms, max {probe['max_ms']} ms (limit 100)")
if slow["closed"] == 0:
    problems.append("no slow connection was closed by the server")
if slow["never_closed"]:
    problems.append(f"{slow['never_closed']} slow connections were never closed")
if slow["connect_errors"]:
    problems.append(f"{slow['connect_errors']} slow connects failed ({slow['last_error']})")
if slow["closed"] and not (timeout - 0.25 <= slow["min_lifetime_s"] and slow["max_lifetime_s"] <= timeout + 2.5):
    problems.append(f"slow connections lived {slow['min_lifetime_s']}..{slow['max_lifetime_s']} s, "
                    f"not about {timeout} s")
print(f"normal client: {probe['requests']} requests, p50 {probe['p50_ms']:.2f} ms, p99 {probe['p99_ms']:.2f} ms, "
      f"max {probe['max_ms']:.2f} ms")
print(f"slow clients: {slow['closed']} connections closed by the server after "
      f"{slow['min_lifetime_s']}..{slow['max_lifetime_s']} s ({slow['answered_408']} with a 408 first)")
for problem in problems:
    print("slowloris: FAIL: " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
echo "slowloris: PASS"
