"""Stochastic gradient descent, step for step as Lua ``optim.sgd``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from ._optimizer import Optimizer


class SGD(Optimizer):
    """SGD with weight decay, momentum (classic or Nesterov) and learning-rate decay.

    Each step: ``g = grad + weight_decay * x``; with momentum the buffer starts as ``g``
    and then becomes ``momentum * buf + (1 - dampening) * g``; the step direction is the
    buffer (or ``g + momentum * buf`` with Nesterov); ``x -= lr / (1 + t * lr_decay) * d``
    with ``t`` the number of earlier steps. Lua ``optim.sgd`` with ``learningRate``,
    ``learningRateDecay``, ``weightDecay``, ``momentum``, ``dampening`` and ``nesterov``
    set to the same values gives the same trajectory. Unlike Lua, ``dampening`` defaults
    to 0 (Lua defaults it to ``momentum``).
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        momentum: float = 0.0,
        dampening: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
        lr_decay: float = 0.0,
    ) -> None:
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum needs momentum > 0 and dampening = 0")
        super().__init__(
            params,
            {
                "lr": lr,
                "momentum": momentum,
                "dampening": dampening,
                "weight_decay": weight_decay,
                "nesterov": nesterov,
                "lr_decay": lr_decay,
            },
        )

    def _update(self, x: Any, grad: Any, group: dict[str, Any], state: dict[str, Any]) -> None:
        t = state.get("step", 0)
        d = grad
        if group["weight_decay"]:
            d = grad + group["weight_decay"] * x
        mom = group["momentum"]
        if mom:
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = np.array(d, copy=True)
                state["momentum_buffer"] = buf
            else:
                buf *= mom
                damp = group["dampening"]
                if damp:
                    buf += (1 - damp) * d
                else:
                    buf += d  # (1 - 0) * d is d, bit for bit
            d = d + mom * buf if group["nesterov"] else buf
        clr = group["lr"] / (1 + t * group["lr_decay"])
        x -= np.multiply(d, clr, out=self._work(x))
        state["step"] = t + 1
