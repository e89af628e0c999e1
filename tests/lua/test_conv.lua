-- Convolutions and cross-correlations: conv2, xcorr2, conv3, xcorr3.
local tester = torch.Tester()
local tests = {}

local function maxDiff(a, b)
   tester:assert(a:isSameSizeAs(b), 'sizes differ')
   local x, y = a:contiguous(), b:contiguous()
   local px, py = x:data(), y:data()
   local m = 0
   for i = 0, x:nElement() - 1 do m = math.max(m, math.abs(tonumber(px[i]) - tonumber(py[i]))) end
   return m
end

local function near(a, b, tol, msg)
   tester:assert(maxDiff(a, b) <= (tol or 1e-10), msg or 'tensors differ')
end

local function errorMatches(f, pattern)
   local ok, err = pcall(f)
   tester:assert(not ok, 'expected an error matching ' .. pattern)
   tester:assert(ok or tostring(err):find(pattern) ~= nil, 'error was: ' .. tostring(err))
end

-- A tensor of the given sizes filled with distinct small values.
local function filled(seed, ...)
   local t = torch.Tensor(...)
   local flat = t:view(t:nElement())
   for i = 1, flat:size(1) do flat[i] = ((i * 7 + seed * 13) % 17) - 8 end
   return t
end

-- The 2-D definitions: a full convolution scatters x[i][j] * k[a][b] to out[i+a-1][j+b-1];
-- a valid one keeps the outputs whose windows lie inside x. Cross-correlation flips k.
local function direct2(x, k, full, xcorr)
   local ir, ic, kr, kc = x:size(1), x:size(2), k:size(1), k:size(2)
   local out = torch.Tensor(ir + kr - 1, ic + kc - 1):zero()
   for i = 1, ir do
      for j = 1, ic do
         for a = 1, kr do
            for b = 1, kc do
               local kv = xcorr and k[kr + 1 - a][kc + 1 - b] or k[a][b]
               out[i + a - 1][j + b - 1] = out[i + a - 1][j + b - 1] + x[i][j] * kv
            end
         end
      end
   end
   if full then return out end
   return out:narrow(1, kr, ir - kr + 1):narrow(2, kc, ic - kc + 1):clone()
end

local function direct3(x, k, full, xcorr)
   local n = { x:size(1), x:size(2), x:size(3) }
   local m = { k:size(1), k:size(2), k:size(3) }
   local out = torch.Tensor(n[1] + m[1] - 1, n[2] + m[2] - 1, n[3] + m[3] - 1):zero()
   for i = 1, n[1] do for j = 1, n[2] do for l = 1, n[3] do
      for a = 1, m[1] do for b = 1, m[2] do for c = 1, m[3] do
         local kv = xcorr and k[m[1] + 1 - a][m[2] + 1 - b][m[3] + 1 - c] or k[a][b][c]
         local o = out[i + a - 1][j + b - 1]
         o[l + c - 1] = o[l + c - 1] + x[i][j][l] * kv
      end end end
   end end end
   if full then return out end
   return out:narrow(1, m[1], n[1] - m[1] + 1):narrow(2, m[2], n[2] - m[2] + 1)
      :narrow(3, m[3], n[3] - m[3] + 1):clone()
end

function tests.conv2ValidByHand()
   local x = torch.Tensor({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}})
   local k = torch.Tensor({{1, 0}, {0, -1}})
   -- the flipped kernel pairs x[i+1][j+1] with +1 and x[i][j] with -1
   near(torch.conv2(x, k), torch.Tensor({{4, 4}, {4, 4}}))
   near(torch.xcorr2(x, k), torch.Tensor({{-4, -4}, {-4, -4}}))
   near(torch.conv2(x, k, 'V'), torch.Tensor({{4, 4}, {4, 4}}))
   near(x:conv2(k), torch.Tensor({{4, 4}, {4, 4}}), 0, 'method form')
end

function tests.conv2FullSizesAndValues()
   local x = torch.Tensor({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}})
   local k = torch.Tensor({{1, 0}, {0, -1}})
   local f = torch.conv2(x, k, 'F')
   tester:eq(f:size(1), 4)
   tester:eq(f:size(2), 4)
   near(f, torch.Tensor({{1, 2, 3, 0}, {4, 4, 4, -3}, {7, 4, 4, -6}, {0, -7, -8, -9}}))
   near(torch.xcorr2(x, k, 'F'), torch.Tensor({{-1, -2, -3, 0}, {-4, -4, -4, 3},
      {-7, -4, -4, 6}, {0, 7, 8, 9}}))
   local xs, ks = filled(1, 6, 5), filled(2, 3, 4)
   near(torch.conv2(xs, ks, 'F'), direct2(xs, ks, true, false))
   near(torch.conv2(xs, ks), direct2(xs, ks, false, false))
   near(torch.xcorr2(xs, ks, 'F'), direct2(xs, ks, true, true))
   near(torch.xcorr2(xs, ks), direct2(xs, ks, false, true))
   near(torch.conv2(ks, xs, 'F'), direct2(ks, xs, true, false), 1e-10, 'kernel larger')
