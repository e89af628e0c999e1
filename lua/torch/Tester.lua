-- torch.Tester: Torch7's unit-test runner and assertion API (assert, eq/ne with
-- tolerances over numbers, tables, tensors and storages, error checks, run with a
-- progress line per test and a summary), torch.TestSuite, and the hooks pytest uses
-- to list and run single tests (_testNames, _runOne).
local torch = ...

local Tester = torch.class('torch.Tester')
local check = torch._testerCheck   -- comparison helpers (TesterCheck.lua)
local NCOLS = 80
local THIS_FILE = debug.getinfo(1, 'S').source

function Tester:__init()
   self.errors = {}
   self.tests = {}
   self.warnings = {}
   self._warningCount = {}
   self.disabledTests = {}
   self._currentTestName = ''
   self._names = {}        -- test names in the order they were added
   -- Backward compatibility of assertTensorEq: equal contents with different
   -- dimensions ({{1}} and {1}) pass, with a warning.
   self._assertTensorEqIgnoresDims = true
end

--[[ Stop `run` at the first failing test. ]]
function Tester:setEarlyAbort(earlyAbort) self.earlyAbort = earlyAbort end

--[[ Raise failed assertions and test errors instead of recording them. ]]
function Tester:setRethrowErrors(rethrow) self.rethrow = rethrow end

--[[ Print only the summary line after `run`, not each failure. ]]
function Tester:setSummaryOnly(summaryOnly) self.summaryOnly = summaryOnly end

local function bump(counts, name)
   counts[name] = (counts[name] or 0) + 1
end

function Tester:_success()
   self.assertionPass = self.assertionPass or {}
   bump(self.assertionPass, self._currentTestName)
   return true
end

-- The test name, `message` and the line of the test that made the assertion.
function Tester:_addDebugInfo(message)
   local where = ''
   for level = 3, 60 do
      local info = debug.getinfo(level, 'Sl')
      if info == nil then break end
      if info.source ~= THIS_FILE and info.what ~= 'C' then
         where = string.format('stack traceback:\n\t%s:%d: in function <%s:%d>',
            info.short_src, info.currentline, info.short_src, info.linedefined)
         break
      end
   end
   local name = self._currentTestName
   return (name ~= '' and name .. '\n' or '') .. message .. '\n' .. where
end

