-- Builds the environment Redis 7.0 gives scripts, from a state with Lua 5.1's standard
-- libraries open. Called once with the table of Java callbacks; returns the functions the
-- engine needs (compile, run). Everything a script must not reach is kept in locals here.
local java = ...
local G = _G
local getinfo, sethook = debug.getinfo, debug.sethook
local raw_loadstring, raw_setfenv, raw_rawset, raw_setmetatable = loadstring, setfenv, rawset, setmetatable
local cocreate, coresume = coroutine.create, coroutine.resume
local raw_load, unpack, concat = load, unpack, table.concat
local type, tostring, error, xpcall = type, tostring, error, xpcall
local check = java.check
local java_call, java_pcall, java_sha1hex, java_log = java.call, java.pcall, java.sha1hex, java.log
local java_setresp, java_set_repl = java.setresp, java.set_repl
local HOOK_EVERY = 100000

-- What Redis leaves out: files, processes, modules, the debug library, environments.
-- ('java' is the binding's own door to the JVM.)
for _, name in ipairs({'io', 'os', 'debug', 'package', 'require', 'dofile', 'loadfile', 'module',
                       'print', 'setfenv', 'getfenv', 'newproxy', 'java'}) do
  G[name] = nil
end

-- The time check (Java): past busy-reply-threshold it serves other clients; once SCRIPT KILL
-- asked, the script ends with an error raised on every line from then on, so pcall cannot keep
-- it alive (as Redis does).
local hook
hook = function()
  if check() then
    sethook(hook, 'l')
    error({err = 'ERR Script killed by user with SCRIPT KILL...'})
  end
end

-- Tables a script may read but not change, as Redis 7.0's read-only tables.
local readonly = {}
local function readonly_newindex()
  error('Attempt to modify a readonly table', 2)
end
local function protect(t)
  local proxy = {}
  raw_setmetatable(proxy, {__index = t, __newindex = readonly_newindex, __metatable = false})
  readonly[proxy] = true
  return proxy
end

G.rawset = function(t, k, v)
  if readonly[t] then
    error('Attempt to modify a readonly table', 0)
  end
  return raw_rawset(t, k, v)
end
G.setmetatable = function(t, mt)
  if readonly[t] then
    error('Attempt to modify a readonly table', 0)
  end
  return raw_setmetatable(t, mt)
end

-- pcall gives the message of an error table ({err=...}, as redis.call raises) as a string, as
-- Redis 7.0's pcall does, so scripts written for older Redis still get strings.
local raw_pcall = pcall
local function pcall_result(ok, ...)
  if ok then
    return ok, ...
  end
  local err = ...
  if type(err) == 'table' then
    local message = err.err
    if type(message) == 'string' or type(message) == 'number' then
      return false, message
    end
  end
  return false, err
end
G.pcall = function(...)
  return pcall_result(raw_pcall(...))
end

local env
-- Text chunks only: a script may not load bytecode, which Lua 5.1 does not verify fully.
G.loadstring = function(s, name)
  if type(s) == 'string' and s:byte(1) == 27 then
    return nil, 'loadstring of binary chunks is not allowed'
  end
  local f, err = raw_loadstring(s, name)
  if f then
    raw_setfenv(f, env)
  end
  return f, err
end
G.load = function(reader, name)
  local parts = {}
  while true do
    local part = reader()
    if part == nil or part == '' then
      break
    end
    parts[#parts + 1] = part
  end
  return G.loadstring(concat(parts), name or '=(load)')
end
-- Coroutines get the time check too (a hook is set per coroutine in Lua 5.1).
G.coroutine = {
  create = function(f)
    local co = cocreate(f)
    sethook(co, hook, '', HOOK_EVERY)
    return co
  end,
  wrap = function(f)
    local co = cocreate(f)
    sethook(co, hook, '', HOOK_EVERY)
    return function(...)
      local r = {coresume(co, ...)}
      if not r[1] then
        error(r[2], 2)
      end
      return unpack(r, 2)
    end
  end,
  resume = coroutine.resume, yield = coroutine.yield, status = coroutine.status, running = coroutine.running,
}

local redis = {
  -- The binding's functions are plain C functions to Lua (no metatable, no reachable upvalues
  -- once debug is gone), so they are given as they are: a script's `return redis.call(...)`
  -- then keeps its frame for error positions, as with Redis's C functions.
  call = java_call,
  pcall = java_pcall,
  sha1hex = java_sha1hex,
  log = java_log,
  setresp = java_setresp,
  set_repl = java_set_repl,
  error_reply = function(e)
    if type(e) ~= 'string' then
      error('wrong number or type of arguments', 2)
    end
    return {err = e}
  end,
  status_reply = function(s)
    if type(s) ~= 'string' then
      error('wrong number or type of arguments', 2)
    end
    return {ok = s}
  end,
  replicate_commands = function() return true end,
  breakpoint = function() return false end,
  debug = function() end,
  LOG_DEBUG = 0, LOG_VERBOSE = 1, LOG_NOTICE = 2, LOG_WARNING = 3,
  REPL_NONE = 0, REPL_AOF = 1, REPL_SLAVE = 2, REPL_REPLICA = 2, REPL_ALL = 3,
  REDIS_VERSION = java.version, REDIS_VERSION_NUM = java.version_num,
}
G.redis = protect(redis)
for _, name in ipairs({'string', 'table', 'math', 'coroutine'}) do
  G[name] = protect(G[name])
end

env = protect(G)
G._G = env
raw_setmetatable(G, {__index = function(_, k)
  error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2)
end, __metatable = false})

-- Errors become tables {err=..., source=..., line=...} as Redis's error handler makes them:
-- the position is the script's frame that raised it (C functions and this file skipped).
local function handler(err)
  local level, info = 2, nil
  repeat
    info = getinfo(level, 'Sl')
    level = level + 1
  until not info or (info.what ~= 'C' and info.what ~= 'tail' and info.source ~= '=prelude')
  if type(err) ~= 'table' then
    err = {err = 'ERR ' .. tostring(err)}
  end
  if info then
    err.source = info.source
    err.line = info.currentline
  end
  return err
end

local function compile(body, name)
  local f, err = raw_loadstring(body, name)
  if f then
    raw_setfenv(f, env)
  end
  return f, err
end

local function run(f)
  sethook(hook, '', HOOK_EVERY)
  return xpcall(f, handler)
end

sethook(hook, '', HOOK_EVERY)
return compile, run
