local Sequential, parent = torch.class('nn.Sequential', 'nn.Container')

--[[ Modules applied one after the other; each output is the next module's input. ]]
function Sequential:__init()
   parent.__init(self)
end

function Sequential:updateOutput(input)
   local current = input
   for i = 1, #self.modules do
      current = self:rethrowErrors(self.modules[i], i, 'updateOutput', current)
   end
   self.output = current
   return current
end

function Sequential:updateGradInput(input, gradOutput)
   local current = gradOutput
   for i = #self.modules, 2, -1 do
      current = self:rethrowErrors(self.modules[i], i, 'updateGradInput',
         self.modules[i - 1].output, current)
   end
   if #self.modules > 0 then
      current = self:rethrowErrors(self.modules[1], 1, 'updateGradInput', input, current)
   end
   self.gradInput = current
   return current
end

function Sequential:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   local current = gradOutput
   for i = #self.modules, 1, -1 do
      local m = self.modules[i]
      local x = i > 1 and self.modules[i - 1].output or input
      self:rethrowErrors(m, i, 'accGradParameters', x, current, scale)
      current = m.gradInput
   end
end

function Sequential:backward(input, gradOutput, scale)
   scale = scale or 1
   local current = gradOutput
   for i = #self.modules, 1, -1 do
      local m = self.modules[i]
      local x = i > 1 and self.modules[i - 1].output or input
      current = self:rethrowErrors(m, i, 'backward', x, current, scale)
      if i > 1 then m.gradInput = current end
   end
   self.gradInput = current
   return current
end

function Sequential:accUpdateGradParameters(input, gradOutput, lr)
   local current = gradOutput
   for i = #self.modules, 1, -1 do
      local m = self.modules[i]
      local x = i > 1 and self.modules[i - 1].output or input
      self:rethrowErrors(m, i, 'accUpdateGradParameters', x, current, lr)
      current = m.gradInput
   end
end

function Sequential:__len()
   return #self.modules
end

--[[ Append `module`. RETURN: self ]]
function Sequential:add(module)
   if #self.modules == 0 then self.gradInput = module.gradInput end
   table.insert(self.modules, module)
   self.output = module.output
   return self
end

--[[ Insert `module` at position `index` (default: at the end). ]]
function Sequential:insert(module, index)
   index = index or (#self.modules + 1)
   if index > #self.modules + 1 or index < 1 then
      error('nn.Sequential.insert: index should be contiguous to existing modules', 2)
   end
   table.insert(self.modules, index, module)
   self.output = self.modules[#self.modules].output
   self.gradInput = self.modules[1].gradInput
end

--[[ Remove the module at position `index` (default: the last one). ]]
function Sequential:remove(index)
   index = index or #self.modules
   if index > #self.modules or index < 1 then
      error('nn.Sequential.remove: index out of range', 2)
   end
   table.remove(self.modules, index)
   if #self.modules > 0 then
      self.output = self.modules[#self.modules].output
      self.gradInput = self.modules[1].gradInput
   else
      self.output = torch.Tensor()
      self.gradInput = torch.Tensor()
   end
end

function Sequential:__tostring__()
   local head = { 'nn.Sequential {', '  [input' }
   for i = 1, #self.modules do head[2] = head[2] .. ' -> (' .. i .. ')' end
   head[2] = head[2] .. ' -> output]'
   for i, m in ipairs(self.modules) do
      head[#head + 1] = '  (' .. i .. '): ' .. tostring(m):gsub('\n', '\n  ')
   end
   head[#head + 1] = '}'
   return table.concat(head, '\n')
end
