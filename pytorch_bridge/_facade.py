"""The define-by-run face of pytorch_bridge: tensor constructors, the shared random
stream, and the tape operations under their public names.

Random tensors are drawn by the Lua ``torch`` generator (Torch7's Mersenne Twister), so
``manual_seed(s)`` here and ``torch.manualSeed(s)`` in Lua seed one and the same stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from . import functional
from ._tensor import Tensor, new_tensor
from .autograd import (
    AutogradError,
    enable_grad,
    gradcheck,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
)
from .autograd.ops_index import gather, where
from .autograd.ops_pointwise import matmul, pow
from .autograd.ops_reduce import logsumexp, max, mean, min, sum
from .autograd.ops_shape import (
    cat,
    chunk,
    expand,
    permute,
    reshape,
    split,
    squeeze,
    stack,
    transpose,
    unsqueeze,
)
from .autograd.ops_unary import abs, clamp, exp, log, neg, relu, sigmoid, sqrt, tanh
from .backend import torch_type_of
from .runtime import get_runtime

_DEFAULT = [np.dtype(np.float32)]


def get_default_dtype() -> np.dtype[Any]:
    """The dtype of floating-point tensors made without one (float32 to start with)."""
    return _DEFAULT[0]


def set_default_dtype(dtype: Any) -> None:
    """Set the dtype that constructors give floating-point data (float32 or float64)."""
    d = np.dtype(dtype)
    if d.kind != "f":
        raise TypeError(f"the default dtype must be floating point, got {d}")
    _DEFAULT[0] = d


def _sizes(size: tuple[Any, ...]) -> tuple[int, ...]:
    if len(size) == 1 and isinstance(size[0], Sequence):
        return tuple(int(n) for n in size[0])
    return tuple(int(n) for n in size)


def _finish(a: Any, requires_grad: bool) -> Tensor:
    t = new_tensor(a)
    if requires_grad:
        t.requires_grad = True
    return t


def tensor(data: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """A tensor holding a copy of ``data`` (nested lists, numbers, arrays or a tensor).

    Floating-point data gets the default dtype unless ``dtype`` is given; integers int64.
    """
    src = data._array if isinstance(data, Tensor) else data
    a = np.array(src, dtype=dtype)
    if dtype is None and a.dtype.kind == "f" and not isinstance(src, np.ndarray):
        a = a.astype(_DEFAULT[0])
    return _finish(a, requires_grad)


def as_tensor(array: Any, dtype: Any = None) -> Tensor:
    """A tensor sharing ``array``'s memory (numpy's ``asarray``: no copy when it fits)."""
    if isinstance(array, Tensor):
        return array if dtype is None or np.dtype(dtype) == array.dtype else array.to(dtype)
    return new_tensor(np.asarray(array, dtype=dtype))


def _dtype(dtype: Any) -> np.dtype[Any]:
    return _DEFAULT[0] if dtype is None else np.dtype(dtype)


def zeros(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """A tensor of zeros of the given sizes."""
    return _finish(np.zeros(_sizes(size), _dtype(dtype)), requires_grad)


def ones(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """A tensor of ones of the given sizes."""
    return _finish(np.ones(_sizes(size), _dtype(dtype)), requires_grad)


def empty(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """An uninitialised tensor of the given sizes."""
    return _finish(np.empty(_sizes(size), _dtype(dtype)), requires_grad)


def full(
    size: Sequence[int], fill_value: float, dtype: Any = None, requires_grad: bool = False
) -> Tensor:
    """A tensor of ``size`` filled with ``fill_value``."""
    return _finish(np.full(tuple(size), fill_value, _dtype(dtype)), requires_grad)


def zeros_like(t: Tensor, dtype: Any = None) -> Tensor:
    """Zeros of ``t``'s shape (and dtype unless given)."""
    return new_tensor(np.zeros(t.shape, t.dtype if dtype is None else dtype))


def ones_like(t: Tensor, dtype: Any = None) -> Tensor:
    """Ones of ``t``'s shape (and dtype unless given)."""
    return new_tensor(np.ones(t.shape, t.dtype if dtype is None else dtype))


def arange(
    start: float,
    end: float | None = None,
    step: float = 1,
    dtype: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """Values from ``start`` (0 when only one bound is given) up to ``end``, excluded."""
    if end is None:
        start, end = 0, start
    ints = all(isinstance(v, (int, np.integer)) for v in (start, end, step))
    kind = np.dtype(np.int64) if ints and dtype is None else _dtype(dtype)
    return _finish(np.arange(start, end, step, dtype=kind), requires_grad)


_LUA_DRAW = """
local tname, dist, n, a = ...
local t = torch[tname](n)
if dist == 'uniform' then t:uniform() elseif dist == 'normal' then t:normal()
else t:bernoulli(a) end
return t
"""


def draw(dist: str, shape: tuple[int, ...], dtype: Any, arg: float = 0.5) -> Any:
    """An array of ``shape`` drawn by the Lua generator: 'uniform' in [0, 1), 'normal'
    (mean 0, std 1) or 'bernoulli' (1 with probability ``arg``), in row-major order."""
    from ._interop import to_numpy

    d = np.dtype(dtype)
    n = int(np.prod(shape))
    if n == 0:
        return np.zeros(shape, d)
    lua = get_runtime().execute(_LUA_DRAW, f"{torch_type_of(d)}Tensor", dist, n, arg)
    return to_numpy(lua).reshape(shape)


def rand(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """Uniform numbers in [0, 1) from the generator Lua's ``torch.rand`` uses."""
    return _finish(draw("uniform", _sizes(size), _dtype(dtype)), requires_grad)


def randn(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """Standard normal numbers from the generator Lua's ``torch.randn`` uses."""
    return _finish(draw("normal", _sizes(size), _dtype(dtype)), requires_grad)


def manual_seed(seed: int) -> None:
    """Seed the random stream shared with Lua (``torch.manualSeed(seed)``)."""
    get_runtime().execute("torch.manualSeed(...)", int(seed))


def initial_seed() -> int:
    """The seed the shared random stream started from (``torch.initialSeed()``)."""
    return int(get_runtime().execute("return torch.initialSeed()"))


__all__ = [
    "AutogradError", "Tensor", "abs", "arange", "as_tensor", "cat", "chunk", "clamp",
    "empty", "enable_grad", "exp", "expand", "full", "functional", "gather",
    "get_default_dtype", "gradcheck", "initial_seed", "is_grad_enabled", "log", "logsumexp",
    "manual_seed", "matmul", "max", "mean", "min", "neg", "no_grad", "ones", "ones_like",
    "permute", "pow", "rand", "randn", "relu", "reshape", "set_default_dtype",
    "set_grad_enabled", "sigmoid", "split", "sqrt", "squeeze", "stack", "sum", "tanh",
    "tensor", "transpose", "unsqueeze", "where", "zeros", "zeros_like",
]  # fmt: skip
