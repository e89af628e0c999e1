-- Torch7's `nngraph` package: calling a module on nodes (`nn.Linear(4, 6)(x)`,
-- luacheck: globals graph nngraph
-- `nn.Identity()()`) declares a graph, and nn.gModule(inputs, outputs) runs it.
require 'nn'
require 'graph'

nngraph = nngraph or {}
package.loaded.nngraph = nngraph

-- Run nngraph/<name>.lua with the given values as its `...`.
local function load(name, ...)
   local path = package.searchpath('nngraph.' .. name, package.path)
   if not path then error('nngraph: missing library file nngraph/' .. name .. '.lua') end
   return assert(loadfile(path))(...)
end

local utils = load('utils')
local nesting = load('nesting')
nngraph.utils, nngraph.nesting = utils, nesting
load('node', utils)
load('gmodule', utils, nesting, load('gmodule_build', utils))
load('gmodule_methods')
load('JustElement')
load('JustTable')
load('ModuleFromCriterion')
load('nest')
load('graphinspecting')

local Module = torch.getmetatable('nn.Module')
local Node = torch.getmetatable('nngraph.Node')

-- Whether calling a module with no argument reaches __call__ with one nil argument (then
-- `m()` and `m(nil)` cannot be told apart).
local callPadsNil = setmetatable({ __call__ = function(_, ...) return select('#', ...) end },
   Module)() == 1

--[[ Calling a module on nodes declares a graph node: `m(x)`, `m({x, y})` (inputs in
order), `m()` (no input: a graph input). The module's forward is not run.
ARGS: input (nngraph.Node, list of them, or nothing) RETURN: nngraph.Node ]]
function Module:__call__(...)
   local nArgs = select('#', ...)
   if nArgs > 1 then
      error(torch.type(self) .. ': Use {input1, input2} to pass multiple inputs.', 2)
   end
   local input = ...
   if nArgs == 1 and input == nil and not callPadsNil then
      error(torch.type(self) .. ': ' .. utils.expectingNodeErrorMessage(input, 'inputs', 1), 2)
   end
   if type(input) == 'table' and next(input) == nil then
      error(torch.type(self) .. ': cannot pass an empty table of inputs. To indicate no '
         .. 'incoming connections, leave the second set of parens blank.', 2)
   end
   if not utils.istable(input) then input = { input } end
   local node = nngraph.Node({ module = self })
   for i = 1, utils.tableMaxN(input) do
      if torch.typename(input[i]) ~= 'nngraph.Node' then
         error(torch.type(self) .. ': '
            .. utils.expectingNodeErrorMessage(input[i], 'inputs', i), 2)
      end
      node:add(input[i], true)
   end
   return node
end

--[[ Calling a criterion on nodes {prediction, target} declares a node of its
nn.ModuleFromCriterion. RETURN: nngraph.Node ]]
torch.getmetatable('nn.Criterion').__call__ = function(self, ...)
   return nn.ModuleFromCriterion(self)(...)
end

--[[ `-m` is `m()`: a node without input. ]]
function Module.__unm__(m)
   return m()
end

--[[ `a - m` is `m(a)`, so `x - nn.Linear(4, 6) - nn.Tanh()` chains nodes. ]]
function Module.__sub__(prev, nextModule)
   return nextModule(prev)
end

function Node.__sub__(prev, nextModule)
   return nextModule(prev)
end

return nngraph