end

function tests.conv2PlanesWithTheirOwnKernels()
   local x, k = filled(3, 2, 5, 5), filled(4, 2, 3, 2)
   local r = torch.conv2(x, k)
   tester:eq(r:dim(), 3)
   for p = 1, 2 do near(r[p], direct2(x[p], k[p], false, false)) end
   local rf = torch.xcorr2(x, k, 'F')
   for p = 1, 2 do near(rf[p], direct2(x[p], k[p], true, true)) end
end

function tests.conv2KernelBankSumsOverInputPlanes()
   local x, k = filled(5, 3, 6, 5), filled(6, 4, 3, 2, 3)
   local r = torch.conv2(x, k)
   tester:eq(r:size(1), 4)
   tester:eq(r:size(2), 5)
   tester:eq(r:size(3), 3)
   for o = 1, 4 do
      local want = torch.Tensor(5, 3):zero()
      for i = 1, 3 do
         local part = direct2(x[i], k[o][i], false, false)
         for a = 1, 5 do for b = 1, 3 do want[a][b] = want[a][b] + part[a][b] end end
      end
      near(r[o], want)
   end
   local rx = torch.xcorr2(x, k, 'F')
   tester:eq(rx:size(2), 7)
   tester:eq(rx:size(3), 7)
end

function tests.conv3AndXcorr3()
   local x, k = filled(7, 4, 3, 5), filled(8, 2, 2, 3)
   near(torch.conv3(x, k), direct3(x, k, false, false))
   near(torch.conv3(x, k, 'F'), direct3(x, k, true, false))
   near(torch.xcorr3(x, k), direct3(x, k, false, true))
   near(torch.xcorr3(x, k, 'F'), direct3(x, k, true, true))
   local xp, kp = filled(9, 2, 3, 3, 3), filled(10, 2, 2, 2, 2)
   local rp = torch.conv3(xp, kp)
   for p = 1, 2 do near(rp[p], direct3(xp[p], kp[p], false, false)) end
   local kb = filled(11, 3, 2, 2, 2, 2)
   local rb = torch.xcorr3(xp, kb)
   tester:eq(rb:size(1), 3)
   local want = direct3(xp[1], kb[2][1], false, true)
   local second = direct3(xp[2], kb[2][2], false, true)
   near(rb[2], want:view(8):add(second:view(8)):view(2, 2, 2))
end

function tests.resultFormsAndTypes()
   local x = torch.Tensor({{1, 2}, {3, 4}})
   local res = torch.Tensor()
   tester:assert(torch.conv2(res, x, torch.Tensor({{1}}), 'F') == res, 'result returned')
   near(res, x)
   res:xcorr2(x, torch.Tensor({{1, 1}, {1, 1}}), 'F')
   tester:eq(res[2][2], 10)
   local fx = torch.FloatTensor({{1, 2}, {3, 4}})
   local fr = torch.conv2(fx, torch.FloatTensor({{2}}))
   tester:eq(torch.typename(fr), 'torch.FloatTensor')
   tester:eq(fr[2][1], 6)
   local lr = torch.conv2(torch.LongTensor({{1, 2}, {3, 4}}), torch.LongTensor({{1, 1}}))
   tester:eq(lr[2][1], 7)
   x:conv2(x, torch.Tensor({{1, 1}, {1, 1}}))
   tester:eq(x:nElement(), 1, "the result may be the input")
   tester:eq(x[1][1], 10)
end

function tests.convErrorsNameTheFunction()
   local x = torch.Tensor(3, 3)
   errorMatches(function() return torch.conv2(x, torch.Tensor(4, 4)) end,
      'conv2.*3x3.*smaller.*4x4')
   errorMatches(function() return torch.xcorr2(x, torch.Tensor(2)) end, 'xcorr2.*expected')
   errorMatches(function() return torch.conv2(torch.Tensor(2, 3, 3), torch.Tensor(3, 2, 2)) end,
      'conv2.*planes')
   errorMatches(function() return torch.conv2(torch.Tensor(2, 3, 3),
      torch.Tensor(4, 3, 2, 2)) end, 'conv2.*input planes')
   errorMatches(function() return torch.conv3(x, x) end, 'conv3')
   errorMatches(function() return torch.conv2(x, torch.Tensor(2, 2), 'X') end,
      'conv2: invalid arguments')
end

return tester:add(tests)
