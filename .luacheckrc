-- luacheck settings for the Torch7-compatible Lua libraries.
std = 'luajit'
globals = { 'torch', 'nn', 'optim', 'paths', 'sys', 'xlua', 'graph', 'nngraph' }
max_line_length = 100
ignore = {
   '212/self',   -- unused self in methods is normal for Torch7 method signatures
}
