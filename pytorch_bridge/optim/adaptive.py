"""Adam, RMSprop and Adagrad, step for step as Lua ``optim.adam``/``rmsprop``/``adagrad``.

The formulas are Torch7's: Adam adds ``eps`` to ``sqrt(v)`` before the bias correction
is folded into the step size (``lr * sqrt(1 - beta2^t) / (1 - beta1^t)``), which differs
slightly from PyTorch's placement of ``eps``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from ._optimizer import Optimizer


def _decayed(x: Any, grad: Any, wd: float) -> Any:
    return grad + wd * x if wd else grad


class Adam(Optimizer):
    """Adam (Kingma and Ba) as Lua ``optim.adam``: ``beta1``, ``beta2`` from ``betas``."""

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        lr_decay: float = 0.0,
    ) -> None:
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay}
        super().__init__(params, {**defaults, "lr_decay": lr_decay})

    def _update(self, x: Any, grad: Any, group: dict[str, Any], state: dict[str, Any]) -> None:
        g = _decayed(x, grad, group["weight_decay"])
        b1, b2 = group["betas"]
        if "m" not in state:
            state.update(step=0, m=np.zeros_like(x), v=np.zeros_like(x))
        t = state["step"]
        clr = group["lr"] / (1 + t * group["lr_decay"])
        t += 1
        state["step"] = t
        m, v = state["m"], state["v"]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        denom = np.sqrt(v) + group["eps"]
        x -= (clr * np.sqrt(1 - b2**t) / (1 - b1**t)) * m / denom


class RMSprop(Optimizer):
    """RMSprop as Lua ``optim.rmsprop``: ``m = alpha m + (1 - alpha) g^2``,
    ``x -= lr g / (sqrt(m) + eps)``; ``initial_mean`` is Lua's ``initialMean``."""

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        initial_mean: float = 0.0,
    ) -> None:
        defaults = {"lr": lr, "alpha": alpha, "eps": eps, "weight_decay": weight_decay}
        super().__init__(params, {**defaults, "initial_mean": initial_mean})

    def _update(self, x: Any, grad: Any, group: dict[str, Any], state: dict[str, Any]) -> None:
        g = _decayed(x, grad, group["weight_decay"])
        if "m" not in state:
            state["m"] = np.full_like(x, group["initial_mean"])
        m = state["m"]
        a = group["alpha"]
        m *= a
        m += (1 - a) * g * g
        x -= group["lr"] * g / (np.sqrt(m) + group["eps"])


class Adagrad(Optimizer):
    """Adagrad as Lua ``optim.adagrad``: ``x -= lr_t g / (sqrt(sum g^2) + 1e-10)`` with
    ``lr_t = lr / (1 + t * lr_decay)``."""

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        lr_decay: float = 0.0,
        weight_decay: float = 0.0,
        eps: float = 1e-10,
    ) -> None:
        defaults = {"lr": lr, "lr_decay": lr_decay, "weight_decay": weight_decay, "eps": eps}
        super().__init__(params, defaults)

    def _update(self, x: Any, grad: Any, group: dict[str, Any], state: dict[str, Any]) -> None:
        g = _decayed(x, grad, group["weight_decay"])
        if "sum" not in state:
            state.update(step=0, sum=np.zeros_like(x))
        t = state["step"]
        clr = group["lr"] / (1 + t * group["lr_decay"])
        s = state["sum"]
        s += g * g
        x -= clr * g / (np.sqrt(s) + group["eps"])
        state["step"] = t + 1
