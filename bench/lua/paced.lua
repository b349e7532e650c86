-- rotate.lua held to a steady rate: RATE requests a second over all of the
-- thread's connections (one wrk thread), each request given its own slot
-- in time, so that a slow answer delays nothing but its own connection.
--   wrk -t1 -s bench/lua/paced.lua URL -- PLAN KEY_PREFIX RATE
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "rotate.lua")

local ffi = require("ffi")
ffi.cdef [[
   typedef struct { long tv_sec; long tv_usec; } bench_timeval;
   int gettimeofday(bench_timeval *tv, void *tz);
]]
local now_tv = ffi.new("bench_timeval")

local function now_ms()
   ffi.C.gettimeofday(now_tv, nil)
   return tonumber(now_tv.tv_sec) * 1000 + tonumber(now_tv.tv_usec) / 1000
end

local rotate_init = init
local interval = nil
local next_slot = nil

function init(args)
   rotate_init(args)
   interval = 1000 / assert(tonumber(args[3]), "no rate")
end

function delay()
   local now = now_ms()
   next_slot = math.max(next_slot or now, now - interval)  -- a late slot is not made up in a burst
   local wait = next_slot - now
   next_slot = next_slot + interval
   return math.max(0, math.floor(wait))
end
