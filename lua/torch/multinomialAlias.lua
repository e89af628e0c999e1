-- Walker's alias method for drawing many samples from one discrete distribution:
-- torch.multinomialAliasSetup(probs [, state]) and torch.multinomialAlias(output, state).
-- As in Torch7, `state` is {J, q}: J a LongTensor of 1-based alias indices (1 where a
-- column has no alias), q the acceptance probabilities.
local torch = ...

local function checkProbs(probs, where)
   if not torch.isTensor(probs) or probs:dim() ~= 1 then
      error(where .. ': expected a 1-D tensor of probabilities', 3)
   end
   local tn = probs:type()
   if tn ~= 'torch.DoubleTensor' and tn ~= 'torch.FloatTensor' then
      error(where .. ': probabilities must be a DoubleTensor or a FloatTensor, got ' .. tn, 3)
   end
end

--[[ Build the alias tables of the distribution `probs` (summing to 1).
ARGS: probs (1-D Float/Double tensor), state (optional {J, q} whose tensors are reused)
RETURN: state {J (LongTensor), q (tensor of probs' type)} ]]
function torch.multinomialAliasSetup(probs, state)
   checkProbs(probs, 'torch.multinomialAliasSetup')
   local n = probs:size(1)
   state = type(state) == 'table' and state or {}
   local J = torch.isTensor(state[1]) and state[1] or torch.LongTensor()
   local q = torch.isTensor(state[2]) and state[2] or probs.new()
   J:resize(n):zero()
   q:resize(n)
   local smaller, larger = {}, {}
   for i = 1, n do
      local v = n * probs[i]
      q[i] = v
      if v < 1 then smaller[#smaller + 1] = i else larger[#larger + 1] = i end
   end
   -- Pair each small column with a large one that gives it the rest of its mass.
   while #smaller > 0 and #larger > 0 do
      local large, small = larger[#larger], smaller[#smaller]
      J[small] = large
      q[large] = q[large] - (1 - q[small])
      if q[large] < 1 then
         smaller[#smaller] = large
         larger[#larger] = nil
      else
         smaller[#smaller] = nil
      end
   end
   local qmin, qmax = math.huge, -math.huge
   for i = 1, n do
      qmin = math.min(qmin, q[i])
      qmax = math.max(qmax, q[i])
   end
   if not (qmin > 0) then   -- luacheck: ignore 581 (also true for NaN)
      error('torch.multinomialAliasSetup: probabilities must be positive (q_min is ' ..
         tostring(qmin) .. ')', 2)
   end
   if qmax > 1 then q:div(qmax) end
   for i = 1, n do
      if J[i] <= 1 then
         J[i] = 1
         q[i] = 1   -- a column without an alias always keeps its own index
      end
   end
   return { J, q }
end

--[[ Fill the LongTensor `output` with samples (1-based) drawn with the alias tables `state`.
ARGS: output (LongTensor), state ({J, q} from torch.multinomialAliasSetup), gen (optional)
RETURN: output ]]
function torch.multinomialAlias(output, state, gen)
   if not torch.isTensor(output) or output:type() ~= 'torch.LongTensor' then
      error('torch.multinomialAlias: expected a LongTensor to fill', 2)
   end
   if type(state) ~= 'table' or not torch.isTensor(state[1]) or not torch.isTensor(state[2]) then
      error('torch.multinomialAlias: expected the state {J, q} of torch.multinomialAliasSetup', 2)
   end
   local J, q = state[1], state[2]
   local k = J:nElement()
   if k == 0 or q:nElement() ~= k then
      error('torch.multinomialAlias: J and q must be non-empty and of equal size', 2)
   end
   local flat = output:view(output:nElement())
   for i = 1, flat:nElement() do
      local col = math.floor(gen and torch.uniform(gen, 0, k) or torch.uniform(0, k))
      local keep = gen and torch.bernoulli(gen, q[col + 1]) or torch.bernoulli(q[col + 1])
      -- Torch7's C code stored the alias's 0-based index here, one less than the column it
      -- meant; the column itself is returned, so samples follow `probs`.
      if keep == 1 then flat[i] = col + 1 else flat[i] = J[col + 1] end
   end
   return output
end
