"""``pytorch_bridge.nn.Module``: the base class of modules written in Python.

A subclass sets its parameters and sub-modules as attributes in ``__init__`` and writes
``forward`` with tape operations. Parameters are leaf tensors that require grad (make one
with :func:`Parameter`); attributes holding modules (Python ones or Lua proxies) become
children. Names follow attribute names joined by dots (``fc.weight``); children of Lua
containers are numbered from 0 (``0.weight``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import numpy as np

from .._tensor import Tensor, new_tensor
from ..errors import ShapeError


def Parameter(data: Any, requires_grad: bool = True) -> Tensor:  # noqa: N802 - PyTorch's name
    """A leaf tensor holding ``data`` (shared when it is a Tensor or array) that requires grad."""
    array = data._array if isinstance(data, Tensor) else np.asarray(data)
    t = new_tensor(array)
    t.requires_grad = requires_grad
    return t


class Module:
    """Base class of Python modules; see the module docstring."""

    training: bool
    _parameters: OrderedDict[str, Tensor]
    _modules: OrderedDict[str, Module]
    _buffers: OrderedDict[str, Any]

    def __init__(self) -> None:
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "training", True)

    def __setattr__(self, name: str, value: Any) -> None:
        params = self.__dict__.get("_parameters")
        if params is None:
            raise AttributeError("call Module.__init__() before setting attributes")
        params.pop(name, None)
        self._modules.pop(name, None)
        if isinstance(value, Module):
            self._modules[name] = value
        elif isinstance(value, Tensor) and value.requires_grad and value.is_leaf:
            params[name] = value
        object.__setattr__(self, name, value)

    def register_parameter(self, name: str, param: Tensor | None) -> None:
        """Add ``param`` (a leaf tensor) under ``name``."""
        setattr(self, name, param)
        if param is not None:
            self._parameters[name] = param

    def register_buffer(self, name: str, tensor: Tensor) -> None:
        """Add a tensor that is saved in ``state_dict`` but is not a parameter."""
        object.__setattr__(self, name, tensor)
        self._buffers[name] = tensor

    def add_module(self, name: str, module: Module) -> None:
        """Add a child module under ``name``."""
        setattr(self, name, module)

    def forward(self, *args: Any) -> Any:
        """Compute the output; subclasses define it with tape operations."""
        raise NotImplementedError(f"{type(self).__name__} does not define forward")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    # -- structure ---------------------------------------------------------------------
    def named_children(self) -> Iterator[tuple[str, Module]]:
        """The direct sub-modules with their names."""
        yield from self._modules.items()

    def children(self) -> Iterator[Module]:
        """The direct sub-modules."""
        for _, m in self.named_children():
            yield m

    def modules(self) -> Iterator[Module]:
        """This module and all its descendants, parents first."""
        yield self
        for c in self.children():
            yield from c.modules()

    def _own_parameters(self) -> Iterator[tuple[str, Tensor]]:
        yield from self._parameters.items()

    def named_parameters(self, prefix: str = "") -> Iterator[tuple[str, Tensor]]:
        """``(name, parameter)`` pairs, own parameters first, each tensor once."""
        seen: dict[int, Tensor] = {}
        for name, p in self._named_parameters(prefix):
            if id(p) not in seen:
                seen[id(p)] = p
                yield name, p

    def _named_parameters(self, prefix: str) -> Iterator[tuple[str, Tensor]]:
        for name, p in self._own_parameters():
            yield prefix + name, p
        for cname, c in self.named_children():
            yield from c._named_parameters(f"{prefix}{cname}.")

    def parameters(self) -> Iterator[Tensor]:
        """The parameters (tensors sharing memory with the module's own)."""
        for _, p in self.named_parameters():
            yield p

    def _own_buffers(self) -> Iterator[tuple[str, Tensor]]:
        yield from self._buffers.items()

    def zero_grad(self) -> None:
        """Set every parameter gradient to zero, in place."""
        for m in self.children():
            m.zero_grad()
        for _, p in self._own_parameters():
            if p.grad is not None:
                p.grad._array.fill(0)

    def train(self, mode: bool = True) -> Module:
        """Set training mode here and in all descendants; returns self."""
        object.__setattr__(self, "training", bool(mode))
        for c in self.children():
            c.train(mode)
        return self

    def eval(self) -> Module:
        """Evaluation mode (``train(False)``); returns self."""
        return self.train(False)

    # -- state -------------------------------------------------------------------------
    def state_dict(self, prefix: str = "") -> OrderedDict[str, Tensor]:
        """Parameters and buffers by name, as tensors sharing their memory."""
        out: OrderedDict[str, Tensor] = OrderedDict()
        self._state(prefix, out)
        return out

    def _state(self, prefix: str, out: OrderedDict[str, Tensor]) -> None:
        for name, p in self._own_parameters():
            out[prefix + name] = p.detach()
        for name, t in self._own_buffers():
            out[prefix + name] = t.detach() if isinstance(t, Tensor) else new_tensor(t)
        for cname, c in self.named_children():
            c._state(f"{prefix}{cname}.", out)

    def load_state_dict(self, state: Any, strict: bool = True) -> None:
        """Copy the values of ``state`` into the parameters and buffers of the same names.

        Raises:
            KeyError: with ``strict``, when names are missing or unexpected.
            ShapeError: when a value's shape differs from the parameter's.
        """
        own = self.state_dict()
        missing = [k for k in own if k not in state]
        extra = [k for k in state if k not in own]
        if strict and (missing or extra):
            raise KeyError(f"load_state_dict: missing {missing}, unexpected {extra}")
        for k, dst in own.items():
            if k not in state:
                continue
            v = state[k]
            src = v._array if isinstance(v, Tensor) else np.asarray(v)
            if src.shape != dst._array.shape:
                raise ShapeError(
                    f"load_state_dict: {k} has shape {dst._array.shape}, the value {src.shape}"
                )
            np.copyto(dst._array, src, casting="unsafe")
            dst._vc[0] += 1

    def __repr__(self) -> str:
        lines = [f"{type(self).__name__}("]
        for name, c in self.named_children():
            body = repr(c).replace("\n", "\n  ")
            lines.append(f"  ({name}): {body}")
        return "\n".join(lines) + ")" if len(lines) > 1 else f"{type(self).__name__}()"
