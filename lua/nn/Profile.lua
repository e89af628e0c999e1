local Profile, parent = torch.class('nn.Profile', 'nn.Decorator')

--[[ Wrap `module` and time its forward and backward passes: every print_interval calls of
updateOutput (updateGradInput) it prints the wall-clock seconds those calls took, then
starts counting again. ARGS: module, print_interval (number, default 100), name (string,
default the module's type) ]]
function Profile:__init(module, print_interval, name)
   parent.__init(self, module)
   self.print_interval = print_interval or 100
   if type(self.print_interval) ~= 'number' or self.print_interval < 1 then
      error('nn.Profile: print_interval must be a positive number', 2)
   end
   self.name = name or torch.type(module)
   self.module = module
   self.numFwds = 0
   self.numBwds = 0
   self.summedFwdTime = 0
   self.summedBwdTime = 0
   self.timer = torch.Timer()
end

function Profile:updateOutput(input)
   self.timer:reset()
   self.output = self.module:updateOutput(input)
   self.summedFwdTime = self.summedFwdTime + self.timer:time().real
   self.numFwds = self.numFwds + 1
   if self.numFwds % self.print_interval == 0 then
      print(string.format('%s took %.3f seconds for %d forward passes', self.name,
         self.summedFwdTime, self.print_interval))
      self.numFwds, self.summedFwdTime = 0, 0
   end
   return self.output
end

function Profile:updateGradInput(input, gradOutput)
   self.timer:reset()
   self.gradInput = self.module:updateGradInput(input, gradOutput)
   self.summedBwdTime = self.summedBwdTime + self.timer:time().real
   self.numBwds = self.numBwds + 1
   if self.numBwds % self.print_interval == 0 then
      print(string.format('%s took %.3f seconds for %d backward passes', self.name,
         self.summedBwdTime, self.print_interval))
      self.numBwds, self.summedBwdTime = 0, 0
   end
   return self.gradInput
end

-- Once nn is loaded a torch.Timer is written with no payload and read back as a new timer,
-- running from the moment it is read: files holding an nn.Profile stay readable by Torch7
-- and Torch7's files by us, and clones get timers of their own.
do
   local timerClass = torch.getmetatable('torch.Timer')
   timerClass.write = function() end
   timerClass.read = function(timer) timerClass.__init(timer) end
end
