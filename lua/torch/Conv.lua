-- Convolutions with Torch7's forms: conv2, xcorr2, conv3 and xcorr3, as torch functions
-- and methods: torch.conv2([res,] x, k, ['V'|'F']). 'V' (the default) keeps the valid
-- part, 'F' gives the full convolution. Inputs and kernels may be one image and one
-- kernel, planes each with its own kernel, or planes filtered by a bank of kernels
-- (summed over the input planes), as THTensorConv's mul, cmul and mv forms.
local torch = ...
local K = torch._bridge.K
local M = torch._tensorMethods
local LA = torch._linalg
local np, rawTensor = torch._np, torch._rawTensor
local fail, sizeStr, sameObject = LA.fail, LA.sizeStr, LA.sameObject

local forms = { 'res:t? x:t k:t vf:V|F=V' }

--[[ The output sizes (a Lua array) of convolving x by k over `nd` spatial dimensions. ]]
local function outputSizes(T, name, nd, x, k, full)
   local xl, kl = x._nd - nd, k._nd - nd
   local sizes = {}
   if xl == 1 and kl == 1 then
      if x._sz[0] ~= k._sz[0] then
         fail(T, name, 'input %s and kernel %s have different numbers of planes', sizeStr(x),
            sizeStr(k))
      end
      sizes[1] = x._sz[0]
   elseif xl == 1 and kl == 2 then
      if k._sz[1] ~= x._sz[0] then
         fail(T, name, 'kernel %s expects %d input planes, input %s has %d', sizeStr(k),
            k._sz[1], sizeStr(x), x._sz[0])
      end
      sizes[1] = k._sz[0]
   elseif xl ~= 0 or kl ~= 0 then
      fail(T, name, 'expected %dD input and %dD kernel, %dD and %dD, or %dD and %dD; got %s '
         .. 'and %s', nd, nd, nd + 1, nd + 1, nd + 1, nd + 2, sizeStr(x), sizeStr(k))
   end
   for d = 1, nd do
      local xs, ks = x._sz[x._nd - nd + d - 1], k._sz[k._nd - nd + d - 1]
      if full then
         sizes[#sizes + 1] = xs + ks - 1
      elseif xs < ks then
         fail(T, name, "input %s is smaller than kernel %s (use 'F' for a full convolution)",
            sizeStr(x), sizeStr(k))
      else
         sizes[#sizes + 1] = xs - ks + 1
      end
   end
   return sizes
end

--[[ Define torch.`name` and the method `name` over `nd` spatial dimensions; `flip` is
true for convolution, false for cross-correlation. ]]
local function define(name, nd, flip)
   torch[name] = function(...)
      local a, T = LA.parse(name, forms, ...)
      local x, k = a.x, a.k
      local sizes = outputSizes(T, name, nd, x, k, a.vf == 'F')
      local res = a.res or rawTensor(T, nil)
      if sameObject(res, x) then x = x:clone() end
      if sameObject(res, k) then k = k:clone() end
      LA.resizeTo(res, unpack(sizes))
      K.signal_conv(np(res), np(x), np(k), nd, a.vf == 'F', flip)
      return res
   end
   M[name] = torch[name]
end

define('conv2', 2, true)
define('xcorr2', 2, false)
define('conv3', 3, true)
define('xcorr3', 3, false)