function Tester:_failure(message)
   if self.rethrow then error(message, 2) end
   self.assertionFail = self.assertionFail or {}
   bump(self.assertionFail, self._currentTestName)
   self.errors[#self.errors + 1] = self:_addDebugInfo(message)
   return false
end

function Tester:_warning(message)
   bump(self._warningCount, self._currentTestName)
   self.warnings[#self.warnings + 1] = self:_addDebugInfo(message)
end

function Tester:_assert_sub(condition, message)
   if condition then return self:_success() end
   return self:_failure(message)
end

-- The optional message argument, followed by a newline ('' when absent).
local function getMessage(message, ...)
   if select('#', ...) > 0 and next({ ... }) ~= nil then
      error('Unexpected arguments passed to test function', 3)
   end
   if message == nil or message == '' then return '' end
   if type(message) ~= 'string' then error('message parameter must be a string', 3) end
   return message .. '\n'
end

-- The optional tolerance and message, given in either order.
local function getToleranceAndMessage(defaultTolerance, ...)
   local tolerance, message
   for i = 1, select('#', ...) do
      local a = select(i, ...)
      if type(a) == 'string' then
         if message then error('Unexpected string argument; already have message', 3) end
         message = a .. '\n'
      elseif type(a) == 'number' then
         if tolerance then error('Unexpected number argument; already have tolerance', 3) end
         if a < 0 then error('tolerance cannot be negative', 3) end
         tolerance = a
      elseif a ~= nil then
         error('Unrecognized argument; should be a tolerance or message', 3)
      end
   end
   return tolerance or defaultTolerance, message or ''
end

--[[ Check that `condition` is true. RETURN: whether the check passed ]]
function Tester:assert(condition, ...)
   local message = getMessage(...)
   if type(condition) ~= 'boolean' then
      self:_warning(' :assert should only be used for boolean conditions. To check for '
         .. 'non-nil variables, do this explicitly: Tester:assert(var ~= nil).')
   end
   return self:_assert_sub(condition, string.format('%sBOOL violation condition=%s', message,
      tostring(condition)))
end

function Tester:_eqOrNeq(got, expected, negate, ...)
   local tolerance, message = getToleranceAndMessage(0, ...)
   local ok, sub = check.areEq(got, expected, tolerance, negate)
   return self:_assert_sub(ok, message .. (sub or ''))
end

--[[ Deep equality of numbers (within a tolerance), tables, tensors, storages and other
values. ARGS: got, expected [, tolerance] [, message]. RETURN: whether the check passed ]]
function Tester:assertGeneralEq(got, expected, ...)
   return self:_eqOrNeq(got, expected, false, ...)
end
function Tester:eq(got, expected, ...) return self:assertGeneralEq(got, expected, ...) end

--[[ The negation of assertGeneralEq. RETURN: whether the check passed ]]
function Tester:assertGeneralNe(got, unexpected, ...)
   return self:_eqOrNeq(got, unexpected, true, ...)
end
function Tester:ne(got, unexpected, ...) return self:assertGeneralNe(got, unexpected, ...) end

local function comparison(op, name, opposite, holds)
   Tester['assert' .. op] = function(self, a, b, ...)
      local message = getMessage(...)
      return self:_assert_sub(holds(a, b), string.format('%s%s failed: %s %s %s', message, name,
         tostring(a), opposite, tostring(b)))
   end
end
comparison('lt', 'LT', '>=', function(a, b) return a < b end)
comparison('gt', 'GT', '<=', function(a, b) return a > b end)
comparison('le', 'LE', '>', function(a, b) return a <= b end)
comparison('ge', 'GE', '<', function(a, b) return a >= b end)
comparison('eq', 'EQ', '~=', function(a, b) return a == b end)
Tester.lt, Tester.gt, Tester.le, Tester.ge = Tester.assertlt, Tester.assertgt,
   Tester.assertle, Tester.assertge
Tester.assertEq = Tester.asserteq

--[[ Check `a ~= b` with Lua's own comparison. RETURN: whether the check passed ]]
function Tester:assertne(a, b, ...)
   local message = getMessage(...)
   local ta = type(a)
   if ta == type(b) and ta == 'table' or ta == 'userdata' or ta == 'cdata' then
      self:_warning(' :assertne should only be used to compare basic lua objects (numbers, '
         .. 'booleans, etc). Consider using either :assertGeneralNe or :assert(a ~= b).')
   end
   return self:_assert_sub(a ~= b, string.format('%sNE failed: %s == %s', message,
      tostring(a), tostring(b)))
end
Tester.assertNe = Tester.assertne

--[[ Check |a - b| <= tolerance (default 1e-16). RETURN: whether the check passed ]]
function Tester:assertalmosteq(a, b, ...)
   local tolerance, message = getToleranceAndMessage(1e-16, ...)
   return self:_assert_sub(math.abs(a - b) <= tolerance, string.format(
      '%sALMOST_EQ failed: %s ~= %s with tolerance=%s', message, tostring(a), tostring(b),
      tostring(tolerance)))
end

function Tester:_assertTensorEqOrNeq(ta, tb, negate, ...)
   if not torch.isTensor(ta) then error('First argument should be a Tensor', 3) end
   if not torch.isTensor(tb) then error('Second argument should be a Tensor', 3) end
   local tolerance, message = getToleranceAndMessage(0, ...)
   local ignoreDims = self._assertTensorEqIgnoresDims
   local ok, sub = check.areTensorsEq(ta, tb, tolerance, negate, ignoreDims)
   if ignoreDims and not negate and ok and not ta:isSameSizeAs(tb) then
      self:_warning('Tensors have the same content but different dimensions. For backwards '
         .. 'compatibility, they are considered equal, but this may change in the future. '
         .. 'Consider using :eq to check for equality instead.')
   end
   return self:_assert_sub(ok, message .. (sub or ''))
end

--[[ Check max|ta - tb| <= tolerance. ARGS: ta, tb [, tolerance] [, message] ]]
function Tester:assertTensorEq(ta, tb, ...) return self:_assertTensorEqOrNeq(ta, tb, false, ...) end
--[[ Check max|ta - tb| > tolerance. ARGS: ta, tb [, tolerance] [, message] ]]
function Tester:assertTensorNe(ta, tb, ...) return self:_assertTensorEqOrNeq(ta, tb, true, ...) end

function Tester:_assertTableEqOrNeq(ta, tb, negate, ...)
   if type(ta) ~= 'table' then error('First argument should be a Table', 3) end
   if type(tb) ~= 'table' then error('Second argument should be a Table', 3) end
   return self:_eqOrNeq(ta, tb, negate, ...)
end
function Tester:assertTableEq(ta, tb, ...) return self:_assertTableEqOrNeq(ta, tb, false, ...) end
function Tester:assertTableNe(ta, tb, ...) return self:_assertTableEqOrNeq(ta, tb, true, ...) end

--[[ Check that calling `f` raises an error for which errcomp(err) is true. ]]
function Tester:assertErrorObj(f, errcomp, ...)
   local message = getMessage(...)
   local status, err = pcall(f)
   return self:_assert_sub(not status and errcomp(err), string.format(
      '%sERROR violation: err=%s', message, tostring(err)))
end
function Tester:assertError(f, ...)
   return self:assertErrorObj(f, function() return true end, ...)
end
function Tester:assertErrorMsg(f, errmsg, ...)
   return self:assertErrorObj(f, function(err) return err == errmsg end, ...)
end
function Tester:assertErrorPattern(f, pattern, ...)
   return self:assertErrorObj(f, function(err)
      return string.find(tostring(err), pattern) ~= nil
   end, ...)
end

--[[ Check that calling `f` raises no error. ]]
function Tester:assertNoError(f, ...)
   local message = getMessage(...)
   local status, err = pcall(f)
   return self:_assert_sub(status, string.format('%sERROR violation: err=%s', message,
      tostring(err)))
end

--[[ Add test function `f` called `name` ('_setUp' and '_tearDown' run around every
test), or every function of a TestSuite or table `f`. RETURN: self ]]
function Tester:add(f, name)
   if type(f) == 'table' then
      if name ~= nil then
         error('Name parameter is forbidden for a table of tests, since its use is ambiguous', 2)
      end
      if rawget(f, '__isTestSuite') then
         f = rawget(f, '__tests')
      else
         self:_warning('Should use TestSuite rather than plain lua table')
      end
      local names = {}
      for k, v in pairs(f) do
         if type(v) == 'table' then error('Nested sets of tests are not supported', 2) end
         names[#names + 1] = k
      end
      table.sort(names, function(a, b) return tostring(a) < tostring(b) end)
      for _, k in ipairs(names) do self:add(f[k], k) end
      return self
   end
   if type(f) ~= 'function' then
      error('Only tables of functions and functions supported', 2)
   end
   if name == '_setUp' or name == '_tearDown' then
      if self[name] then
         local what = name == '_setUp' and 'set-up' or 'tear-down'
         error('Only one ' .. what .. ' function allowed', 2)
      end
      self[name] = f
      return self
   end
   name = name or 'unknown'
   if self.tests[name] ~= nil then error('Test with name ' .. name .. ' already exists!', 2) end
   self.tests[name] = f
   self._names[#self._names + 1] = name
   return self
end

--[[ Skip the tests `testNames` (a name or a list of names) when running. RETURN: self ]]
function Tester:disable(testNames)
   if type(testNames) == 'string' then testNames = { testNames } end
   if type(testNames) ~= 'table' then error('Expecting name or list for disable', 2) end
   for _, name in ipairs(testNames) do
      if not self.tests[name] then error("Unrecognized test '" .. name .. "'", 2) end
      self.disabledTests[name] = true
   end
   return self
end

local function pluralize(n, word)
   return n .. ' ' .. word .. (n == 1 and '' or 's')
end

-- Terminal colours when run from the command line and sys.colors is installed.
local function palette()
   local ok, colors = pcall(require, 'sys.colors')
   if rawget(_G, 'arg') and ok and type(colors) == 'table' then
      return colors, function(str, colour) return (colour or '') .. str .. (colors.none or '') end
   end
   return {}, function(str) return str end
end

function Tester:_pcall(f)
   local nerr = #self.errors
   local ok, result = xpcall(f, debug.traceback)
   if not ok then
      self.errors[#self.errors + 1] = self._currentTestName .. '\n Function call failed\n'
         .. tostring(result) .. '\n'
   end
   return ok, result, ok and nerr == #self.errors
end

-- The tests to run: all, or those whose names match one of the patterns in testNames.
function Tester:_getTests(testNames)
   local selected = {}
   if testNames == nil then
      for _, name in ipairs(self._names) do selected[#selected + 1] = name end
      return selected
   end
   if type(testNames) == 'string' then testNames = { testNames } end
   if type(testNames) ~= 'table' then
      error('Only accept a name or table of test names (or nil for all tests)', 3)
   end
   local chosen = {}
   for _, pattern in ipairs(testNames) do
      local found = false
      for _, name in ipairs(self._names) do
         if string.match(name, pattern) then
            found = true
            if not chosen[name] then
               chosen[name] = true
               selected[#selected + 1] = name
            end
         end
      end
      if not found then error("Couldn't find test '" .. pattern .. "'", 3) end
   end
   return selected
end

-- Run one test with its set-up and tear-down. RETURN: status, passed (nil when skipped)
function Tester:_runTest(name)
   if self.disabledTests[name] then return true, nil end
   self._currentTestName = name
   if self._setUp then self._setUp(name) end
   local status, pass
   if self.rethrow then
      local nerr = #self.errors
      self.tests[name]()
      status, pass = true, nerr == #self.errors
   else
      local _
      status, _, pass = self:_pcall(self.tests[name])
   end
   if self._tearDown then self._tearDown(name) end
   return status, pass
end

function Tester:_run(names)
   local c, coloured = palette()
   local ntests = #names
   local width = #tostring(ntests)
   local counterFormat = '%' .. width .. 'd/' .. ntests .. ' '
   io.write('Running ' .. pluralize(ntests, 'test') .. '\n')
   for i, name in ipairs(names) do
      local line = coloured(string.format(counterFormat, i), c.cyan) .. name .. ' '
         .. string.rep('.', NCOLS - 8 - (2 * width + 2) - #name) .. ' '
      io.write(line .. '[' .. coloured('WAIT', c.cyan) .. ']')
      io.flush()
      local status, pass = self:_runTest(name)
      local skip = pass == nil and status
      io.write('\r' .. line)
      if skip then
         io.write('[' .. coloured('SKIP', c.yellow) .. ']')
      elseif not status then
         self.testError[name] = 1
         io.write('[' .. coloured('ERROR', c.magenta) .. ']')
      elseif not pass then
         io.write('[' .. coloured('FAIL', c.red) .. ']')
      else
         io.write('[' .. coloured('PASS', c.green) .. ']')
         if self._warningCount[name] > 0 then
            io.write('\n' .. string.rep(' ', NCOLS - 10) .. '[' .. coloured('+warning', c.yellow)
               .. ']')
         end
      end
      io.write('\n')
      io.flush()
      if self.earlyAbort and i < ntests and (not status or not pass) and not skip then
         io.write('Aborting on first error, not all tests have been executed\n')
         break
      end
      collectgarbage()
   end
   self._currentTestName = ''
end

function Tester:_report(names)
   local c, coloured = palette()
   local nfailures, nerrors, nskipped, nwarnings = 0, 0, 0, 0
   self.countasserts = 0
   for _, name in ipairs(names) do
      self.countasserts = self.countasserts + self.assertionFail[name] + self.assertionPass[name]
      if self.assertionFail[name] > 0 then nfailures = nfailures + 1 end
      if self.testError[name] > 0 then nerrors = nerrors + 1 end
      if self._warningCount[name] > 0 then nwarnings = nwarnings + 1 end
      if self.disabledTests[name] then nskipped = nskipped + 1 end
   end
   nwarnings = nwarnings + (self._warningCount[''] or 0)
   io.write('Completed ' .. pluralize(self.countasserts, 'assert') .. ' in '
      .. pluralize(#names, 'test') .. ' with '
      .. coloured(pluralize(nfailures, 'failure'), nfailures == 0 and c.green or c.red)
      .. ' and ' .. coloured(pluralize(nerrors, 'error'), nerrors == 0 and c.green or c.magenta))
   if nwarnings > 0 then
      io.write(' and ' .. coloured(pluralize(nwarnings, 'warning'), c.yellow))
   end
   if nskipped > 0 then io.write(' and ' .. coloured(nskipped .. ' disabled', c.yellow)) end
   io.write('\n')
   if self.summaryOnly then return end
   local dashes = string.rep('-', NCOLS) .. '\n'
   local sections = {}
   for _, v in ipairs(self.errors) do sections[#sections + 1] = v end
   for _, v in ipairs(self.warnings) do sections[#sections + 1] = v end
   if #sections > 0 then io.write(dashes) end
   for _, v in ipairs(sections) do io.write(v .. '\n' .. dashes) end
end

function Tester:_resetCounts(names)
   self.assertionPass, self.assertionFail, self.testError = {}, {}, {}
   for _, name in ipairs(names) do
      self.assertionPass[name], self.assertionFail[name], self.testError[name] = 0, 0, 0
      self._warningCount[name] = 0
   end
end

--[[ Run the tests (all, or those matching the name patterns `testNames`: a string or a
list), printing a line per test and a summary. Raises an error when any test failed.
RETURN: 0 ]]
function Tester:run(testNames)
   local names = self:_getTests(testNames)
   self:_resetCounts(names)
   self:_run(names)
   self:_report(names)
   for _, name in ipairs(names) do
      if self.assertionFail[name] ~= 0 or self.testError[name] ~= 0 then
         error('An error was found while running tests!')
      end
   end
   return 0
end

--[[ The names of the added tests, in the order they were added (for pytest). ]]
function Tester:_testNames()
   return self._names
end

--[[ Run test `name` alone (for pytest). RETURN: passed (boolean), report (string) ]]
function Tester:_runOne(name)
   if self.tests[name] == nil then return false, 'no test named ' .. tostring(name) end
   self.assertionPass = self.assertionPass or {}
   self.assertionFail = self.assertionFail or {}
   self.testError = self.testError or {}
   self.assertionPass[name], self.assertionFail[name], self.testError[name] = 0, 0, 0
   self._warningCount[name] = 0
   local first = #self.errors + 1
   local ok, status = xpcall(function() return self:_runTest(name) end, debug.traceback)
   self._currentTestName = ''
   if not ok then
      self.errors[#self.errors + 1] = name .. '\n Function call failed\n' .. tostring(status)
   elseif not status then
      self.testError[name] = 1
   end
   return #self.errors < first, table.concat(self.errors, '\n', first, #self.errors)
end

--[[ A table of tests for Tester:add: assigning a non-function or redefining a test is
an error. RETURN: the suite ]]
function torch.TestSuite()
   local tests = {}
   return setmetatable({ __tests = tests, __isTestSuite = true }, {
      __index = function(_, key) return tests[key] end,
      __newindex = function(_, key, value)
         if tests[key] ~= nil then error('Test ' .. tostring(key) .. ' is already defined.', 2) end
         if type(value) == 'table' then error('Nested tables of tests are not supported', 2) end
         if type(value) ~= 'function' then
            error('Only functions are supported as members of a TestSuite', 2)
         end
         tests[key] = value
      end,
   })
end
