-- nn.UpSampling: nearest or (bi/tri)linear up-sampling of 4-D and 5-D inputs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- Corner-aligned linear interpolation along one axis: the two neighbours and the weight of
-- the upper one for output position o (0-based) of n_out, from n_in inputs.
local function tap(o, nIn, nOut)
   local pos = nOut > 1 and o * (nIn - 1) / (nOut - 1) or 0
   local lo = math.floor(pos)
   return lo + 1, math.min(lo + 1, nIn - 1) + 1, pos - lo
end

-- Trilinear reference for an N x C x D x H x W tensor, one voxel at a time.
local function refTrilinear(x, oD, oH, oW)
   local n, c, d, h, w = x:size(1), x:size(2), x:size(3), x:size(4), x:size(5)
   local y = torch.Tensor(n, c, oD, oH, oW)
   for t = 0, oD - 1 do
      local t0, t1, lt = tap(t, d, oD)
      for i = 0, oH - 1 do
         local h0, h1, lh = tap(i, h, oH)
         for j = 0, oW - 1 do
            local w0, w1, lw = tap(j, w, oW)
            for a = 1, n do
               for b = 1, c do
                  local v, s = x[a][b], 0
                  for _, pt in ipairs({ { t0, 1 - lt }, { t1, lt } }) do
                     for _, ph in ipairs({ { h0, 1 - lh }, { h1, lh } }) do
                        for _, pw in ipairs({ { w0, 1 - lw }, { w1, lw } }) do
                           s = s + pt[2] * ph[2] * pw[2] * v[pt[1]][ph[1]][pw[1]]
                        end
                     end
                  end
                  y[a][b][t + 1][i + 1][j + 1] = s
               end
            end
         end
      end
   end
   return y
end

function tests.nearestRepeatsPixelsAndVoxels()
   torch.manualSeed(1301)
   local x = torch.rand(2, 3, 2, 3)
   local y = nn.UpSampling(2):forward(x)
   tester:eq(H.sizes(y), '2x3x4x6', '4-D size')
   local worst = 0
   for i = 1, 4 do
      for j = 1, 6 do
         local d = y[{ {}, {}, i, j }] - x[{ {}, {}, math.ceil(i / 2), math.ceil(j / 2) }]
         worst = math.max(worst, d:abs():max())
      end
   end
   tester:eq(worst, 0, 'each pixel repeated 2x2')
   local v = torch.rand(1, 2, 2, 2, 3)
   local m = nn.UpSampling(3, 'nearest')
   local z = m:forward(v)
   tester:eq(H.sizes(z), '1x2x6x6x9', '5-D size')
   tester:eq(z[1][2][6][4][7], v[1][2][2][2][3], 'a voxel of the last block')
   tester:eq(z[1][1][1][3][4], v[1][1][1][1][2], 'a voxel of the first row')
   tester:eq(m.outputSize[5], 9, 'outputSize recorded')
   tester:eq(m.inputSize[3], 2, 'inputSize recorded')
   local g = m:backward(v, z:clone():fill(1))
   tester:eq(H.maxDiff(g, torch.Tensor(1, 2, 2, 2, 3):fill(27)), 0, 'each voxel gets 27 ones')
end

function tests.linearMatchesDefinition()
   torch.manualSeed(1302)
   local x = torch.rand(2, 2, 2, 3, 2)
   local y = nn.UpSampling(2, 'linear'):forward(x)
   tester:eq(H.sizes(y), '2x2x4x6x4', 'scale multiplies every size')
   tester:assert(H.maxDiff(y, refTrilinear(x, 4, 6, 4)) < 1e-6, 'trilinear values')
   local s = nn.UpSampling({ odepth = 3, oheight = 5, owidth = 1 }, 'trilinear')
   tester:assert(H.maxDiff(s:forward(x), refTrilinear(x, 3, 5, 1)) < 1e-6, 'by output size')
   -- 4-D: bilinear, the same interpolation with a depth of one
   local p = torch.rand(1, 3, 3, 2)
   local b = nn.UpSampling({ oheight = 5, owidth = 3 }, 'bilinear'):forward(p)
   local ref = refTrilinear(p:view(1, 3, 1, 3, 2), 1, 5, 3):view(1, 3, 5, 3)
   tester:assert(H.maxDiff(b, ref) < 1e-6, 'bilinear values')
   local c = nn.UpSampling({ oheight = 3, owidth = 3 }, 'linear')
   local mid = c:forward(torch.Tensor({ 0, 2, 4, 6 }):view(1, 1, 2, 2))[1][1][2][2]
   tester:assert(math.abs(mid - 3) < 1e-6, 'centre is the mean of the corners')
end

function tests.modeNames()
   tester:eq(nn.UpSampling(2).mode, 'nearest', 'default')
   tester:eq(nn.UpSampling(2, 'bilinear').mode, 'linear', 'bilinear')
   tester:eq(nn.UpSampling(2, 'trilinear').mode, 'linear', 'trilinear')
   tester:eq(nn.UpSampling(2, 'cubic').mode, 'nearest', 'anything else')
