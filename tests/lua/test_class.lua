-- The class system: torch.class, inheritance, operators forwarded to __x__ methods.
local tester = torch.Tester()
local tests = {}

-- Declare test classes in a local module table and remove them from the registry after.
local M = {}
local function withClasses(names, f)
   local ok, err = pcall(f)
   for _, name in ipairs(names) do debug.getregistry()['classTest.' .. name] = nil end
   if not ok then error(err, 0) end
end

function tests.objectsCompareByIdentityWithoutEq()
   withClasses({ 'A' }, function()
      torch.class('classTest.A', M)
      local a, b = M.A(), M.A()
      tester:assert(a ~= b and a == a, 'identity comparison')
      tester:assert(tostring(a):match('^classTest%.A: 0x%x+$') ~= nil, 'default tostring')
   end)
end

function tests.operatorsForwardToMethods()
   withClasses({ 'V' }, function()
      local V = torch.class('classTest.V', M)
      function V:__init(x) self.x = x end
      function V.__add__(a, b) return M.V(a.x + b.x) end
      function V.__eq__(a, b) return a.x == b.x end
      function V:__unm__() return M.V(-self.x) end
      function V:__call__(...) return select('#', ...) end
      function V:__tostring__() return 'V(' .. self.x .. ')' end
      local a, b = M.V(1), M.V(2)
      tester:eq((a + b).x, 3)
      tester:eq((-a).x, -1)
      tester:assert(M.V(4) == M.V(4), '__eq__ is used')
      tester:eq(a(), 0)
      tester:eq(a(nil, nil), 2)
      tester:eq(tostring(a), 'V(1)')
      tester:assertError(function() return a * b end)
   end)
end

function tests.factoryGoesWithTheRegistryEntry()
   withClasses({ 'F' }, function()
      torch.class('classTest.F', M)
      tester:assert(torch.factory('classTest.F') ~= nil, 'a registered class has a factory')
      debug.getregistry()['classTest.F'] = nil
      tester:assert(torch.factory('classTest.F') == nil, 'a removed class has none')
   end)
end

tester:add(tests)
return tester
