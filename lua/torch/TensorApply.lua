-- apply, map and map2: call a Lua function on every element, in row-major order, for any
-- strides. The loops run in LuaJIT over the element memory; nothing crosses to Python.
local torch = ...
local M = torch._tensorMethods
local PW = torch._pointwise
local numel = PW.count
local tinfo, contig = PW.tinfo, PW.contig

--[[ A cursor walking the element offsets of `t` in row-major order. ]]
local function cursor(t)
   local c = { off = t._off, sz = {}, sd = {}, idx = {} }
   if contig(t) then
      c.nd, c.sz[0], c.sd[0], c.idx[0] = 1, numel(t), 1, 0
      return c
   end
   c.nd = t._nd
   for d = 0, t._nd - 1 do
      c.sz[d], c.sd[d], c.idx[d] = t._sz[d], t._sd[d], 0
   end
   return c
end

local function step(c)
   local idx, sz, sd = c.idx, c.sz, c.sd
   for d = c.nd - 1, 0, -1 do
      local i = idx[d] + 1
      if i < sz[d] then
         idx[d] = i
         c.off = c.off + sd[d]
         return
      end
      idx[d] = 0
      c.off = c.off - (sz[d] - 1) * sd[d]
   end
end

local function checkResult(t, fname, r)
   if r ~= nil and type(r) ~= 'number' then
      torch._argError(t, fname, 'the function should return a number or nil, got a %s', type(r))
   end
   return r
end

local function checkArgs(t, fname, f, ...)
   local T = tinfo(t)
   torch._checkBounds(t, T.tensorName .. '.' .. fname)
   for i = 1, select('#', ...) do
      local s = select(i, ...)
      if tinfo(s) ~= T then
         torch._argError(t, fname, 'argument %d must be a %s, got %s', i, T.tensorName,
            torch.typename(s) or type(s))
      end
      if numel(s) ~= numel(t) then
         torch._argError(t, fname, 'tensors hold %d and %d elements', numel(t), numel(s))
      end
      torch._checkBounds(s, T.tensorName .. '.' .. fname)
   end
   if type(f) ~= 'function' and not (type(f) == 'table' and getmetatable(f)
         and getmetatable(f).__call) then
      torch._argError(t, fname, 'expected a function, got %s', type(f))
   end
end

-- The contiguous cases, written out for short tensors (see elementLoop.lua).
local compile = torch._elementLoop.compile
local applyLoop = compile('p, n, f, t, check',
   'local r = f(tonumber(p[i])) if r ~= nil then p[i] = check(t, "apply", r) end')
local mapLoop = compile('p1, p2, n, f, t, check',
   'local r = f(tonumber(p1[i]), tonumber(p2[i])) '
   .. 'if r ~= nil then p1[i] = check(t, "map", r) end')
local map2Loop = compile('p1, p2, p3, n, f, t, check',
   'local r = f(tonumber(p1[i]), tonumber(p2[i]), tonumber(p3[i])) '
   .. 'if r ~= nil then p1[i] = check(t, "map2", r) end')

--[[ Call `f(x)` on every element x of `t`; a number returned replaces the element.
ARGS: f (function)
RETURN: self ]]
function M.apply(t, f)
   checkArgs(t, 'apply', f)
   local n = numel(t)
   if n == 0 then return t end
   local data = t._st._data
   if contig(t) then
      applyLoop(data + t._off, n, f, t, checkResult)
      return t
   end
   local c = cursor(t)
   for _ = 1, n do
      local o = c.off
      local r = f(tonumber(data[o]))
      if r ~= nil then data[o] = checkResult(t, 'apply', r) end
      step(c)
   end
   return t
end

--[[ Call `f(x, y)` on the elements of `t` and `src` taken in row-major order (same number
of elements, any shapes); a number returned replaces the element of `t`.
RETURN: self ]]
function M.map(t, src, f)
   checkArgs(t, 'map', f, src)
   local n = numel(t)
   if n == 0 then return t end
   local d1, d2 = t._st._data, src._st._data
   if contig(t) and contig(src) then
      mapLoop(d1 + t._off, d2 + src._off, n, f, t, checkResult)
      return t
   end
   local c1, c2 = cursor(t), cursor(src)
   for _ = 1, n do
      local o = c1.off
      local r = f(tonumber(d1[o]), tonumber(d2[c2.off]))
      if r ~= nil then d1[o] = checkResult(t, 'map', r) end
      step(c1)
      step(c2)
   end
   return t
end

--[[ Call `f(x, y, z)` on the elements of `t`, `src1` and `src2` in row-major order; a
number returned replaces the element of `t`.
RETURN: self ]]
function M.map2(t, src1, src2, f)
   checkArgs(t, 'map2', f, src1, src2)
   local n = numel(t)
   if n == 0 then return t end
   local d1, d2, d3 = t._st._data, src1._st._data, src2._st._data
   if contig(t) and contig(src1) and contig(src2) then
      map2Loop(d1 + t._off, d2 + src1._off, d3 + src2._off, n, f, t, checkResult)
      return t
   end
   local c1, c2, c3 = cursor(t), cursor(src1), cursor(src2)
   for _ = 1, n do
      local o = c1.off
      local r = f(tonumber(d1[o]), tonumber(d2[c2.off]), tonumber(d3[c3.off]))
      if r ~= nil then d1[o] = checkResult(t, 'map2', r) end
      step(c1)
      step(c2)
      step(c3)
   end
   return t
end
