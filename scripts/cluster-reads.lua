-- wrk script of scripts/cluster-test.sh: mixed reads rotating over six paths, and a count of the
-- answers by status, printed at the end as lines "status CODE COUNT" (wrk itself only says how
-- many were outside 2xx/3xx, not which).
--
--   wrk -t 2 -c 128 -d 30s -s scripts/cluster-reads.lua http://127.0.0.1:PORT
--
-- Each thread starts at a different place in the rotation, so every path is
-- requested at the same rate whatever the number of threads.

local paths = {
  "/v1/councils",
  "/v1/councils/knowsley",
  "/v1/councils/knowsley/statistics?year=2024-25",
  "/v1/statistics?type=district&year=2024-25",
  "/v1/complaints?limit=20",
  "/healthz",
}

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  table.insert(threads, thread)
end

function init(args)
  counter = thread_number or 0
  statuses = {}
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    if counts then
      for status, count in pairs(counts) do
        totals[status] = (totals[status] or 0) + count
      end
    end
  end
  local codes = {}
  for status in pairs(totals) do
    table.insert(codes, status)
  end
  table.sort(codes)
  for _, status in ipairs(codes) do
    io.write(string.format("status %d %d\n", status, totals[status]))
  end
end
