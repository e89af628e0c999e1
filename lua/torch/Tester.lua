-- torch.Tester: the assertion API of Torch7's own test files, plus the hooks pytest
-- uses to run one test at a time (_testNames, _runOne).
local torch = ...

local Tester = torch.class('torch.Tester')

function Tester:__init()
   self.tests = {}
   self.names = {}
   self.failures = {}
   self.assertionPass = 0
end

--[[ Add a test function `f` called `name`, or every function of table `f`.
RETURN: self ]]
function Tester:add(f, name)
   if type(f) == 'table' then
      local names = {}
      for k in pairs(f) do names[#names + 1] = k end
      table.sort(names)
      for _, k in ipairs(names) do self:add(f[k], k) end
      return self
   end
   if type(f) ~= 'function' then error('torch.Tester.add: expected a function or a table', 2) end
   name = name or ('test' .. (#self.names + 1))
   if self.tests[name] then error('torch.Tester.add: test ' .. name .. ' already added', 2) end
   self.tests[name] = f
   self.names[#self.names + 1] = name
   return self
end

function Tester:_fail(message)
   local info = debug.getinfo(3, 'Sl')
   local where = info and (info.short_src .. ':' .. (info.currentline or 0)) or '?'
   self.failures[#self.failures + 1] = where .. ': ' .. message
end

function Tester:assert(condition, message)
   if condition then
      self.assertionPass = self.assertionPass + 1
   else
      self:_fail(message or 'assertion failed')
   end
end

function Tester:eq(got, expected, message)
   self:assert(got == expected, string.format('%s (got %s, expected %s)',
      message or 'values differ', tostring(got), tostring(expected)))
end

function Tester:_testNames()
   return self.names
end

--[[ Run test `name`. RETURN: passed (boolean), report (string) ]]
function Tester:_runOne(name)
   local f = self.tests[name]
   if not f then return false, 'no test named ' .. tostring(name) end
   self.failures = {}
   local ok, err = xpcall(f, debug.traceback)
   if not ok then self.failures[#self.failures + 1] = 'error: ' .. tostring(err) end
   return #self.failures == 0, table.concat(self.failures, '\n')
end
