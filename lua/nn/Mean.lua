local Mean, parent = torch.class('nn.Mean', 'nn.Sum')

--[[ Mean over `dimension`: nn.Sum with sizeAverage, kept for older scripts and files.
ARGS: dimension (default 1), nInputDims (number or nil) ]]
function Mean:__init(dimension, nInputDims)
   parent.__init(self, dimension, nInputDims, true)
end
