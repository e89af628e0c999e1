"""Argument checks shared by the kernels; they raise ShapeError or DTypeError."""

from __future__ import annotations

from typing import Any

from ..errors import DTypeError, ShapeError


def same_shape(where: str, name_a: str, a: Any, name_b: str, b: Any) -> None:
    """Raise ShapeError unless ``a`` and ``b`` have the same shape."""
    if a.shape != b.shape:
        raise ShapeError(
            f"{where}: {name_a} has shape {tuple(a.shape)} but {name_b} has shape {tuple(b.shape)}"
        )


def same_numel(where: str, name_a: str, a: Any, name_b: str, b: Any) -> None:
    """Raise ShapeError unless ``a`` and ``b`` have the same number of elements."""
    if a.size != b.size:
        raise ShapeError(
            f"{where}: {name_a} has {a.size} elements (shape {tuple(a.shape)}) but {name_b} "
            f"has {b.size} (shape {tuple(b.shape)})"
        )


def ndim_in(where: str, name: str, a: Any, allowed: tuple[int, ...]) -> None:
    """Raise ShapeError unless ``a`` has one of the ``allowed`` numbers of dimensions."""
    if a.ndim not in allowed:
        dims = " or ".join(f"{d}-D" for d in allowed)
        raise ShapeError(f"{where}: {name} must be {dims}, got shape {tuple(a.shape)}")


def integer_dtype(where: str, name: str, a: Any) -> None:
    """Raise DTypeError unless ``a`` holds integers."""
    if a.dtype.kind not in "iu":
        raise DTypeError(f"{where}: {name} must be an integer tensor, got {a.dtype}")
