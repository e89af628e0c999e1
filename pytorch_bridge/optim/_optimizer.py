"""The optimizer base class: parameter groups, per-parameter state, ``zero_grad``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from .._tensor import Tensor


class Optimizer:
    """Base class: subclasses set ``defaults`` and define ``_update(p, grad, group, state)``.

    Args:
        params: tensors, or dicts with a ``params`` list and per-group settings.
        defaults: the settings of groups that do not give their own.
    """

    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        self.state: dict[int, dict[str, Any]] = {}
        self._scratch: dict[tuple[Any, Any], Any] = {}
        self.param_groups: list[dict[str, Any]] = []
        items = list(params)
        if not items:
            raise ValueError("the optimizer got an empty parameter list")
        groups = items if isinstance(items[0], dict) else [{"params": items}]
        for g in groups:
            self.add_param_group(g)

    def add_param_group(self, group: dict[str, Any]) -> None:
        """Add a group of parameters with its own settings."""
        g = dict(self.defaults)
        g.update(group)
        g["params"] = list(group["params"])
        for p in g["params"]:
            if not isinstance(p, Tensor):
                raise TypeError(f"optimizers take tensors, got {type(p).__name__}")
        self.param_groups.append(g)

    def _params(self) -> list[Tensor]:
        return [p for g in self.param_groups for p in g["params"]]

    def zero_grad(self) -> None:
        """Zero every gradient in place (it may be memory shared with a Lua module)."""
        from ..nn import sync

        ps = self._params()
        sync(ps)
        for p in ps:
            if p.grad is not None:
                p.grad._array.fill(0)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """Update every parameter that has a gradient; ``closure`` recomputes the loss.

        Returns:
            The closure's loss, or None.
        """
        from ..nn import sync

        loss = closure() if closure is not None else None
        sync(self._params())
        for g in self.param_groups:
            for p in g["params"]:
                if p.grad is None:
                    continue
                state = self.state.setdefault(id(p), {})
                self._update(p._array, p.grad._array, g, state)
                p._vc[0] += 1
        return loss

    def _work(self, x: Any) -> Any:
        """A scratch array shaped like parameter array ``x``, kept between steps.

        Updates write intermediate terms into it instead of allocating a temporary the
        size of the parameter at every step. Parameters are updated one at a time, so one
        array per shape and dtype serves them all, and rebinding a parameter (Lua
        ``getParameters``) leaves nothing behind.
        """
        key = (x.shape, x.dtype)
        w = self._scratch.get(key)
        if w is None:
            w = np.empty_like(x, order="C")
            self._scratch[key] = w
        return w

    def _update(self, x: Any, grad: Any, group: dict[str, Any], state: dict[str, Any]) -> None:
        raise NotImplementedError
