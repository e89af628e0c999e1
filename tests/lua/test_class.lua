-- The class system: torch.class, inheritance, operators forwarded to __x__ methods.
local tester = torch.Tester()
local tests = {}

local function withClasses(names, f)
   local ok, err = pcall(f)
   for _, name in ipairs(names) do
      debug.getregistry()[name] = nil
      _G[name] = nil
   end
   if not ok then error(err, 0) end
end

function tests.objectsCompareByIdentityWithoutEq()
   withClasses({ 'classTestA' }, function()
      torch.class('classTestA')
      local a, b = classTestA(), classTestA()
      tester:assert(a ~= b and a == a, 'identity comparison')
      tester:assert(tostring(a):match('^classTestA: 0x%x+$') ~= nil, 'default tostring')
   end)
end

function tests.operatorsForwardToMethods()
   withClasses({ 'classTestV' }, function()
      local V = torch.class('classTestV')
      function V:__init(x) self.x = x end
      function V.__add__(a, b) return classTestV(a.x + b.x) end
      function V.__eq__(a, b) return a.x == b.x end
      function V:__unm__() return classTestV(-self.x) end
      function V:__call__(...) return select('#', ...) end
      function V:__tostring__() return 'V(' .. self.x .. ')' end
      local a, b = classTestV(1), classTestV(2)
      tester:eq((a + b).x, 3)
      tester:eq((-a).x, -1)
      tester:assert(classTestV(4) == classTestV(4), '__eq__ is used')
      tester:eq(a(), 0)
      tester:eq(a(nil, nil), 2)
      tester:eq(tostring(a), 'V(1)')
      tester:assertError(function() return a * b end)
   end)
end

function tests.factoryGoesWithTheRegistryEntry()
   withClasses({ 'classTestF' }, function()
      torch.class('classTestF')
      tester:assert(torch.factory('classTestF') ~= nil, 'a registered class has a factory')
      debug.getregistry()['classTestF'] = nil
      tester:assert(torch.factory('classTestF') == nil, 'a removed class has none')
   end)
end

tester:add(tests)
return tester
