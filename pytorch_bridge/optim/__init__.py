"""``pytorch_bridge.optim``: optimizers over tensors, with Lua ``optim``'s update rules.

``SGD``, ``Adam``, ``RMSprop`` and ``Adagrad`` give the same parameter trajectories as Lua
``optim.sgd``/``adam``/``rmsprop``/``adagrad`` with the same settings. Parameters may be
handles of Lua module parameters (their memory is the Lua tensors'); ``zero_grad`` zeroes
gradients in place rather than dropping them, since they are shared with Lua.
"""

from __future__ import annotations

from ._optimizer import Optimizer
from .adaptive import Adagrad, Adam, RMSprop
from .sgd import SGD

__all__ = ["Adagrad", "Adam", "Optimizer", "RMSprop", "SGD"]
