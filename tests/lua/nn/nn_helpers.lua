-- Helpers shared by the nn specs: Jacobian checks (tensors through nn.Jacobian, tables
-- and criteria through central differences) and the checks every module gets.
require 'nn'
local H = {}

H.PRECISION = 1e-5

--[[ Check d(output)/d(input) of `module` through nn.Jacobian, and the parameters' gradients
(accGradParameters and accUpdateGradParameters) for every name in `params` (default: weight
and bias when present). ]]
function H.jacobian(tester, module, input, params)
   local err = nn.Jacobian.testJacobian(module, input)
   tester:assert(err < H.PRECISION, torch.type(module) .. ': input Jacobian error ' .. err)
   params = params or { weight = 'gradWeight', bias = 'gradBias' }
   for p, g in pairs(params) do
      if module[p] then
         err = nn.Jacobian.testJacobianParameters(module, input, module[p], module[g])
         tester:assert(err < H.PRECISION, torch.type(module) .. ': ' .. p .. ' error ' .. err)
         err = nn.Jacobian.testJacobianUpdateParameters(module, input, module[p])
         tester:assert(err < H.PRECISION,
            torch.type(module) .. ': ' .. p .. ' update error ' .. err)
      end
   end
end

-- Apply f to every tensor of a nested table (or to the tensor itself).
local function each(x, f)
   if torch.isTensor(x) then return f(x) end
   for _, v in ipairs(x) do each(v, f) end
end

local function dot(a, b)
   if torch.isTensor(a) then
      local s = 0
      local ca, cb = a:contiguous(), b:contiguous()
      local pa, pb = ca:data(), cb:data()
      for i = 0, ca:nElement() - 1 do s = s + pa[i] * pb[i] end
      return s
   end
   local s = 0
   for i = 1, #a do s = s + dot(a[i], b[i]) end
   return s
end

local function randLike(x)
   if torch.isTensor(x) then return torch.rand(x:size()):mul(4):add(-2) end
   local r = {}
   for i, v in ipairs(x) do r[i] = randLike(v) end
   return r
end

local function cloneAll(x)
   if torch.isTensor(x) then return x:clone() end
   local r = {}
   for i, v in ipairs(x) do r[i] = cloneAll(v) end
   return r
end

--[[ Gradient check for modules whose input or output is a (nested) table: compare gradInput
with central differences of <output, gradOutput> for a random gradOutput. ]]
function H.tableJacobian(tester, module, input)
   each(input, function(t) t:copy(torch.rand(t:size()):mul(4):add(-2)) end)
   local gradOutput = randLike(module:forward(input))
   local gradInput = cloneAll(module:backward(input, gradOutput))
   local eps, worst = 1e-6, 0
   local function check(t, g)
      local flat, gflat = t:view(t:nElement()), g:contiguous():view(g:nElement())
      for i = 1, flat:nElement() do
         local orig = flat[i]
         flat[i] = orig + eps
         local fp = dot(module:forward(input), gradOutput)
         flat[i] = orig - eps
         local fm = dot(module:forward(input), gradOutput)
         flat[i] = orig
         worst = math.max(worst, math.abs((fp - fm) / (2 * eps) - gflat[i]))
      end
   end
   local function walk(t, g)  -- tables of tables too
      if torch.isTensor(t) then return check(t, g) end
      for i = 1, #t do walk(t[i], g[i]) end
   end
   walk(input, gradInput)
   tester:assert(worst < H.PRECISION, torch.type(module) .. ': table Jacobian error ' .. worst)
end

