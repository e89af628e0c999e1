local Min, _ = torch.class('nn.Min', 'nn.Max')

--[[ Smallest value along `dimension`; everything else as nn.Max.
ARGS: dimension (number, default 1), nInputDims (number or nil) ]]

-- The reduction this class applies.
Min._reduce = torch.min
