-- Rotating requests for wrk (bench/wrk.py): each line of the plan file is
-- METHOD<TAB>PATH<TAB>TOKEN<TAB>BODY (BODY may be empty); wrk sends them in
-- turn, round robin over the thread's connections.
--   wrk -s bench/lua/rotate.lua URL -- PLAN [KEY_PREFIX]
-- A POST carries a fresh Idempotency-Key (KEY_PREFIX, the thread, a count),
-- so no retry is ever answered from the idempotency store. done() prints one
-- JSON line, which bench/wrk.py reads.

local plan = {}      -- prebuilt GET requests (strings), or {method, path, headers, body} for POSTs
local turn = 0
local prefix = "wrk"
local sent = 0
local threads = {}

function setup(thread)
   thread:set("wrk_thread", #threads)
   table.insert(threads, thread)
end

local function split(line)
   local fields = {}
   for field in (line .. "\t"):gmatch("([^\t]*)\t") do
      table.insert(fields, field)
   end
   return fields
end

function init(args)
   local file = assert(io.open(args[1], "r"), "no plan file")
   prefix = args[2] or prefix
   for line in file:lines() do
      local f = split(line)
      local headers = {["Authorization"] = "Bearer " .. f[3]}
      if f[1] == "GET" then
         table.insert(plan, wrk.format("GET", f[2], headers))
      else
         headers["Content-Type"] = "application/json"
         table.insert(plan, {f[1], f[2], headers, f[4]})
      end
   end
   file:close()
   assert(#plan > 0, "empty plan")
end

function request()
   turn = turn % #plan + 1
   local item = plan[turn]
   if type(item) == "string" then
      return item
   end
   sent = sent + 1
   item[3]["Idempotency-Key"] = prefix .. "-" .. (wrk_thread or 0) .. "-" .. sent
   return wrk.format(item[1], item[2], item[3], item[4])
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
      '"max_us": %d, "mean_us": %.1f, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
      summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
