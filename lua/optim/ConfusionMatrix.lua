local ConfusionMatrix = torch.class('optim.ConfusionMatrix')

--[[ A confusion matrix for classification: `mat[target][prediction]` counts samples.

ARGS:
- `nclasses`: the number of classes, or a list of class names (then `classes` is ignored)
- `classes`: optional list of class names, used when printing

RETURN: the matrix, with fields `mat` (LongTensor), `valids`, `unionvalids` (per-class
rates), `totalValid`, `averageValid`, `nclasses`, `classes`
]]
function ConfusionMatrix:__init(nclasses, classes)
   if type(nclasses) == 'table' then
      classes, nclasses = nclasses, #nclasses
   end
   self.mat = torch.LongTensor(nclasses, nclasses):zero()
   self.valids = torch.FloatTensor(nclasses):zero()
   self.unionvalids = torch.FloatTensor(nclasses):zero()
   self.nclasses = nclasses
   self.totalValid = 0
   self.averageValid = 0
   self.classes = classes or {}
   self._mat_flat = self.mat:view(-1)
   self._target = torch.FloatTensor()
   self._prediction = torch.FloatTensor()
   self._max = torch.FloatTensor()
   self._pred_idx = torch.LongTensor()
   self._targ_idx = torch.LongTensor()
end

-- Count one (prediction, target) pair of class numbers; targets below 1 are skipped.
function ConfusionMatrix:_add(p, t)
   assert(type(p) == 'number', 'optim.ConfusionMatrix: the prediction must be a number')
   assert(type(t) == 'number', 'optim.ConfusionMatrix: the target must be a number')
   if t > 0 then
      self.mat[t][p] = self.mat[t][p] + 1
   end
end

--[[ Count one sample.
ARGS: `prediction` (class number, or 1-D tensor of scores), `target` (class number, or
1-D tensor whose largest entry marks the class) ]]
function ConfusionMatrix:add(prediction, target)
   if type(prediction) == 'number' then
      return self:_add(prediction, target)
   end
   self._prediction:resize(prediction:size()):copy(prediction)
   assert(prediction:dim() == 1, 'optim.ConfusionMatrix: the prediction must be 1-D')
   torch.max(self._max, self._pred_idx, self._prediction, 1)
   if type(target) == 'number' then
      return self:_add(self._pred_idx[1], target)
   end
   assert(target:dim() == 1, 'optim.ConfusionMatrix: the target must be 1-D')
   self._target:resize(target:size()):copy(target)
   torch.max(self._max, self._targ_idx, self._target, 1)
   self:_add(self._pred_idx[1], self._targ_idx[1])
end

-- Class numbers from a vector of classes, an Nx1 matrix, or an NxK matrix of scores.
local function classesOf(self, buffer, idx, x, what)
   buffer:resize(x:size()):copy(x)
   if x:dim() == 1 then return buffer end
   if x:dim() ~= 2 then error(what .. ' has invalid number of dimensions') end
   if x:size(2) == 1 then return buffer:select(2, 1) end
   torch.max(self._max, idx, buffer, 2)
   return idx:select(2, 1)
end

--[[ Count a batch. ARGS: `predictions`, `targets`: each a vector of class numbers or a
matrix with one row of scores (or one-hot) per sample; targets below 1 are skipped. ]]
function ConfusionMatrix:batchAdd(predictions, targets)
   local preds = classesOf(self, self._prediction, self._pred_idx, predictions, 'predictions')
   local targs = classesOf(self, self._target, self._targ_idx, targets, 'targets')
   local keep = targs:ge(1)
   targs = targs[keep]
   preds = preds[keep]:typeAs(targs)
   if targs:nElement() == 0 then return end
   self._mat_flat = self._mat_flat or self.mat:view(-1)
   assert(self.mat:isContiguous() and self.mat:stride(2) == 1)
   local cells = ((targs - 1) * self.mat:stride(1) + preds):typeAs(self.mat)
   local ones = torch.ones(1):typeAs(self.mat):expand(cells:size(1))
   self._mat_flat:indexAdd(1, cells, ones)