end

function tests.jacobian()
   torch.manualSeed(1303)
   H.jacobian(tester, nn.UpSampling(2), torch.Tensor(2, 2, 2, 3))
   H.jacobian(tester, nn.UpSampling(2), torch.Tensor(1, 2, 2, 2, 3))
   H.jacobian(tester, nn.UpSampling(3, 'linear'), torch.Tensor(1, 2, 2, 3))
   H.jacobian(tester, nn.UpSampling(2, 'linear'), torch.Tensor(1, 2, 2, 3, 2))
   H.jacobian(tester, nn.UpSampling({ odepth = 3, oheight = 2, owidth = 4 }, 'linear'),
      torch.Tensor(2, 1, 2, 3, 2))
end

function tests.floatMatchesDouble()
   torch.manualSeed(1304)
   for _, mode in ipairs({ 'nearest', 'linear' }) do
      for _, x in ipairs({ torch.rand(2, 2, 3, 2), torch.rand(1, 2, 2, 3, 2) }) do
         local yd = nn.UpSampling(2, mode):forward(x)
         local m = nn.UpSampling(2, mode):float()
         local yf = m:forward(x:float())
         tester:eq(torch.type(yf), 'torch.FloatTensor', mode .. ': float output')
         tester:assert(H.maxDiff(yf:double(), yd) < 1e-6, mode .. ': float values')
         local gf = m:backward(x:float(), yf:clone():fill(1))
         tester:assert(math.abs(gf:sum() - yd:nElement()) < 1e-3, mode .. ': float gradient')
      end
   end
end

function tests.nonContiguousInputs()
   torch.manualSeed(1305)
   local x = torch.rand(2, 3, 2, 2, 1):transpose(1, 5)
   tester:assert(not x:isContiguous(), 'a transposed input')
   for _, mode in ipairs({ 'nearest', 'linear' }) do
      local m = nn.UpSampling(2, mode)
      local y = m:forward(x):clone()
      tester:assert(H.maxDiff(y, m:forward(x:clone())) < 1e-12, mode .. ': forward')
      local g = torch.rand(y:size(5), y:size(2), y:size(3), y:size(4), y:size(1))
         :transpose(1, 5)
      local gi = m:backward(x, g):clone()
      tester:assert(H.maxDiff(gi, m:backward(x, g:clone())) < 1e-12, mode .. ': backward')
   end
end

local function fails(f, what)
   local ok, err = pcall(f)
   tester:assert(not ok and tostring(err):find('nn.UpSampling', 1, true) ~= nil,
      what .. ': ' .. tostring(err))
end

function tests.errors()
   fails(function() nn.UpSampling({ oheight = 2, owidth = 2 }) end, 'size needs linear mode')
   fails(function() nn.UpSampling({ oheight = 2 }, 'linear') end, 'width needed')
   fails(function() nn.UpSampling(0) end, 'scale >= 1')
   fails(function() nn.UpSampling(2.5) end, 'integer scale')
   fails(function() nn.UpSampling(2):forward(torch.rand(2, 3, 3)) end, '3-D input')
   fails(function() nn.UpSampling(2, 'linear'):forward(torch.rand(1, 1, 1, 2, 2, 2)) end,
      '6-D input')
   fails(function()
      nn.UpSampling({ oheight = 2, owidth = 2 }, 'linear'):forward(torch.rand(1, 1, 2, 2, 2))
   end, '5-D input needs odepth')
   local m = nn.UpSampling(2)
   local x = torch.rand(1, 1, 2, 2)
   m:forward(x)
   fails(function() m:backward(x, torch.rand(1, 1, 4, 5)) end, 'gradOutput size')
   fails(function() m:backward(x, torch.rand(1, 4, 4)) end, 'gradOutput dimension')
end

function tests.clearStateAndToString()
   local m = nn.UpSampling(2)
   m:forward(torch.rand(1, 1, 2, 2))
   H.common(tester, m, 'nn.UpSampling(2x, nearest)')
   H.common(tester, nn.UpSampling({ oheight = 3, owidth = 4 }, 'linear'),
      'nn.UpSampling(3x4, linear)')
   H.common(tester, nn.UpSampling({ odepth = 2, oheight = 3, owidth = 4 }, 'trilinear'),
      'nn.UpSampling(2x3x4, linear)')
   tester:eq(m.output:nElement(), 0, 'clearState empties the output')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(1306)
   H.roundTrip(tester, nn.UpSampling(2), torch.rand(2, 2, 2, 3))
   H.roundTrip(tester, nn.UpSampling(2, 'linear'), torch.rand(1, 2, 2, 3, 2))
   H.roundTrip(tester, nn.UpSampling({ odepth = 3, oheight = 3, owidth = 2 }, 'linear'),
      torch.rand(1, 1, 2, 2, 2))
end

tester:add(tests)
return tester