--[[ Gradient check of a criterion: backward against central differences of forward. The
input may be a tensor or a table of tensors (a pair for the embedding criteria). ]]
function H.criterionJacobian(tester, criterion, input, target)
   criterion:forward(input, target)
   local g = cloneAll(criterion:backward(input, target))
   local xs, gs, eps, worst = {}, {}, 1e-6, 0
   each(input, function(x) xs[#xs + 1] = x end)
   each(g, function(x) gs[#gs + 1] = x end)
   for k = 1, #xs do
      local flat = xs[k]:view(xs[k]:nElement())
      local gflat = gs[k]:contiguous():view(gs[k]:nElement())
      for i = 1, flat:nElement() do
         local orig = flat[i]
         flat[i] = orig + eps
         local fp = criterion:forward(input, target)
         flat[i] = orig - eps
         local fm = criterion:forward(input, target)
         flat[i] = orig
         worst = math.max(worst, math.abs((fp - fm) / (2 * eps) - gflat[i]))
      end
   end
   tester:assert(worst < H.PRECISION, torch.type(criterion) .. ': Jacobian error ' .. worst)
end

--[[ clearState returns the module, and tostring gives `expected`. ]]
function H.common(tester, module, expected)
   tester:assert(module:clearState() == module, torch.type(module) .. ': clearState returns self')
   tester:eq(tostring(module), expected, torch.type(module) .. ': __tostring__')
end

--[[ Largest absolute difference of two tensors. ]]
--[[ The sizes of tensor `t` as text, '2x3x4'. ]]
function H.sizes(t)
   return table.concat(t:size():totable(), 'x')
end

function H.maxDiff(a, b)
   return nn.Jacobian._maxAbsDiff(a, b)
end

local function flatAll(x, into)
   into = into or {}
   if torch.isTensor(x) then
      local c = x:contiguous()
      local d = c:data()
      for i = 0, c:nElement() - 1 do into[#into + 1] = tonumber(d[i]) end
   else
      for _, v in ipairs(x) do flatAll(v, into) end
   end
   return into
end

local function sameNumbers(a, b)
   a, b = flatAll(a), flatAll(b)
   if #a ~= #b then return false end
   for i = 1, #a do
      if a[i] ~= b[i] then return false end
   end
   return true
end

--[[ Save `module` to a file (after clearState), load it, and check that the copy gives the
same output and gradInput as the original. Tensor-only modules also go through
nn.Jacobian.testIO. ]]
function H.roundTrip(tester, module, input)
   local name = torch.type(module)
   if torch.isTensor(input) and torch.isTensor(module:forward(input)) then
      local ef, eb = nn.Jacobian.testIO(module, input:clone())
      tester:assert(ef == 0 and eb == 0, name .. ': testIO errors ' .. ef .. ', ' .. eb)
   end
   local out = cloneAll(module:forward(input))
   local gradOutput = randLike(out)
   module:zeroGradParameters()
   local gi = cloneAll(module:backward(input, gradOutput))
   tester:assert(module:clearState() == module, name .. ': clearState returns self')
   local file = os.tmpname()
   local f = torch.DiskFile(file, 'w'):binary()
   f:writeObject(module)
   f:close()
   local copy = torch.DiskFile(file):binary():readObject()
   os.remove(file)
   tester:eq(torch.type(copy), name, name .. ': class kept')
   tester:assert(sameNumbers(out, copy:forward(input)), name .. ': loaded forward differs')
   copy:zeroGradParameters()
   tester:assert(sameNumbers(gi, copy:backward(input, gradOutput)),
      name .. ': loaded backward differs')
end

--[[ Save and load a criterion; the copy must give the same loss and gradient (a tensor or
a table of tensors). ]]
function H.criterionRoundTrip(tester, criterion, input, target)
   local name = torch.type(criterion)
   local loss = criterion:forward(input, target)
   local grad = cloneAll(criterion:backward(input, target))
   local file = os.tmpname()
   local f = torch.DiskFile(file, 'w'):binary()
   f:writeObject(criterion)
   f:close()
   local copy = torch.DiskFile(file):binary():readObject()
   os.remove(file)
   tester:eq(copy:forward(input, target), loss, name .. ': loaded loss')
   tester:assert(sameNumbers(grad, copy:backward(input, target)), name .. ': loaded gradient')
end

return H
