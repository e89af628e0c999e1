"""LAPACK's QR family (THTensor geqrf, orgqr, ormqr and Torch7's qr); the conventions of
``lapack.py`` hold. Householder reflectors are applied here, one vectorized step each.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ShapeError
from . import kernel


def apply_reflectors(h: Any, tau: Any, x: Any, transpose: bool) -> None:
    """Overwrite ``x`` (m-by-c) by ``Q x`` (or ``Q^T x``), Q = H(1) ... H(k) given by the
    Householder vectors below the diagonal of ``h`` and their factors ``tau``."""
    order = range(len(tau)) if transpose else reversed(range(len(tau)))
    for i in order:
        v = h[i:, i].copy()
        v[0] = 1
        x[i:] -= tau[i] * np.outer(v, v @ x[i:])


@kernel
def lapack_geqrf(a: Any, tau: Any) -> int:
    """QR factorization in LAPACK's compact form (THTensor geqrf): ``a`` (m-by-n) gets R on
    and above its diagonal and the Householder vectors below it, ``tau`` (min(m, n)) their
    factors.

    Returns:
        0.
    """
    h, t = np.linalg.qr(a, mode="raw")
    a[...] = h.T
    tau[...] = t
    return 0


@kernel
def lapack_qr(a: Any, q: Any, r: Any) -> int:
    """QR decomposition ``A = Q R`` (THTensor qr): ``q`` m-by-k with orthonormal columns,
    ``r`` k-by-n upper triangular, k = min(m, n).

    Returns:
        0.
    """
    qq, rr = np.linalg.qr(a)
    q[...] = qq
    r[...] = rr
    return 0


@kernel
def lapack_orgqr(a: Any, tau: Any) -> int:
    """The first k = len(tau) columns of Q from geqrf's compact form, into ``a``'s first k
    columns (THTensor orgqr).

    Raises:
        ShapeError: when ``a`` has fewer than k columns or rows.
    """
    m, n = a.shape
    k = tau.shape[0]
    if k > n or k > m:
        raise ShapeError(f"orgqr: {k} reflectors do not fit a {m}x{n} matrix")
    q = np.eye(m, k, dtype=a.dtype)
    apply_reflectors(a, tau, q, transpose=False)
    a[:, :k] = q
    return 0


@kernel
def lapack_ormqr(a: Any, tau: Any, c: Any, side: str, trans: str) -> int:
    """Multiply ``c`` in place by Q from geqrf's compact form in ``a`` and ``tau``
    (THTensor ormqr): Q c, Q^T c ('L' with 'N' or 'T') or c Q, c Q^T ('R').

    Raises:
        ShapeError: when ``a`` and ``c`` do not fit.
    """
    rows = c.shape[0] if side == "L" else c.shape[1]
    if a.shape[0] != rows or tau.shape[0] > min(a.shape):
        raise ShapeError(
            f"ormqr: reflectors of shape {tuple(a.shape)} ({tau.shape[0]} of them) do not "
            f"fit a matrix of shape {tuple(c.shape)} multiplied on the {side} side"
        )
    work = np.array(c if side == "L" else c.T)
    apply_reflectors(a, tau, work, transpose=(trans == "T") == (side == "L"))
    c[...] = work if side == "L" else work.T
    return 0
