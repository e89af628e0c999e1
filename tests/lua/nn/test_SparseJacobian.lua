-- nn.SparseJacobian: finite-difference checks over the values of {index, value} input.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
if nn.SparseJacobian == nil then torch.include('nn', 'SparseJacobian.lua') end
local tester = torch.Tester()
local tests = {}
local SJ = nn.SparseJacobian

-- A module over nnz x 2 {index, value} input: output[k] = weight[index_k] * value_k^2.
-- `wrong` breaks one gradient: 'gradInput' drops the factor 2, 'gradWeight' uses value_k
-- instead of value_k^2.
local function squareByIndex(nWeights, typename, wrong)
   local m = nn.Module()
   m.weight = torch.Tensor(nWeights):zero()
   m.gradWeight = torch.Tensor(nWeights):zero()
   m:type(typename or 'torch.DoubleTensor')
   local function parts(input)
      return input:select(2, 1):long(), input:select(2, 2)
   end
   function m:updateOutput(input)
      local idx, val = parts(input)
      self.output = self.weight:index(1, idx):cmul(val):cmul(val)
      return self.output
   end
   function m:updateGradInput(input, gradOutput)
      local idx, val = parts(input)
      self.gradInput = input.new():resizeAs(input):zero()
      local g = self.weight:index(1, idx):cmul(val):cmul(gradOutput)
      self.gradInput:select(2, 2):copy(wrong == 'gradInput' and g or g:mul(2))
      return self.gradInput
   end
   function m:accGradParameters(input, gradOutput, scale)
      local idx, val = parts(input)
      local g = val:clone():cmul(gradOutput):mul(scale or 1)
      if wrong ~= 'gradWeight' then g:cmul(val) end
      self.gradWeight:indexAdd(1, idx, g)
   end
   return m
end

-- input {{1, 0.5}, {3, -1}, {1, 2}} with weight {2, 5, -1}: output {0.5, -1, 8}.
local function fixed(typename, wrong)
   local m = squareByIndex(3, typename, wrong)
   m.weight:copy(torch.Tensor({ 2, 5, -1 }))
   local input = torch.Tensor({ { 1, 0.5 }, { 3, -1 }, { 1, 2 } }):type(m.weight:type())
   return m, input
end

function tests.backwardByHand()
   for _, typename in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      local m, input = fixed(typename)
      tester:eq(H.maxDiff(m:forward(input), torch.Tensor({ 0.5, -1, 8 })), 0, typename)
      -- d output_k / d value_j = 2 * weight[index_k] * value_k when j == k
      local expected = torch.diag(torch.Tensor({ 2, 2, 8 }))
      local jb = SJ.backward(m, input)
      tester:eq(H.sizes(jb), '3x3', typename .. ': one row per entry')
      tester:eq(H.maxDiff(jb, expected), 0, typename .. ': input Jacobian')
      -- d output_k / d weight_i = value_k^2 when index_k == i
      expected = torch.Tensor({ { 0.25, 0, 4 }, { 0, 0, 0 }, { 0, 1, 0 } })
      jb = SJ.backward(m, input, m.weight, m.gradWeight)
      tester:eq(H.maxDiff(jb, expected), 0, typename .. ': weight Jacobian')
   end
end

function tests.forwardByHandPerturbsValuesOnly()
   local m, input = fixed()
   local before = input:clone()
   local jf = SJ.forward(m, input)
   tester:assert(H.maxDiff(jf, torch.diag(torch.Tensor({ 2, 2, 8 }))) < 1e-8, 'input')
   tester:eq(H.maxDiff(input, before), 0, 'the input is restored')
   jf = SJ.forward(m, input, m.weight)
   local expected = torch.Tensor({ { 0.25, 0, 4 }, { 0, 0, 0 }, { 0, 1, 0 } })
   tester:assert(H.maxDiff(jf, expected) < 1e-8, 'weight')
   SJ.testJacobian(m, input, 1, 1.5)
   tester:eq(H.maxDiff(input:select(2, 1), before:select(2, 1)), 0, 'indices kept')
   tester:assert(input:select(2, 2):min() >= 1 and input:select(2, 2):max() <= 1.5,
      'values refilled in [minval, maxval]')
