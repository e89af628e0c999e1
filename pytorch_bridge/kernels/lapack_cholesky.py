"""LAPACK's Cholesky family over numpy.linalg (THTensor potrf, potrs, potri, pstrf); the
conventions of ``lapack.py`` hold: work matrices laid out by Lua, LAPACK's ``info`` returned.
The pivoted factorization numpy does not expose is written here, one step per column.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import kernel


def symmetric(a: Any, uplo: str) -> Any:
    """The symmetric matrix whose 'U'pper or 'L'ower triangle ``a`` holds."""
    tri = np.triu(a) if uplo == "U" else np.tril(a)
    return tri + np.tril(tri.T, -1) if uplo == "U" else tri + np.triu(tri.T, 1)


def first_failing_minor(sym: Any) -> int:
    """Order of the first leading minor of ``sym`` that is not positive definite."""
    lo, hi = 0, int(sym.shape[0])  # minor lo factorizes, minor hi does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        try:
            np.linalg.cholesky(sym[:mid, :mid])
            lo = mid
        except np.linalg.LinAlgError:
            hi = mid
    return hi


@kernel
def lapack_potrf(a: Any, uplo: str) -> int:
    """Cholesky factor of the symmetric positive definite matrix stored in the 'U'pper
    or 'L'ower triangle of ``a``, in place: A = U^T U ('U') or L L^T ('L'), the other
    triangle zeroed (THTensor potrf).

    Returns:
        0, or the order of the leading minor that is not positive definite.
    """
    sym = symmetric(a, uplo)
    try:
        low = np.linalg.cholesky(sym)
    except np.linalg.LinAlgError:
        return first_failing_minor(sym)
    a[...] = low.T if uplo == "U" else low
    return 0


def triangular_factor(a: Any, uplo: str) -> Any:
    """The upper triangular R with A = R^T R from a Cholesky factor stored as ``uplo``."""
    return np.triu(a) if uplo == "U" else np.tril(a).T


@kernel
def lapack_potrs(a: Any, b: Any, uplo: str) -> int:
    """Solve ``A X = B`` into ``b`` given the Cholesky factor of A in ``a`` ('U': A = U^T U,
    'L': A = L L^T) (THTensor potrs).

    Returns:
        0, or i when the factor's i-th diagonal element is zero.
    """
    r = triangular_factor(a, uplo)
    zeros = np.flatnonzero(np.diagonal(r) == 0)
    if zeros.size:
        return int(zeros[0]) + 1
    b[...] = np.linalg.solve(r, np.linalg.solve(r.T, b))
    return 0


@kernel
def lapack_potri(a: Any, uplo: str) -> int:
    """Inverse of A from its Cholesky factor in ``a``, in place, as a full symmetric matrix
    (THTensor potri).

    Returns:
        0, or i when the factor's i-th diagonal element is zero.
    """
    r = triangular_factor(a, uplo)
    zeros = np.flatnonzero(np.diagonal(r) == 0)
    if zeros.size:
        return int(zeros[0]) + 1
    rinv = np.linalg.inv(r)
    inv = rinv @ rinv.T
    a[...] = symmetric(inv, "U")
    return 0


def pivoted_cholesky(s: Any, tol: float) -> tuple[Any, Any, int]:
    """Cholesky factorization with complete pivoting, ``P^T S P = R^T R``, of the full
    symmetric matrix ``s`` (overwritten), as LAPACK pstrf computes it.

    Returns:
        (r, piv, rank): upper triangular r, 0-based pivots (P[piv[k], k] = 1) and the
        computed rank (smaller than n when the matrix is rank deficient or not positive
        semidefinite).
    """
    n = s.shape[0]
    r = np.zeros_like(s)
    piv = np.arange(n)
    d = np.diagonal(s).copy()
    stop = n * np.finfo(s.dtype).eps / 2 * d.max() if tol < 0 else tol
    for j in range(n):
        p = j + int(np.argmax(d[j:]))
        if not d[p] > stop or not d[p] > 0:
            return r, piv, j
        for idx in (piv, d):
            idx[[j, p]] = idx[[p, j]]
        r[:j, [j, p]] = r[:j, [p, j]]
        s[[j, p]] = s[[p, j]]
        s[:, [j, p]] = s[:, [p, j]]
        r[j, j] = np.sqrt(d[j])
        r[j, j + 1 :] = (s[j, j + 1 :] - r[:j, j] @ r[:j, j + 1 :]) / r[j, j]
        d[j + 1 :] -= r[j, j + 1 :] ** 2
    return r, piv, n


@kernel
def lapack_pstrf(a: Any, piv: Any, uplo: str, tol: float) -> int:
    """Pivoted Cholesky factorization (THTensor pstrf) of the positive semidefinite matrix
    in the 'U'pper or 'L'ower triangle of ``a``: ``a`` becomes U (P^T A P = U^T U) or L
    (P^T A P = L L^T), ``piv`` (int32) the 1-based pivots with P[piv[k], k] = 1.

    Args:
        a: n-by-n, overwritten.
        piv: n int32 elements, overwritten.
        uplo: 'U' or 'L'.
        tol: pivots at or below it stop the factorization; negative picks LAPACK's
            default n * eps * max(diag(A)).

    Returns:
        0, or 1 when A is rank deficient or not positive semidefinite.
    """
    sym = symmetric(a, uplo)
    r, p, rank = pivoted_cholesky(sym, tol)
    if rank < a.shape[0]:
        return 1
    a[...] = r if uplo == "U" else r.T
    piv[...] = p + 1
    return 0
