local Threshold, parent = torch.class('nn.Threshold', 'nn.Module')
local S = nn._small

--[[ y = x where x > th, else v.
ARGS: th (number, default 1e-6), v (number, default 0), ip (boolean: in place, default false) ]]
function Threshold:__init(th, v, ip)
   parent.__init(self)
   self.threshold = th or 1e-6
   self.val = v or 0
   if (th and type(th) ~= 'number') or (v and type(v) ~= 'number') then
      error('nn.Threshold(threshold, value): threshold and value must be numbers', 2)
   end
   self.inplace = ip or false
   if ip and type(ip) ~= 'boolean' then
      error('nn.Threshold: the in-place flag must be a boolean', 2)
   end
   self:validateParameters()
end

function Threshold:updateOutput(input)
   self:validateParameters()
   if self.inplace then self.output:set(input) else self.output:resizeAs(input) end
   S.Threshold_updateOutput(input, self.output, self.threshold, self.val, self.inplace)
   return self.output
end

function Threshold:updateGradInput(input, gradOutput)
   self:validateParameters()
   if self.inplace then self.gradInput:set(gradOutput) else self.gradInput:resizeAs(input) end
   S.Threshold_updateGradInput(input, gradOutput, self.gradInput, self.threshold, self.val,
      self.inplace)
   return self.gradInput
end

--[[ In-place operation needs val <= threshold (files saved before `inplace` existed load
as not in place). ]]
function Threshold:validateParameters()
   self.inplace = self.inplace or false
   if self.inplace and self.val > self.threshold then
      error(string.format('nn.Threshold: in-place processing requires value (%s) not to '
         .. 'exceed threshold (%s)', tostring(self.val), tostring(self.threshold)))
   end
end
