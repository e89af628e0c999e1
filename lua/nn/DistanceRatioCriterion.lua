local DistanceRatioCriterion, parent = torch.class('nn.DistanceRatioCriterion', 'nn.Criterion')

--[[ Triplet loss over a pair of distances {X, Y}, X between similar and Y between
dissimilar samples: -log(exp(-X) / (exp(-X) + exp(-Y))) = X + log(exp(-X) + exp(-Y)),
summed over the samples (divided by their number with sizeAverage).
ARGS: sizeAverage (boolean, default true) ]]
function DistanceRatioCriterion:__init(sizeAverage)
   parent.__init(self)
   if sizeAverage ~= nil then self.sizeAverage = sizeAverage else self.sizeAverage = true end
end

local function checkInput(input)
   if type(input) ~= 'table' or #input ~= 2 or not torch.isTensor(input[1])
         or not torch.isTensor(input[2]) then
      error('nn.DistanceRatioCriterion: input must be a table of two tensors {X, Y}', 3)
   end
   local X, Y = input[1], input[2]
   if X:nElement() ~= Y:nElement() or X:dim() == 0 or X:size(1) ~= Y:size(1) then
      error(string.format('nn.DistanceRatioCriterion: distances X (%s) and Y (%s) ' ..
         'do not match', table.concat(X:size():totable(), 'x'),
         table.concat(Y:size():totable(), 'x')), 3)
   end
   return X, Y
end

function DistanceRatioCriterion:updateOutput(input)
   local X, Y = checkInput(input)
   self._expMinusX = self._expMinusX or X.new()
   self._expMinusY = self._expMinusY or Y.new()
   self._sumExpMinusXY = self._sumExpMinusXY or X.new()
   self._logSumExpMinusXY = self._logSumExpMinusXY or X.new()
   self.loss = self.loss or X.new()
   self._expMinusX:mul(X, -1):exp()
   self._expMinusY:mul(Y, -1):exp()
   self._sumExpMinusXY:add(self._expMinusX, self._expMinusY)
   self._logSumExpMinusXY:log(self._sumExpMinusXY)
   self.loss:add(X, self._logSumExpMinusXY)
   self.output = self.loss:sum()
   if self.sizeAverage then self.output = self.output / X:size(1) end
   return self.output
end

--[[ Gradients with respect to X and Y: 1 - exp(-X) / s and -exp(-Y) / s, with
s = exp(-X) + exp(-Y), divided by the number of samples with sizeAverage. Uses the
buffers of the last forward. RETURN: {dX, dY} ]]
function DistanceRatioCriterion:updateGradInput(input)
   local X = checkInput(input)
   if not self._sumExpMinusXY or self._sumExpMinusXY:nElement() ~= X:nElement() then
      error('nn.DistanceRatioCriterion: call forward before backward', 2)
   end
   self.dX = self.dX or X.new()
   self.dY = self.dY or X.new()
   self.dX:cdiv(self._expMinusX, self._sumExpMinusXY):mul(-1):add(1)
   self.dY:cdiv(self._expMinusY, self._sumExpMinusXY):mul(-1)
   if self.sizeAverage then
      self.dX:div(X:size(1))
      self.dY:div(X:size(1))
   end
   return { self.dX, self.dY }
end

function DistanceRatioCriterion:type(typename, tensorCache)
   if typename then
      self._expMinusX, self._expMinusY = nil, nil
      self._sumExpMinusXY, self._logSumExpMinusXY = nil, nil
      self.loss, self.dX, self.dY = nil, nil, nil
   end
   return parent.type(self, typename, tensorCache)
end
