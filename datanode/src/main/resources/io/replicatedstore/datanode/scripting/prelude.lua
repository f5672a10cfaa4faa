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
local rawget, pairs, ipairs, select = rawget, pairs, ipairs, select
local lower, find = string.lower, string.find
local check = java.check
local java_call, java_pcall, java_sha1hex, java_log = java.call, java.pcall, java.sha1hex, java.log
local java_setresp, java_set_repl = java.setresp, java.set_repl
local HOOK_EVERY = 100000

-- The libraries Redis bundles: cjson (its null is a userdata, as Redis's lightuserdata).
local cjson = java.cjson_chunk(newproxy(false))
cjson.encode = java.cfunction(cjson.encode)
cjson.decode = java.cfunction(cjson.decode)

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
  -- Never inside this file's own code (the error handler, load_library's epilogue): an error
  -- raised there would escape the protected call.
  local info = getinfo(2, 'S')
  if info and info.source == '=prelude' then
    return
  end
  local stop = check()
  if stop then
    sethook(hook, 'l')
    error({err = type(stop) == 'string' and stop or 'ERR Script killed by user with SCRIPT KILL...'})
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
G.cjson = cjson
G.bit = java.bit
G.cmsgpack = java.cmsgpack
for _, name in ipairs({'string', 'table', 'math', 'coroutine', 'cjson', 'bit', 'cmsgpack'}) do
  G[name] = protect(G[name])
end

local function missing_global(k)
  error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 3)
end
-- The globals a script reads: the real ones, except while FUNCTION LOAD runs a library's code,
-- which sees only the loading API (Redis swaps the globals' __index the same way).
local current = G
env = {}
raw_setmetatable(env, {__index = function(_, k)
  local v = rawget(current, k)
  if v == nil then
    missing_global(k)
  end
  return v
end, __newindex = readonly_newindex, __metatable = false})
readonly[env] = true
G._G = env
local throwable = java.throwable
raw_setmetatable(G, {__index = function(_, k)
  if k == throwable then
    return nil -- the binding looks this one up after a failed call, outside any protection
  end
  error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2)
end, __metatable = false})

-- Errors become tables {err=..., source=..., line=...} as Redis's error handler makes them:
-- the position is the script's frame that raised it (C functions and this file skipped).
local internal = {['=prelude'] = true, ['=cjson'] = true}
local function handler(err)
  local level, info = 2, nil
  repeat
    info = getinfo(level, 'Sl')
    level = level + 1
  until not info or (info.what ~= 'C' and info.what ~= 'tail' and not internal[info.source])
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
if not java.functions then
  return compile, run
end

-- Functions (FUNCTION LOAD, FCALL). A library's code runs once at load, seeing only `redis`
-- with register_function, log and the version; what it registers is collected here for Java.
local registered
local function load_error(message)
  error({err = 'ERR ' .. message})
end
local function read_flags(t)
  local flags = {}
  local i = 1
  while true do
    local flag = t[i]
    if flag == nil then
      break
    end
    if type(flag) ~= 'string' and type(flag) ~= 'number' then
      return nil
    end
    flag = lower(tostring(flag))
    if flag ~= 'no-writes' and flag ~= 'allow-oom' and flag ~= 'allow-stale' and flag ~= 'no-cluster'
        and flag ~= 'allow-cross-slot-keys' then
      return nil
    end
    flags[#flags + 1] = flag
    i = i + 1
  end
  return flags
end
local function register_function(...)
  if not registered then
    load_error('redis.register_function can only be called on FUNCTION LOAD command')
  end
  local argc = select('#', ...)
  if argc < 1 or argc > 2 then
    load_error('wrong number of arguments to redis.register_function')
  end
  local name, callback, flags, description
  if argc == 2 then
    name, callback = ...
    if type(name) ~= 'string' and type(name) ~= 'number' then
      load_error('first argument to redis.register_function must be a string')
    end
    if type(callback) ~= 'function' then
      load_error('second argument to redis.register_function must be a function')
    end
    name, flags = tostring(name), {}
  else
    local args = ...
    if type(args) ~= 'table' then
      load_error('calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).')
    end
    for k, v in pairs(args) do
      if type(k) ~= 'string' and type(k) ~= 'number' then
        load_error('named argument key given to redis.register_function is not a string')
      end
      local key = lower(tostring(k))
      if key == 'function_name' then
        if type(v) ~= 'string' and type(v) ~= 'number' then
          load_error('function_name argument given to redis.register_function must be a string')
        end
        name = tostring(v)
      elseif key == 'description' then
        if type(v) ~= 'string' and type(v) ~= 'number' then
          load_error('description argument given to redis.register_function must be a string')
        end
        description = tostring(v)
      elseif key == 'callback' then
        if type(v) ~= 'function' then
          load_error('callback argument given to redis.register_function must be a function')
        end
        callback = v
      elseif key == 'flags' then
        if type(v) ~= 'table' then
          load_error('flags argument to redis.register_function must be a table representing function flags')
        end
        flags = read_flags(v)
        if not flags then
          load_error('unknown flag given')
        end
      else
        load_error('unknown argument given to redis.register_function')
      end
    end
    if not name then
      load_error('redis.register_function must get a function name argument')
    end
    if not callback then
      load_error('redis.register_function must get a callback argument')
    end
    flags = flags or {}
  end
  if name == '' or find(name, '[^%w_]') then
    load_error('Library names can only contain letters, numbers, or underscores(_) and must be at least one character long')
  end
  for _, f in ipairs(registered) do
    if f.name == name then
      load_error('Function already exists in the library')
    end
  end
  registered[#registered + 1] = {name = name, callback = callback, flags = flags, description = description}
end

local function load_proxy(t)
  local proxy = {}
  raw_setmetatable(proxy, {__index = function(_, k)
    local v = t[k]
    if v == nil then
      missing_global(k)
    end
    return v
  end, __newindex = readonly_newindex, __metatable = false})
  readonly[proxy] = true
  return proxy
end
local load_api = {
  redis = load_proxy({
    register_function = register_function,
    log = java_log,
    LOG_DEBUG = 0, LOG_VERBOSE = 1, LOG_NOTICE = 2, LOG_WARNING = 3,
    REDIS_VERSION = java.version, REDIS_VERSION_NUM = java.version_num,
  }),
}

-- Runs a compiled library body with the loading API as its globals; returns true and the
-- registered functions ({name=, callback=, flags={...}, description=}), or false and the error.
local function load_library(f)
  registered = {}
  current = load_api
  sethook(hook, '', HOOK_EVERY)
  local ok, err = xpcall(f, handler)
  current = G
  local functions = registered
  registered = nil
  if not ok then
    return false, err
  end
  return true, functions
end

local function call_function(f, keys, args)
  sethook(hook, '', HOOK_EVERY)
  return xpcall(function() return f(keys, args) end, handler)
end

return compile, run, load_library, call_function
