"""The Lua half of the nn facade: one table of helpers loaded into the runtime once.

Every call of a Lua module from Python is one call into this table (``forward``,
``backward``), so a module invocation costs one Lua<->Python crossing plus the kernels the
module itself runs. The table also stamps modules with the call that last ran their
``forward``: a tape node whose stamp is no longer on every module of its subtree knows a
later call overwrote the buffers its backward reads, and runs ``forward`` again first.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ..runtime import get_runtime, guarded
from ._lua_struct import STRUCTURE_SOURCE

_SOURCE = r"""
local torch = require 'torch'
local ffi = require 'ffi'
require 'nn'
if nn.PyModule == nil then require 'nn.PyModule' end
local np = torch._np
local B = {}

local stamps = setmetatable({}, { __mode = 'k' })
local ids = setmetatable({}, { __mode = 'k' })
local nextId, clock = 0, 0

-- Modules whose backward reads only input, gradOutput and parameters (no output, no
-- buffers): a later call does not spoil an earlier node, so no forward is run again.
local INPUT_ONLY = {
   ['nn.Linear'] = true, ['nn.Threshold'] = true, ['nn.ReLU'] = true,
   ['nn.Identity'] = true, ['nn.View'] = true, ['nn.Reshape'] = true,
   ['nn.LookupTable'] = true,
}
-- Modules whose backward reads only input, gradOutput and output: an overwritten output is
-- put back from the call's own copy instead of running forward again (see B.backward).
local OUTPUT_ONLY = {
   ['nn.Tanh'] = true, ['nn.Sigmoid'] = true, ['nn.SoftMax'] = true, ['nn.LogSoftMax'] = true,
}
-- Modules whose accGradParameters does not need updateGradInput to have run first.
local ACC_ALONE = { ['nn.Linear'] = true, ['nn.LookupTable'] = true }
local RANDOM = {
   ['nn.Dropout'] = true, ['nn.SpatialDropout'] = true, ['nn.VolumetricDropout'] = true,
   ['nn.RReLU'] = true, ['nn.SpatialFractionalMaxPooling'] = true,
   ['nn.PyModule'] = true,  -- Python code may draw from the shared generator
}
-- Fields that forward itself updates as running statistics: running forward again for a
-- backward must not count the batch twice, so they are put back afterwards.
local RUNNING = { 'running_mean', 'running_var', 'running_std' }

function B.id(m)
   local i = ids[m]
   if i == nil then
      nextId = nextId + 1
      i = nextId
      ids[m] = i
   end
   return i
end

local function stampTree(m, c)
   stamps[m] = c
   local ms = rawget(m, 'modules')
   if type(ms) == 'table' then
      for i = 1, #ms do stampTree(ms[i], c) end
   end
end

local function freshTree(m, c)
   if stamps[m] ~= c then return false end
   local ms = rawget(m, 'modules')
   if type(ms) == 'table' then
      for i = 1, #ms do
         if not freshTree(ms[i], c) then return false end
      end
   end
   return true
end