end

function tests.updateJacobiansByHand()
   local m, input = fixed()
   -- column k: weight after weight[index_k] -= value_k^2 (gradOutput e_k, rate 1)
   local expected = torch.Tensor({ { 1.75, 2, -2 }, { 5, 5, 5 }, { -1, -2, -1 } })
   tester:eq(H.maxDiff(SJ.backwardUpdate(m, input, m.weight), expected), 0, 'backwardUpdate')
   tester:eq(H.maxDiff(m.weight, torch.Tensor({ 2, 5, -1 })), 0, 'weight restored')
   tester:assert(H.maxDiff(SJ.forwardUpdate(m, input, m.weight), expected) < 1e-8,
      'forwardUpdate')
end

function tests.correctModulesPass()
   torch.manualSeed(7)
   local m = squareByIndex(4)
   m.weight:uniform(-2, 2)
   local input = torch.Tensor({ { 2, 0 }, { 4, 0 }, { 2, 0 }, { 1, 0 } })
   tester:assert(SJ.testJacobian(m, input) < H.PRECISION, 'input')
   tester:assert(SJ.testJacobianParameters(m, input, m.weight, m.gradWeight) < H.PRECISION,
      'weight')
   tester:assert(SJ.testJacobianUpdateParameters(m, input, m.weight) < H.PRECISION, 'update')
   -- a dense batch read as {index, value} rows: only column 2 varies, as upstream's tests do
   local lin = nn.Linear(2, 3)
   local x = torch.randn(4, 2)
   tester:assert(SJ.testJacobian(lin, x) < H.PRECISION, 'Linear input')
   local expected = torch.Tensor(4, 12):zero()
   for n = 1, 4 do expected[n]:narrow(1, 3 * n - 2, 3):copy(lin.weight:select(2, 2)) end
   tester:assert(H.maxDiff(SJ.backward(lin, x), expected) < 1e-12, 'Linear by hand')
   tester:assert(SJ.testJacobianParameters(lin, x, lin.bias, lin.gradBias) < H.PRECISION,
      'Linear bias')
   for what, err in pairs(SJ.testAllUpdate(lin, x, 'weight', 'gradWeight')) do
      tester:assert(err < H.PRECISION, 'testAllUpdate ' .. what .. ' ' .. err)
   end
end

function tests.wrongBackwardIsCaught()
   torch.manualSeed(8)
   local input = torch.Tensor({ { 1, 0 }, { 3, 0 }, { 2, 0 } })
   local m = squareByIndex(3, nil, 'gradInput')
   m.weight:fill(1)
   tester:assert(SJ.testJacobian(m, input, 1, 2) > 0.5, 'wrong gradInput caught')
   m = squareByIndex(3, nil, 'gradWeight')
   tester:assert(SJ.testJacobianParameters(m, input, m.weight, m.gradWeight, 1.5, 2) > 0.1,
      'wrong gradWeight caught')
   tester:assert(SJ.testJacobianUpdateParameters(m, input, m.weight, 1.5, 2) > 0.1,
      'wrong update caught')
end

function tests.testIO()
   torch.manualSeed(9)
   local ef, eb = SJ.testIO(nn.Linear(2, 3), torch.randn(4, 2))
   tester:eq(ef, 0, 'forward after load')
   tester:eq(eb, 0, 'backward after load')
   local x = torch.randn(5, 2)
   local before = x:clone()
   local m = nn.PartialLinear(2, 4)
   m:setPartition(torch.Tensor({ 4, 2 }))
   ef, eb = SJ.testIO(m, x)
   tester:assert(ef == 0 and eb == 0, 'PartialLinear ' .. ef .. ' ' .. eb)
   tester:eq(H.maxDiff(x, before), 0, 'input untouched')
   -- a module whose output differs from run to run is reported
   ef = SJ.testIO(nn.Dropout(0.5), torch.Tensor(20, 2):fill(1))
   tester:assert(ef > 0, 'a differing copy is reported')
end

tester:add(tests)
return tester
