-- optim.ConfusionMatrix: counting single samples and batches, rates, FAR/FRR and printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- rows are targets, columns predictions: {{2,1,0},{0,3,0},{1,0,0}}
local function filled()
   local cm = optim.ConfusionMatrix({ 'cat', 'dog', 'bird' })
   cm:add(1, 1); cm:add(1, 1); cm:add(2, 1)
   cm:add(torch.Tensor({ 0.1, 0.8, 0.1 }), 2)
   cm:add(torch.Tensor({ 0.1, 0.8, 0.1 }), torch.Tensor({ 0, 1, 0 }))
   cm:add(2, 2)
   cm:add(1, 3)
   return cm
end

function tests.constructorFields()
   local cm = optim.ConfusionMatrix(4)
   tester:eq(torch.type(cm), 'optim.ConfusionMatrix')
   tester:eq(cm.nclasses, 4)
   tester:eq(torch.type(cm.mat), 'torch.LongTensor')
   tester:eq(cm.mat:sum(), 0)
   tester:eq(torch.type(cm.valids), 'torch.FloatTensor')
   local named = optim.ConfusionMatrix({ 'a', 'b' })
   tester:eq(named.nclasses, 2)
   tester:eq(named.classes[2], 'b')
end

function tests.addCountsTargetRowsAndPredictionColumns()
   local cm = filled()
   H.near(tester, cm.mat, { 2, 1, 0, 0, 3, 0, 1, 0, 0 }, 'counts')
   cm:add(3, 0)
   tester:eq(cm.mat:sum(), 7, 'a target of 0 is skipped')
end

function tests.batchAddMatchesSingleAdds()
   local cm = optim.ConfusionMatrix(3)
   local scores = torch.Tensor({ { 0.9, 0.1, 0 }, { 0.2, 0.7, 0.1 }, { 0, 0.3, 0.7 },
      { 0.5, 0.4, 0.1 } })
   cm:batchAdd(scores, torch.Tensor({ 1, 3, 3, 0 }))
   H.near(tester, cm.mat, { 1, 0, 0, 0, 0, 0, 0, 1, 1 }, 'batch of scores')
   cm:batchAdd(torch.Tensor({ 2, 2 }), torch.Tensor({ { 0, 1, 0 }, { 1, 0, 0 } }))
   H.near(tester, cm.mat, { 1, 1, 0, 0, 1, 0, 0, 1, 1 }, 'class vector and one-hot targets')
   tester:assertErrorPattern(function() cm:batchAdd(torch.Tensor(2, 2, 2), torch.Tensor(2)) end,
      'invalid number of dimensions')
end

function tests.updateValidsComputesRates()
   local cm = filled()
   cm:updateValids()
   H.near(tester, cm.valids, { 2 / 3, 1, 0 }, 'per-class accuracy', 1e-7)
   H.near(tester, cm.unionvalids, { 2 / 4, 3 / 4, 0 }, 'intersection over union', 1e-7)
   H.close(tester, cm.totalValid, 5 / 7, 'global accuracy')
   H.close(tester, cm.averageValid, (cm.valids[1] + cm.valids[2] + cm.valids[3]) / 3,
      'mean accuracy')
   H.close(tester, cm.averageUnionValid, (0.5 + 0.75) / 3, 'mean IoU')
end

function tests.farFrrPerClass()
   local cm = filled()
   local classFrrs, classFars, frrs, fars = cm:farFrr()
   H.near(tester, classFrrs, { 1 / 3, 0, 1 }, 'false rejection rates')
   H.near(tester, classFars, { (0 + 1) / 2, (1 / 3 + 0) / 2, 0 }, 'false acceptance rates')
   tester:eq(frrs:nElement(), 3)
   tester:eq(fars:nElement(), 3)
end

function tests.printingAndZero()
   local cm = filled()
   local text = tostring(cm)
   tester:assert(text:find('^ConfusionMatrix:\n') ~= nil, text)
   tester:assert(text:find('[class: dog]', 1, true) ~= nil, 'class names are shown')
   tester:assert(text:find('global correct: ', 1, true) ~= nil, 'global accuracy is shown')
   cm:zero()
   tester:eq(cm.mat:sum(), 0)
   tester:eq(cm.totalValid, 0)
end

tester:add(tests)
return tester
