-- nn.Profile: a decorator that times its module's forward and backward passes.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- Run f with the global print collecting its lines; return them.
local function printed(f)
   local lines, saved = {}, print
   print = function(...) lines[#lines + 1] = table.concat({ ... }, '\t') end -- luacheck: ignore
   local ok, err = pcall(f)
   print = saved -- luacheck: ignore
   if not ok then error(err, 0) end
   return lines
end

function tests.passesThrough()
   for _, typename in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      torch.manualSeed(931)
      local lin = nn.Linear(3, 4):type(typename)
      local ref = lin:clone()
      local m = nn.Profile(lin, 5)
      local x, g = torch.randn(2, 3):type(typename), torch.randn(2, 4):type(typename)
      m:zeroGradParameters()
      ref:zeroGradParameters()
      tester:eq(m:forward(x), ref:forward(x), typename .. ': output')
      tester:assert(m.output == lin.output, typename .. ': output is the module output')
      tester:eq(m:backward(x, g, 0.5), ref:backward(x, g, 0.5), typename .. ': gradInput')
      tester:eq(lin.gradWeight, ref.gradWeight, typename .. ': gradWeight')
      tester:eq(lin.gradBias, ref.gradBias, typename .. ': gradBias')
   end
end

function tests.defaults()
   local lin = nn.Linear(2, 2)
   local m = nn.Profile(lin)
   tester:eq(m.print_interval, 100, 'print_interval')
   tester:eq(m.name, 'nn.Linear', 'name')
   tester:assert(m.module == lin and m.modules[1] == lin, 'module')
   tester:eq(m.numFwds + m.numBwds + m.summedFwdTime + m.summedBwdTime, 0, 'counters')
   tester:eq(torch.type(m.timer), 'torch.Timer', 'timer')
end

function tests.forwardBookkeeping()
   local m = nn.Profile(nn.Tanh(), 3, 'tanh')
   local x = torch.rand(2, 2)
   local lines = printed(function()
      m:forward(x)
      m:forward(x)
   end)
   tester:eq(#lines, 0, 'nothing before the interval')
   tester:eq(m.numFwds, 2, 'two passes counted')
   tester:assert(m.summedFwdTime >= 0, 'time summed')
   lines = printed(function() m:forward(x) end)
   tester:eq(#lines, 1, 'one report at the interval')
   tester:assert(lines[1]:match('^tanh took %d+%.%d%d%d seconds for 3 forward passes$') ~= nil,
      'report text: ' .. tostring(lines[1]))
   tester:eq(m.numFwds, 0, 'count restarts')
   tester:eq(m.summedFwdTime, 0, 'time restarts')
   tester:eq(m.numBwds, 0, 'backward untouched')
end

function tests.backwardBookkeeping()
   local m = nn.Profile(nn.Linear(2, 3), 2)
   local x, g = torch.rand(4, 2), torch.rand(4, 3)
   m:forward(x)
   local lines = printed(function() m:updateGradInput(x, g) end)
   tester:eq(#lines + m.numBwds, 1, 'one pass counted, nothing printed')
   lines = printed(function() m:backward(x, g) end)
   tester:eq(#lines, 1, 'one report at the interval')
   tester:assert(lines[1]:match('^nn%.Linear took %d+%.%d%d%d seconds for 2 backward passes$')
      ~= nil, 'report text: ' .. tostring(lines[1]))
   tester:eq(m.numBwds + m.summedBwdTime, 0, 'count and time restart')
   tester:eq(m.numFwds, 1, 'forward count kept')
end

function tests.errors()
   local ok, err = pcall(function() nn.Profile(torch.rand(2)) end)
   tester:assert(not ok and err:find('nn.Profile', 1, true) ~= nil, 'not a module')
   ok, err = pcall(function() nn.Profile(nn.Tanh(), 0) end)
   tester:assert(not ok and err:find('print_interval', 1, true) ~= nil, 'zero interval')
end

function tests.timerWrittenEmpty()
   -- a Timer is written as its class header only, as Torch7 writes it once nn is loaded
   local f = torch.MemoryFile():binary()
   f:writeInt(4)                -- a torch object
   f:writeInt(1)                -- its reference index
   f:writeInt(3)
   f:writeString('V 1')
   f:writeInt(11)
   f:writeString('torch.Timer')
   f:writeObject(42)
   local bytes = f:storage():string()
   f:close()
   local g = torch.MemoryFile():binary()
   g:writeObject(torch.Timer())
   g:writeObject(42)
   tester:eq(g:storage():string(), bytes, 'same bytes')
   g:seek(1)
   local timer = g:readObject()
   tester:eq(torch.type(timer), 'torch.Timer', 'read back as a timer')
   tester:assert(timer:time().real >= 0, 'a working timer')
   tester:eq(g:readObject(), 42, 'nothing more was read')
   g:close()
end

function tests.cloneGetsItsOwnTimer()
   local m = nn.Profile(nn.Linear(2, 2), 4, 'lin')
   m:forward(torch.rand(1, 2))
   local c = m:clone()
   tester:assert(c.timer ~= m.timer and torch.type(c.timer) == 'torch.Timer', 'fresh timer')
   tester:assert(c.module == c.modules[1], 'module shared with modules[1]')
   tester:eq(c.numFwds, 1, 'counters copied')
   tester:eq(c.name, 'lin', 'name copied')
end

function tests.clearStateAndToString()
   local m = nn.Profile(nn.Linear(3, 4), 3)
   m:forward(torch.rand(2, 3))
   H.common(tester, m, 'nn.Profile @ nn.Linear(3 -> 4)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(932)
   printed(function()
      H.roundTrip(tester, nn.Profile(nn.Linear(3, 4), 2), torch.randn(2, 3))
   end)
end

tester:add(tests)
return tester
