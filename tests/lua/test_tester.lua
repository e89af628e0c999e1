-- torch.Tester: assertions, recorded failures, run output and torch.TestSuite.
local tester = torch.Tester()
local tests = torch.TestSuite()

-- Run `f` with io.write captured. RETURN: the text written, then f's results (pcall'd)
local function captured(f)
   local parts = {}
   local write = io.write
   rawset(io, 'write', function(...)
      for i = 1, select('#', ...) do parts[#parts + 1] = tostring((select(i, ...))) end
   end)
   local results = { pcall(f) }
   rawset(io, 'write', write)
   return table.concat(parts), unpack(results)
end

-- A fresh tester with one test `check` that runs f(subtester); returns the subtester
-- after _runOne and the _runOne results.
local function runSub(f)
   local sub = torch.Tester()
   sub:add(function() f(sub) end, 'check')
   local ok, report = sub:_runOne('check')
   return sub, ok, report
end

function tests.assertionsReturnWhetherTheyPassed()
   local sub = torch.Tester()
   tester:eq(sub:assert(true), true)
   tester:eq(sub:assert(false, 'msg'), false)
   tester:eq(sub:assertlt(1, 2), true)
   tester:eq(sub:assertgt(1, 2), false)
   tester:eq(sub:assertle(2, 2), true)
   tester:eq(sub:assertge(1, 2), false)
   tester:eq(sub:asserteq('a', 'a'), true)
   tester:eq(sub:assertne(1, 1), false)
   tester:eq(sub:assertalmosteq(1, 1 + 1e-10, 1e-9), true)
   tester:eq(sub:eq(1, 1.05, 0.1), true)
   tester:eq(sub:eq(1, 1.05, 'message only'), false)
   tester:eq(sub:ne({ 1, 2 }, { 1, 3 }), true)
   tester:eq(#sub.errors, 5)
end

function tests.failureMessagesFollowTorch7()
   local sub = torch.Tester()
   sub:assert(false, 'should hold')
   sub:assertlt(3, 2)
   sub:eq(1, 2, 0.5)
   sub:eq('a', 'b')
   sub:eq(1, 'x')
   sub:ne(2, 2)
   sub:assertalmosteq(1, 2, 0.5)
   local first = {}
   for i, e in ipairs(sub.errors) do first[i] = e:match('^(.-)\nstack traceback') or e end
   tester:eq(first[1], 'should hold\nBOOL violation condition=false')
   tester:eq(first[2], 'LT failed: 3 >= 2')
   tester:eq(first[3], 'EQ failed: 1 ~= 2 with tolerance=0.5')
   tester:eq(first[4], 'EQ failed: a (string) ~= b (string)')
   tester:eq(first[5], 'EQ failed: values have different types (first: number, second: string)')
   tester:eq(first[6], 'NE failed: 2 == 2')
   tester:eq(first[7], 'ALMOST_EQ failed: 1 ~= 2 with tolerance=0.5')
end

function tests.failuresRecordTheTestNameAndLine()
   local line
   local _, ok, report = runSub(function(sub)
      line = debug.getinfo(1, 'l').currentline + 1
      sub:eq(1, 2, 'numbers differ')
   end)
   tester:eq(ok, false)
   local head = '^check\nnumbers differ\nEQ failed: 1 ~= 2\nstack traceback:\n'
   tester:assert(report:find(head) ~= nil, 'report starts with name and failure: ' .. report)
   tester:assert(report:find('test_tester.lua:' .. line .. ':', 1, true) ~= nil,
      'report names the line of the assertion: ' .. report)
end

function tests.errorsInsideATestAreRecorded()
   local sub, ok, report = runSub(function() error('boom') end)
   tester:eq(ok, false)
   tester:eq(sub.testError.check, 1)
   tester:assert(report:find('check\n Function call failed\n', 1, true) == 1, report)
   tester:assert(report:find('boom', 1, true) ~= nil, report)
end

function tests.tensorEqualityComparesValuesWithTolerance()
   local sub = torch.Tester()
   local a = torch.Tensor({ { 1, 2 }, { 3, 4 } })
   tester:eq(sub:eq(a, a:clone()), true)
   tester:eq(sub:eq(a, a:t():t()), true)
   tester:eq(sub:eq(a:t(), torch.Tensor({ { 1, 3 }, { 2, 4 } })), true)
   tester:eq(sub:eq(a, torch.Tensor({ { 1, 2 }, { 3, 4.5 } })), false)
   tester:eq(sub:eq(a, torch.Tensor({ { 1, 2 }, { 3, 4.5 } }), 0.5), true)
   tester:eq(sub:eq(a, a:float()), false)
   tester:eq(sub:eq(a, torch.Tensor({ 1, 2, 3, 4 })), false)
   tester:eq(sub:ne(a, torch.Tensor({ { 1, 2 }, { 3, 5 } })), true)
   tester:eq(sub:eq(torch.ByteTensor({ 200 }), torch.ByteTensor({ 10 }), 190), true)
   tester:eq(sub:eq(torch.Tensor(), torch.Tensor()), true)
   local msgs = {}
   for i, e in ipairs(sub.errors) do msgs[i] = e:match('^(.-)\n') end
   tester:eq(msgs[1], 'TensorEQ(==) violation: max diff=0.5, tolerance=0')
   tester:eq(msgs[2], 'The tensors have different types')
   tester:eq(msgs[3], 'The tensors have different dimensions')
end

function tests.floatTensorDifferencesUseSinglePrecision()
   local sub = torch.Tester()
   sub:assertTensorEq(torch.FloatTensor({ 0.1 }), torch.FloatTensor({ 0.2 }), 0.05)
   local expected = string.format('TensorEQ(==) violation: max diff=%s, tolerance=0.05',
      tostring(torch.FloatTensor({ 0.1 })[1]))
   tester:eq(sub.errors[1]:match('^(.-)\n'), expected)
end

function tests.nanDifferencesFail()
   local sub = torch.Tester()
   tester:eq(sub:eq(torch.Tensor({ 0 / 0 }), torch.Tensor({ 0 / 0 })), false)
   tester:eq(sub:ne(torch.Tensor({ 1, 0 / 0 }), torch.Tensor({ 1, 0 / 0 })), true)
end

function tests.assertTensorEqIgnoresDimensionsWithAWarning()
   local sub = torch.Tester()
   tester:eq(sub:assertTensorEq(torch.Tensor({ { 1, 2 } }), torch.Tensor({ 1, 2 })), true)
   tester:eq(#sub.warnings, 1)
   tester:eq(sub:assertTensorNe(torch.Tensor({ 1, 2 }), torch.Tensor({ 1, 3 })), true)
   tester:assertError(function() sub:assertTensorEq({}, torch.Tensor()) end)
end

function tests.storagesCompareElementwise()
   local sub = torch.Tester()
   tester:eq(sub:eq(torch.DoubleStorage({ 1, 2 }), torch.DoubleStorage({ 1, 2 })), true)
   tester:eq(sub:eq(torch.DoubleStorage({ 1, 2 }), torch.DoubleStorage({ 1, 3 })), false)
   tester:eq(sub:eq(torch.FloatStorage({ 1 }), torch.LongStorage({ 1 })), false)
   tester:eq(sub:eq(torch.LongStorage({ 1 }), torch.LongStorage({ 1, 2 })), false)
   tester:eq(sub.errors[1]:match('^(.-)\n'), 'StorageEQ(==) violation: max diff=1, tolerance=0')
end

function tests.tablesCompareDeeply()
   local sub = torch.Tester()
   local t = torch.Tensor({ 1, 2 })
   tester:eq(sub:eq({ 1, { a = 'x', t = t } }, { 1, { a = 'x', t = t:clone() } }), true)
   tester:eq(sub:assertTableEq({ 1, { 2 } }, { 1, { 3 } }), false)
   tester:eq(sub:assertTableEq({ 1 }, { 1, 2 }), false)
   tester:eq(sub:assertTableEq({ a = 1 }, {}), false)
   tester:eq(sub:assertTableNe({ 1 }, { 2 }), true)
   tester:eq(sub:eq({ 1.0 }, { 1.01 }, 0.1), true)
   local msgs = {}
   for i, e in ipairs(sub.errors) do msgs[i] = e:match('^(.-)\n') end
   tester:eq(msgs[1], 'At table location 2.1: EQ failed: 2 ~= 3')
   tester:eq(msgs[2], 'Entry 2 missing in first table (is 2 in second)')
   tester:eq(msgs[3], 'Entry a missing in second table (is 1 in first)')
end

function tests.toleranceAndMessageInEitherOrder()
   local sub = torch.Tester()
   sub:eq(1, 3, 'first message', 1)
   sub:eq(1, 3, 1, 'second message')
   tester:eq(sub.errors[1]:match('^(.-)\n'), 'first message')
   tester:eq(sub.errors[2]:match('^(.-)\n'), 'second message')
   tester:assertErrorPattern(function() sub:eq(1, 1, 'a', 'b') end, 'already have message')
   tester:assertErrorPattern(function() sub:eq(1, 1, -1) end, 'tolerance cannot be negative')
   tester:assertErrorPattern(function() sub:assert(true, 'm', 'extra') end,
      'Unexpected arguments')
end

function tests.errorAssertions()
   local sub = torch.Tester()
   local function boom() error('exact message', 0) end
   tester:eq(sub:assertError(boom), true)
   tester:eq(sub:assertError(function() end), false)
   tester:eq(sub:assertNoError(function() end), true)
   tester:eq(sub:assertNoError(boom), false)
   tester:eq(sub:assertErrorMsg(boom, 'exact message'), true)
   tester:eq(sub:assertErrorMsg(boom, 'other'), false)
   tester:eq(sub:assertErrorPattern(boom, 'act mes'), true)
   tester:eq(sub:assertErrorObj(boom, function(e) return e == 'exact message' end), true)
   tester:eq(sub.errors[3]:match('^(.-)\n'), 'ERROR violation: err=exact message')
end

function tests.runPrintsProgressAndSummary()
   local sub = torch.Tester()
   local suite = torch.TestSuite()
   function suite.good() sub:assert(true) end
   function suite.bad() sub:eq(1, 2) end
   sub:add(suite)
   local out, ok, err = captured(function() return sub:run() end)
   tester:eq(ok, false)
   tester:assert(tostring(err):find('An error was found while running tests!', 1, true) ~= nil,
      tostring(err))
   local dots = function(name) return string.rep('.', 80 - 12 - #name) end
   local expected = 'Running 2 tests\n'
      .. '1/2 bad ' .. dots('bad') .. ' [WAIT]\r1/2 bad ' .. dots('bad') .. ' [FAIL]\n'
      .. '2/2 good ' .. dots('good') .. ' [WAIT]\r2/2 good ' .. dots('good') .. ' [PASS]\n'
      .. 'Completed 2 asserts in 2 tests with 1 failure and 0 errors\n'
      .. string.rep('-', 80) .. '\nbad\nEQ failed: 1 ~= 2\n'
   tester:eq(out:sub(1, #expected), expected)
   tester:eq(sub.countasserts, 2)
end

function tests.runSelectsTestsByPattern()
   local sub = torch.Tester()
   local ran = {}
   sub:add(function() ran[#ran + 1] = 'alpha' end, 'alpha')
   sub:add(function() ran[#ran + 1] = 'beta' end, 'beta')
   local out, ok = captured(function() return sub:run('^be') end)
   tester:eq(ok, true)
   tester:eq(ran, { 'beta' })
   tester:assert(out:find('Running 1 test\n', 1, true) == 1, out)
   tester:assertErrorPattern(function() sub:run('gamma') end, "Couldn't find test 'gamma'")
end

function tests.earlyAbortStopsAtTheFirstFailure()
   local sub = torch.Tester()
   local count = 0
   local suite = torch.TestSuite()
   function suite.a() count = count + 1; sub:assert(false) end
   function suite.b() count = count + 1; sub:assert(false) end
   sub:add(suite):setEarlyAbort(true)
   local out = captured(function() return sub:run() end)
   tester:eq(count, 1)
   tester:assert(out:find('Aborting on first error', 1, true) ~= nil, out)
end

function tests.rethrowErrorsRaisesFailures()
   local sub = torch.Tester()
   sub:setRethrowErrors(true)
   sub:add(function() sub:eq(1, 2, 'rethrown') end, 'f')
   local _, ok, err = captured(function() return sub:run() end)
   tester:eq(ok, false)
   tester:assert(tostring(err):find('rethrown', 1, true) ~= nil, tostring(err))
end

function tests.summaryOnlyAndDisable()
   local sub = torch.Tester()
   sub:add(function() sub:assert(false, 'hidden') end, 'fails')
   sub:add(function() sub:assert(true) end, 'skipped')
   sub:setSummaryOnly(true)
   sub:disable('skipped')
   local out = captured(function() return sub:run() end)
   tester:assert(out:find('hidden', 1, true) == nil, out)
   tester:assert(out:find('[SKIP]', 1, true) ~= nil, out)
   tester:assert(out:find('with 1 failure and 0 errors and 1 disabled\n', 1, true) ~= nil, out)
end

function tests.setUpAndTearDownRunAroundEachTest()
   local sub = torch.Tester()
   local log = {}
   sub:add(function(name) log[#log + 1] = 'up ' .. name end, '_setUp')
   sub:add(function(name) log[#log + 1] = 'down ' .. name end, '_tearDown')
   sub:add(function() log[#log + 1] = 'body' end, 't')
   tester:eq(sub:_testNames(), { 't' })
   tester:eq(sub:_runOne('t'), true)
   tester:eq(log, { 'up t', 'body', 'down t' })
   tester:assertErrorPattern(function() sub:add(function() end, '_setUp') end, 'Only one')
end

function tests.addChecksNamesAndTables()
   local sub = torch.Tester()
   sub:add(function() end, 'x')
   tester:assertErrorPattern(function() sub:add(function() end, 'x') end, 'already exists')
   tester:assertErrorPattern(function() sub:add({ { function() end } }) end, 'Nested sets')
   tester:assertErrorPattern(function() sub:add({}, 'name') end, 'Name parameter is forbidden')
   tester:assertErrorPattern(function() sub:add(42) end, 'Only tables of functions')
   local before = #sub.warnings
   sub:add({ y = function() end })
   tester:eq(#sub.warnings, before + 1)
   tester:assert(sub.warnings[before + 1]:find('Should use TestSuite', 1, true) ~= nil,
      sub.warnings[before + 1])
end

function tests.testSuiteAcceptsOnlyNewFunctions()
   local suite = torch.TestSuite()
   suite.a = function() end
   tester:assertErrorPattern(function() suite.a = function() end end, 'already defined')
   tester:assertErrorPattern(function() suite.b = {} end, 'Nested tables')
   tester:assertErrorPattern(function() suite.c = 1 end, 'Only functions')
   tester:eq(type(suite.a), 'function')
end

tester:add(tests)
return tester