end

--[[ Reset all counts and rates. ]]
function ConfusionMatrix:zero()
   self.mat:zero()
   self.valids:zero()
   self.unionvalids:zero()
   self.totalValid = 0
   self.averageValid = 0
end

--[[ Recompute per-class accuracy (`valids`), intersection over union (`unionvalids`), their
means over the classes where they are defined, and the global accuracy `totalValid`. ]]
function ConfusionMatrix:updateValids()
   local mat, total = self.mat, 0
   for c = 1, self.nclasses do
      local hits, row, col = mat[c][c], mat:select(1, c):sum(), mat:select(2, c):sum()
      self.valids[c] = hits / row
      self.unionvalids[c] = hits / (row + col - hits)
      total = total + hits
   end
   self.totalValid = total / mat:sum()
   local sumValid, nValid, sumUnion, nUnion = 0, 0, 0, 0
   for c = 1, self.nclasses do
      local v, u = self.valids[c], self.unionvalids[c]
      if v == v then
         sumValid, nValid = sumValid + v, nValid + 1
         if u == u then sumUnion, nUnion = sumUnion + u, nUnion + 1 end
      end
   end
   self.averageValid = sumValid / nValid
   self.averageUnionValid = sumUnion / nUnion
end

--[[ False rejection and false acceptance rates per class.
RETURN: classFrrs, classFars (one per class, -1 for classes without samples), frrs, fars
(only the classes with samples) ]]
function ConfusionMatrix:farFrr()
   local mat, n = self.mat, self.mat:size(1)
   local function fresh(name, fill)
      self[name] = self[name] or torch.zeros(n)
      return self[name]:zero():add(fill)
   end
   local frrs, fars = fresh('_frrs', 0), fresh('_fars', 0)
   local classFrrs, classFars = fresh('_classFrrs', -1), fresh('_classFars', -1)
   local counts = mat:sum(2)
   local k = 0
   for i = 1, n do
      if counts[i][1] ~= 0 then
         k = k + 1
         frrs[k] = 1 - mat[i][i] / counts[i][1]
         classFrrs[i] = frrs[k]
         local num, den = 0, 0
         for j = 1, n do
            if j ~= i and counts[j][1] ~= 0 then
               num, den = num + mat[j][i] / counts[j][1], den + 1
            end
         end
         fars[k] = num / den
         classFars[i] = fars[k]
      end
   end
   return classFrrs, classFars, frrs[{ { 1, k } }], fars[{ { 1, k } }]
end

--[[ Render the matrix as an image; needs the `image` and `qtwidget` packages. ]]
function ConfusionMatrix:render()
   error('optim.ConfusionMatrix.render: needs the image and qtwidget packages, '
      .. 'which this runtime does not provide')
end

function ConfusionMatrix:__tostring__()
   self:updateValids()
   local out = { 'ConfusionMatrix:\n', '[' }
   local n = self.nclasses
   local width = math.max(8, 1 + math.ceil(math.log10(self.mat:max())))
   local named = self.classes and self.classes[1]
   for t = 1, n do
      out[#out + 1] = t == 1 and '[' or ' ['
      for p = 1, n do
         out[#out + 1] = string.format('%' .. width .. 'd', self.mat[t][p])
      end
      local close = t == n and ']]  ' or ']   '
      out[#out + 1] = close .. string.format('%2.3f', self.valids[t] * 100) .. '% '
      out[#out + 1] = (named and ('\t[class: ' .. (self.classes[t] or '') .. ']') or '') .. '\n'
   end
   out[#out + 1] = ' + average row correct: ' .. (self.averageValid * 100) .. '% \n'
   out[#out + 1] = ' + average rowUcol correct (VOC measure): '
      .. (self.averageUnionValid * 100) .. '% \n'
   out[#out + 1] = ' + global correct: ' .. (self.totalValid * 100) .. '%'
   return table.concat(out)
end
