-- Printing of tensors and storages (tostring) in Torch7's layout, for every type and
-- geometry. Exact texts of many representative cases are also in tests/test_print.py.
local tester = torch.Tester()
local tests = torch.TestSuite()

local function lines(...)
   return table.concat({ ... }, '\n') .. '\n'
end

function tests.everyTypeNamesItselfInTheFooter()
   for _, T in ipairs(torch._typeList) do
      local t = torch[T.name .. 'Tensor']({ 1, 2 })
      tester:eq(tostring(t), lines(' 1', ' 2', '[' .. T.tensorName .. ' of size 2]'))
      local s = torch[T.name .. 'Storage']({ 3, 4, 5 })
      tester:eq(tostring(s), lines(' 3', ' 4', ' 5', '[' .. T.storageName .. ' of size 3]'))
   end
end

function tests.halfTensorsAndStoragesPrintTheirValues()
   tester:eq(tostring(torch.HalfTensor({ 1.5, 2 })),
      lines(' 1.5000', ' 2.0000', '[torch.HalfTensor of size 2]'))
   tester:eq(tostring(torch.HalfStorage({ 1, 0.5 })),
      lines(' 1.0000', ' 0.5000', '[torch.HalfStorage of size 2]'))
end

function tests.viewsPrintOnlyTheirElements()
   local t = torch.Tensor({ { 1, 2, 3 }, { 4, 5, 6 } })
   tester:eq(tostring(t:narrow(2, 2, 2)),
      lines(' 2  3', ' 5  6', '[torch.DoubleTensor of size 2x2]'))
   tester:eq(tostring(t:select(1, 2)), lines(' 4', ' 5', ' 6', '[torch.DoubleTensor of size 3]'))
   tester:eq(tostring(torch.Tensor({ 7, 8 }):expand(2, 2)),
      lines(' 7  8', ' 7  8', '[torch.DoubleTensor of size 2x2]'))
end

function tests.formatIsChosenFromAllSlices()
   -- the large value in the second slice widens the first slice's columns too
   local t = torch.LongTensor({ { { 1, 2 } }, { { 3, 400 } } })
   tester:eq(tostring(t), lines('(1,.,.) = ', '    1    2', '', '(2,.,.) = ',
      '    3  400', '[torch.LongTensor of size 2x1x2]'))
end

function tests.zerosPrintAsIntegers()
   tester:eq(tostring(torch.FloatTensor(2):zero()),
      lines(' 0', ' 0', '[torch.FloatTensor of size 2]'))
end

function tests.manyDimensionsUseOneIndexPerLeadingDimension()
   local t = torch.ShortTensor(1, 1, 1, 1, 2, 1):fill(5)
   tester:eq(tostring(t), lines('(1,1,1,1,.,.) = ', '  5', '  5',
      '[torch.ShortTensor of size 1x1x1x1x2x1]'))
end

function tests.logicalValuesFollowStrides()
   local t = torch.Tensor({ { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } }):permute(3, 1, 2)
   local vals, n = torch._logicalValues(t)
   tester:eq(n, 8)
   tester:eq(vals, { 1, 3, 5, 7, 2, 4, 6, 8 })
   tester:eq({ torch._logicalValues(torch.Tensor()) }, { {}, 0 })
end

function tests.numberFormatRules()
   local function fmt(...)
      local vals = { ... }
      local f, scale, sz = torch._numberFormat(vals, #vals)
      return { f, scale or false, sz }
   end
   tester:eq(fmt(1, 22, -333), { '%4d', false, 4 })
   tester:eq(fmt(1e10), { '%11.4e', false, 11 })
   tester:eq(fmt(0.5, 0.25), { '%7.4f', false, 7 })
   tester:eq(fmt(12.5), { '%8.4f', false, 8 })
   tester:eq(fmt(1234567.5), { '%7.4f', 1e6, 7 })
   tester:eq(fmt(0.00123), { '%7.4f', 1e-3, 7 })
   tester:eq(fmt(1e-7, 1.5), { '%11.4e', false, 11 })
   tester:eq(fmt(1e-150, 1.5), { '%12.4e', false, 12 })
   tester:eq(fmt(0 / 0, 1.5)[1], '%f')
end

function tests.sizesPrintAsALongStorage()
   tester:eq(tostring(torch.Tensor(4, 10, 3):size()),
      lines('  4', ' 10', '  3', '[torch.LongStorage of size 3]'))
end

tester:add(tests)
return tester