local function saveRunning(m, saved)
   for _, k in ipairs(RUNNING) do
      local v = rawget(m, k)
      if torch.isTensor(v) then saved[#saved + 1] = { v, v:clone() } end
   end
   local ms = rawget(m, 'modules')
   if type(ms) == 'table' then
      for i = 1, #ms do saveRunning(ms[i], saved) end
   end
   return saved
end

local function anyTree(m, test)
   if test(m) then return true end
   local ms = rawget(m, 'modules')
   if type(ms) == 'table' then
      for i = 1, #ms do
         if anyTree(ms[i], test) then return true end
      end
   end
   return false
end

local function isRandom(m) return RANDOM[torch.typename(m)] == true end
local function isInplace(m) return rawget(m, 'inplace') == true end

--[[ Whether `m` (or a descendant) draws random numbers in forward, whether it has
parameters, whether a module in it works in place, and whether its backward reads only its
input, gradOutput and output. ]]
function B.info(m)
   local p = m.parameters and m:parameters()
   return anyTree(m, isRandom), p ~= nil and #p > 0, anyTree(m, isInplace),
      OUTPUT_ONLY[torch.typename(m)] == true and not isInplace(m)
end

local function arrays(out)
   if torch.isTensor(out) then return false, np(out) end
   local list = {}
   for i = 1, #out do
      if not torch.isTensor(out[i]) then
         error('pytorch_bridge.nn: only tensors or flat tables of tensors can cross to Python', 3)
      end
      list[i] = np(out[i])
   end
   return true, unpack(list, 1, #out)
end

--[[ A tensor buffer of type `name` resized to the given sizes, and its array. ]]
function B.buffer(buf, name, ...)
   if buf == nil or torch.typename(buf) ~= torch._types[name].tensorName then
      buf = torch[name .. 'Tensor']()
   end
   buf:resize(...)
   return buf, np(buf)
end

--[[ A contiguous tensor of type `name` over the 1-D array `flat`, with sizes `...`. ]]
function B.wrap(name, flat, ...)
   local T = torch._types[name]
   local t = torch._rawTensor(T, torch._storageFromArray(T, flat), 0)
   t:resize(...)
   return t
end

function B.table(...) return { ... } end

--[[ Run m:forward(x); return the stamp of this call and the output array(s). ]]
function B.forward(m, x, withRng)
   clock = clock + 1
   local c = clock
   stampTree(m, c)
   local rng = withRng and torch.getRNGState() or nil
   return c, rng, arrays(m:forward(x))
end

local function accAlone(m, x, g)
   local name = torch.typename(m)
   if ACC_ALONE[name] then
      m:accGradParameters(x, g, 1)
   elseif name == 'nn.Sequential' and #m.modules > 0 then
      local ms = m.modules
      local cur = g
      for i = #ms, 2, -1 do
         cur = m:rethrowErrors(ms[i], i, 'backward', ms[i - 1].output, cur, 1)
      end
      accAlone(ms[1], x, cur)
   else
      local p = m:parameters()
      if p ~= nil and #p > 0 then m:backward(x, g, 1) end
   end
end

-- Whether Python put the call's output back into `m.output`: `ptr` is the address it wrote
-- (0: none), valid while the buffer is that memory, contiguous and sized like the input.
local function outputPutBack(m, x, ptr)
   if ptr == 0 or not OUTPUT_ONLY[torch.typename(m)] then return false end
   local out = m.output
   return out:isContiguous() and out:nElement() > 0 and out:isSameSizeAs(x)
      and tonumber(ffi.cast('intptr_t', out:data())) == ptr
end

--[[ Backward of the call stamped `c` on input `x` with gradOutput `g`. When a later call
overwrote what the module keeps, forward runs again first (with the generator state
`rng` of the original call), unless only the output was needed and Python put it back at
address `outPtr`. Returns the gradInput array(s) when `needGI`. ]]
function B.backward(m, c, x, g, needGI, rng, outPtr)
   if not freshTree(m, c) then
      if not INPUT_ONLY[torch.typename(m)] and not outputPutBack(m, x, outPtr or 0) then
         local now
         if rng ~= nil then
            now = torch.getRNGState()
            torch.setRNGState(rng)
         end
         local saved = saveRunning(m, {})
         m:forward(x)
         for i = 1, #saved do saved[i][1]:copy(saved[i][2]) end
         if now ~= nil then torch.setRNGState(now) end
      end
      stampTree(m, c)
   end
   if needGI then return arrays(m:backward(x, g, 1)) end
   accAlone(m, x, g)
   return false
end

--[[ Criterion forward: the loss as a number and the stamp. ]]
function B.critForward(m, x, t)
   clock = clock + 1
   stamps[m] = clock
   return clock, m:forward(x, t)
end

--[[ m:clearState(), and no call's buffers count as current any more: a backward still
pending runs forward again first. ]]
function B.clearState(m)
   m:clearState()
   stampTree(m, 0)
end

function B.critBackward(m, c, x, t)
   if stamps[m] ~= c then
      m:forward(x, t)
      stamps[m] = c
   end
   return arrays(m:backward(x, t))
end

return B
"""

_STATE: dict[str, Any] = {}


def bridge() -> Any:
    """Return the Lua helpers (loaded into the runtime on first use) as an object whose
    functions raise :class:`pytorch_bridge.LuaError` for Lua errors."""
    b = _STATE.get("B")
    if b is None:
        rt = get_runtime()
        table = rt.execute(_SOURCE)
        rt.execute(STRUCTURE_SOURCE, table)
        b = SimpleNamespace(**{str(k): guarded(fn) for k, fn in table.items()})
        _STATE["B"] = b
        from . import _pymodule

        _pymodule.install(rt)
    return b
