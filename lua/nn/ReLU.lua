local ReLU, parent = torch.class('nn.ReLU', 'nn.Threshold')

--[[ y = max(0, x): a Threshold with threshold 0 and value 0.
ARGS: p (boolean: in place, default false) ]]
function ReLU:__init(p)
   parent.__init(self, 0, 0, p)
end
