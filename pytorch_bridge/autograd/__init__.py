"""The define-by-run tape: grad mode, the ``Function`` base class, the engine and the
operations, grouped by family in the ``ops_*`` modules."""

from __future__ import annotations

from .. import _tensor  # noqa: F401 - defines Tensor before the modules below import it
from ..errors import AutogradError
from .engine import backward, grad
from .function import (
    Function,
    enable_grad,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
    unbroadcast,
)
from .gradcheck import gradcheck

__all__ = [
    "AutogradError",
    "Function",
    "backward",
    "enable_grad",
    "grad",
    "gradcheck",
    "is_grad_enabled",
    "no_grad",
    "set_grad_enabled",
    "unbroadcast",
]
