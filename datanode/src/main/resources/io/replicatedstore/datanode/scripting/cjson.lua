-- The cjson library as Redis 7.0's Lua has it (lua-cjson 2.1.0's behaviour: its number format,
-- its escapes, its sparse-array rule, its error texts), written for the data node in Lua.
-- Called with the null sentinel (a userdata); returns the library table.
local null = ...
local type, pairs, tostring, tonumber, error, pcall, select = type, pairs, tostring, tonumber, error, pcall, select
local format, byte, char, sub, find, concat = string.format, string.byte, string.char, string.sub, string.find, table.concat
local floor, huge = math.floor, math.huge

local config = {
  encode_max_depth = 1000, decode_max_depth = 1000,
  encode_invalid_numbers = false, decode_invalid_numbers = true,
  sparse_convert = false, sparse_ratio = 2, sparse_safe = 10,
  precision = 14, keep_buffer = true,
}

-- A failure inside the library: re-raised without a position (the prelude makes encode and
-- decode C functions to Lua, which raise it again from the caller's line, as Redis's do).
local function fail(message)
  error({cjson_error = message}, 0)
end

local escapes = {['"'] = '\\"', ['\\'] = '\\\\', ['/'] = '\\/', ['\b'] = '\\b', ['\f'] = '\\f',
                 ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t'}
for i = 0, 31 do
  local c = char(i)
  if not escapes[c] then
    escapes[c] = format('\\u%04x', i)
  end
end
escapes['\127'] = '\\u007f'

local function encode_string(s)
  return '"' .. s:gsub('[%c"\\/]', escapes) .. '"'
end

local function encode_number(n)
  if n ~= n or n == huge or n == -huge then
    if not config.encode_invalid_numbers then
      fail('Cannot serialise number: must not be NaN or Inf')
    end
    if config.encode_invalid_numbers == 'null' then
      return 'null'
    end
    if n ~= n then
      return 'nan'
    end
    return n > 0 and 'inf' or '-inf'
  end
  return format('%.' .. config.precision .. 'g', n)
end

-- The array length of t if all its keys are positive integers (0 for none), -1 otherwise;
-- an excessively sparse array is an error (or an object, with encode_sparse_array's convert).
local function array_length(t)
  local max, items = 0, 0
  for k in pairs(t) do
    if type(k) == 'number' and k >= 1 and floor(k) == k then
      if k > max then
        max = k
      end
      items = items + 1
    else
      return -1
    end
  end
  if config.sparse_ratio > 0 and max > config.sparse_safe and max > items * config.sparse_ratio then
    if not config.sparse_convert then
      fail('Cannot serialise table: excessively sparse array')
    end
    return -1
  end
  return max
end

local encode_value

local function encode_table(t, depth, out)
  depth = depth + 1
  if depth > config.encode_max_depth then
    fail(format('Cannot serialise, excessive nesting (%d)', depth))
  end
  local length = array_length(t)
  if length > 0 then
    out[#out + 1] = '['
    for i = 1, length do
      if i > 1 then
        out[#out + 1] = ','
      end
      encode_value(t[i], depth, out)
    end
    out[#out + 1] = ']'
    return
  end
  out[#out + 1] = '{'
  local first = true
  for k, v in pairs(t) do
    if not first then
      out[#out + 1] = ','
    end
    first = false
    local kt = type(k)
    if kt == 'string' then
      out[#out + 1] = encode_string(k)
    elseif kt == 'number' then
      out[#out + 1] = '"' .. encode_number(k) .. '"'
    else
      fail('Cannot serialise ' .. kt .. ': table key must be a number or string')
    end
    out[#out + 1] = ':'
    encode_value(v, depth, out)
  end
  out[#out + 1] = '}'
end

encode_value = function(v, depth, out)
  local vt = type(v)
  if vt == 'string' then
    out[#out + 1] = encode_string(v)
  elseif vt == 'number' then
    out[#out + 1] = encode_number(v)
  elseif vt == 'boolean' then
    out[#out + 1] = v and 'true' or 'false'
  elseif vt == 'nil' or v == null then
    out[#out + 1] = 'null'
  elseif vt == 'table' then
    encode_table(v, depth, out)
  else
    fail('Cannot serialise ' .. vt .. ': type not supported')
  end
end

-- Decoding: a tokenizer and a recursive parser, with lua-cjson's token names in its errors.

local function token_name(s, i)
  local c = sub(s, i, i)
  if c == '' then return 'T_END' end
  if c == '{' then return 'T_OBJ_BEGIN' end
  if c == '}' then return 'T_OBJ_END' end
  if c == '[' then return 'T_ARR_BEGIN' end
  if c == ']' then return 'T_ARR_END' end
  if c == ',' then return 'T_COMMA' end
  if c == ':' then return 'T_COLON' end
  if c == '"' then return 'T_STRING' end
  if find(c, '[%-%d]') then return 'T_NUMBER' end
  if sub(s, i, i + 3) == 'true' or sub(s, i, i + 4) == 'false' then return 'T_BOOLEAN' end
  if sub(s, i, i + 3) == 'null' then return 'T_NULL' end
  return 'invalid token'
end

local function expected(what, s, i)
  fail(format('Expected %s but found %s at character %d', what, token_name(s, i), i))
end

local function skip(s, i)
  local _, e = find(s, '^[ \t\n\r]*', i)
  return e + 1
end

local function utf8(code)
  if code < 0x80 then
    return char(code)
  elseif code < 0x800 then
    return char(0xC0 + floor(code / 0x40), 0x80 + code % 0x40)
  elseif code < 0x10000 then
    return char(0xE0 + floor(code / 0x1000), 0x80 + floor(code / 0x40) % 0x40, 0x80 + code % 0x40)
  end
  return char(0xF0 + floor(code / 0x40000), 0x80 + floor(code / 0x1000) % 0x40,
              0x80 + floor(code / 0x40) % 0x40, 0x80 + code % 0x40)
end

local unescapes = {['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t'}

local function decode_string(s, i)
  local parts = {}
  local j = i + 1
  while true do
    local a, b = find(s, '^[^"\\%c]+', j)
    if a then
      parts[#parts + 1] = sub(s, a, b)
      j = b + 1
    end
    local c = sub(s, j, j)
    if c == '"' then
      return concat(parts), j + 1
    elseif c == '\\' then
      local e = sub(s, j + 1, j + 1)
      if e == 'u' then
        local hex = sub(s, j + 2, j + 5)
        local code = #hex == 4 and find(hex, '^%x%x%x%x$') and tonumber(hex, 16)
        if not code then
          fail(format('Expected value but found invalid unicode escape code at character %d', i))
        end
        j = j + 6
        if code >= 0xD800 and code <= 0xDBFF and sub(s, j, j + 1) == '\\u' then
          local low = tonumber(sub(s, j + 2, j + 5), 16)
          if low and low >= 0xDC00 and low <= 0xDFFF then
            code = 0x10000 + (code - 0xD800) * 0x400 + (low - 0xDC00)
            j = j + 6
          end
        end
        parts[#parts + 1] = utf8(code)
      elseif unescapes[e] then
        parts[#parts + 1] = unescapes[e]
        j = j + 2
      else
        fail(format('Expected value but found invalid escape code at character %d', i))
      end
    elseif c == '' then
      fail(format('Expected value but found unexpected end of string at character %d', i))
    else
      -- A control character inside a string.
      fail(format('Expected value but found invalid token at character %d', i))
    end
  end
end

local decode_value

local function decode_array(s, i, depth)
  depth = depth + 1
  if depth > config.decode_max_depth then
    fail(format('Found too many nested data structures (%d) at character %d', depth, i))
  end
  local result, n = {}, 0
  i = skip(s, i + 1)
  if sub(s, i, i) == ']' then
    return result, i + 1
  end
  while true do
    local v
    v, i = decode_value(s, i, depth)
    n = n + 1
    result[n] = v
    i = skip(s, i)
    local c = sub(s, i, i)
    if c == ']' then
      return result, i + 1
    elseif c ~= ',' then
      expected('comma or array end', s, i)
    end
    i = skip(s, i + 1)
  end
end

local function decode_object(s, i, depth)
  depth = depth + 1
  if depth > config.decode_max_depth then
    fail(format('Found too many nested data structures (%d) at character %d', depth, i))
  end
  local result = {}
  i = skip(s, i + 1)
  if sub(s, i, i) == '}' then
    return result, i + 1
  end
  while true do
    if sub(s, i, i) ~= '"' then
      expected('object key string', s, i)
    end
    local key
    key, i = decode_string(s, i)
    i = skip(s, i)
    if sub(s, i, i) ~= ':' then
      expected('colon', s, i)
    end
    local v
    v, i = decode_value(s, skip(s, i + 1), depth)
    result[key] = v
    i = skip(s, i)
    local c = sub(s, i, i)
    if c == '}' then
      return result, i + 1
    elseif c ~= ',' then
      expected('comma or object end', s, i)
    end
    i = skip(s, i + 1)
  end
end

decode_value = function(s, i, depth)
  local c = sub(s, i, i)
  if c == '{' then
    return decode_object(s, i, depth)
  elseif c == '[' then
    return decode_array(s, i, depth)
  elseif c == '"' then
    return decode_string(s, i)
  elseif sub(s, i, i + 3) == 'true' then
    return true, i + 4
  elseif sub(s, i, i + 4) == 'false' then
    return false, i + 5
  elseif sub(s, i, i + 3) == 'null' then
    return null, i + 4
  end
  local a, b = find(s, '^-?%d+%.?%d*[eE]?[-+]?%d*', i)
  if a then
    local n = tonumber(sub(s, a, b))
    if n then
      return n, b + 1
    end
  end
  local word = s:match('^-?[%a]+', i)
  if word and config.decode_invalid_numbers then
    local lower = word:lower()
    if lower == 'nan' or lower == '-nan' then
      return 0 / 0, i + #word
    elseif lower == 'inf' or lower == 'infinity' then
      return huge, i + #word
    elseif lower == '-inf' or lower == '-infinity' then
      return -huge, i + #word
    end
  end
  expected('value', s, i)
end

local function caught(ok, ...)
  if ok then
    return ...
  end
  local err = ...
  if type(err) == 'table' and err.cjson_error then
    error(err.cjson_error, 0)
  end
  error(err, 0)
end

local cjson = {_NAME = 'cjson', _VERSION = '2.1.0', null = null}

function cjson.encode(...)
  if select('#', ...) ~= 1 then
    error('bad argument #1 to \'encode\' (expected 1 argument)', 2)
  end
  local value = ...
  local result = caught(pcall(function()
    local out = {}
    encode_value(value, 0, out)
    return concat(out)
  end))
  return result
end

function cjson.decode(...)
  if select('#', ...) ~= 1 then
    error('bad argument #1 to \'decode\' (expected 1 argument)', 2)
  end
  local s = ...
  if type(s) ~= 'string' and type(s) ~= 'number' then
    error('bad argument #1 to \'decode\' (string expected, got ' .. type(s) .. ')', 2)
  end
  s = tostring(s)
  local result = caught(pcall(function()
    local value, i = decode_value(s, skip(s, 1), 0)
    i = skip(s, i)
    if i <= #s then
      expected('the end', s, i)
    end
    return value
  end))
  return result
end

-- The settings: each returns the values in force after the call.
local function setting(name, check)
  return function(...)
    if select('#', ...) > 0 then
      local v = ...
      config[name] = check(v)
    end
    return config[name]
  end
end
local function depth(v)
  v = tonumber(v)
  if not v or v < 1 or floor(v) ~= v then
    error('bad argument #1 (expected integer between 1 and 2147483647)', 3)
  end
  return v
end
local function on_off(v)
  if v == 'on' or v == true then return true end
  if v == 'off' or v == false then return false end
  if v == 'null' then return 'null' end
  error('bad argument #1 (invalid option \'' .. tostring(v) .. '\')', 3)
end
cjson.encode_max_depth = setting('encode_max_depth', depth)
cjson.decode_max_depth = setting('decode_max_depth', depth)
cjson.encode_invalid_numbers = setting('encode_invalid_numbers', on_off)
cjson.decode_invalid_numbers = setting('decode_invalid_numbers', on_off)
cjson.encode_keep_buffer = setting('keep_buffer', on_off)
cjson.encode_number_precision = setting('precision', function(v)
  v = tonumber(v)
  if not v or v < 1 or v > 14 or floor(v) ~= v then
    error('bad argument #1 (expected integer between 1 and 14)', 3)
  end
  return v
end)
function cjson.encode_sparse_array(convert, ratio, safe)
  if convert ~= nil then config.sparse_convert = on_off(convert) end
  if ratio ~= nil then config.sparse_ratio = tonumber(ratio) end
  if safe ~= nil then config.sparse_safe = tonumber(safe) end
  return config.sparse_convert, config.sparse_ratio, config.sparse_safe
end
function cjson.new()
  return cjson
end

return cjson
