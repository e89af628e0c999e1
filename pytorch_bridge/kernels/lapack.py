"""LAPACK kernels: Torch7's THTensorLapack functions over numpy.linalg.

The Lua side lays the work matrices out as LAPACK did (column-major copies of the
inputs) and passes their array views; each kernel overwrites them with LAPACK's
outputs. Kernels that can fail return LAPACK's ``info`` (0 on success, otherwise the
1-based index LAPACK reports) so that Lua can raise an error naming the function.
LU, which numpy does not expose, is written here with one vectorized step per column.
The Cholesky family is in ``lapack_cholesky.py``, the QR family in ``lapack_qr.py``.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from . import kernel

LU_BLOCK = 32


def lu_unblocked(a: Any) -> tuple[int, Any]:
    """LU with partial pivoting of the m-by-n array ``a`` in place, one column at a time.

    Returns:
        (info, perm): info is the 1-based index of the first zero pivot (0 if none);
        perm lists, for each row of the result, the original row it came from.
    """
    m, n = a.shape
    perm = np.arange(m)
    info = 0
    for j in range(min(m, n)):
        p = j + int(np.argmax(np.abs(a[j:, j])))
        if a[p, j] != 0:
            if p != j:
                a[[j, p]] = a[[p, j]]
                perm[[j, p]] = perm[[p, j]]
            a[j + 1 :, j] /= a[j, j]
        elif info == 0:
            info = j + 1
        a[j + 1 :, j + 1 :] -= np.outer(a[j + 1 :, j], a[j, j + 1 :])
    return info, perm


def lu_inplace(a: Any) -> tuple[int, Any]:
    """LU with partial pivoting of ``a`` in place (LAPACK getrf's output layout: unit
    lower factor below the diagonal, upper factor on and above it), blocked by columns.

    Returns:
        (info, perm) as :func:`lu_unblocked`.
    """
    m, n = a.shape
    k = min(m, n)
    if k <= LU_BLOCK:
        return lu_unblocked(a)
    h = k // 2
    info, perm = lu_inplace(a[:, :h])
    a[:, h:] = a[perm, h:]
    lower = np.tril(a[:h, :h], -1) + np.eye(h, dtype=a.dtype)
    a[:h, h:] = np.linalg.solve(lower, a[:h, h:])
    a[h:, h:] -= a[h:, :h] @ a[:h, h:]
    info2, perm2 = lu_inplace(a[h:, h:])
    a[h:, :h] = a[h:, :h][perm2]
    perm[h:] = perm[h:][perm2]
    if info == 0 and info2 != 0:
        info = info2 + h
    return info, perm


@kernel
def lapack_gesv(a: Any, b: Any) -> int:
    """Solve ``A X = B`` (THTensor gesv): ``b`` (n-by-nrhs) becomes X, ``a`` (n-by-n) its
    LU factorization with partial pivoting.

    Returns:
        0, or i when U(i,i) is exactly zero (singular A; nothing is solved then).
    """
    lu = a.copy()
    info, _ = lu_inplace(lu)
    if info:
        return info
    b[...] = np.linalg.solve(a, b)
    a[...] = lu
    return 0


@kernel
def lapack_trtrs(a: Any, b: Any, uplo: str, trans: str, diag: str) -> int:
    """Solve the triangular system ``op(A) X = B`` (THTensor trtrs) into ``b``.

    Args:
        a: n-by-n; only its 'U'pper or 'L'ower triangle is read.
        b: n-by-nrhs, overwritten by X.
        uplo: 'U' or 'L'.
        trans: 'N' (A) or 'T' (A transposed).
        diag: 'N', or 'U' for a unit diagonal (the stored diagonal is not read).

    Returns:
        0, or i when A(i,i) is zero.
    """
    tri = np.triu(a) if uplo == "U" else np.tril(a)
    if diag == "U":
        np.fill_diagonal(tri, 1)
    else:
        zeros = np.flatnonzero(np.diagonal(tri) == 0)
        if zeros.size:
            return int(zeros[0]) + 1
    if trans == "T":
        tri = tri.T
    b[...] = np.linalg.solve(tri, b)
    return 0


@kernel
def lapack_gels(a: Any, b: Any) -> int:
    """Least squares (m >= n) or minimum norm (m < n) solution of ``A X = B`` (THTensor
    gels, full-rank A).

    Args:
        a: m-by-n, overwritten by its QR (m >= n) or LQ (m < n) factorization as LAPACK
            stores it.
        b: max(m, n)-by-nrhs holding B in its first m rows; its first n rows become X.

    Returns:
        0, or i when the i-th diagonal element of the triangular factor is zero.
    """
    m, n = a.shape
    tall = m >= n
    h, _ = np.linalg.qr(a if tall else a.T, mode="raw")
    zeros = np.flatnonzero(np.diagonal(h.T) == 0)
    if zeros.size:
        return int(zeros[0]) + 1
    rhs = b[:m]
    if tall:
        q, r = np.linalg.qr(a)
        x = np.linalg.solve(r, q.T @ rhs)
    else:
        q, r = np.linalg.qr(a.T)
        x = q @ np.linalg.solve(r.T, rhs)
    a[...] = h.T if tall else h
    b[:n] = x
    return 0


@kernel
def lapack_syev(a: Any, e: Any, jobz: str, uplo: str) -> int:
    """Eigenvalues (ascending, into ``e``) and, for jobz 'V', eigenvectors (columns of
    ``a``) of the symmetric matrix in the 'U'pper or 'L'ower triangle of ``a`` (THTensor
    syev).

    Returns:
        0, or 1 when the algorithm did not converge.
    """
    side: Literal["U", "L"] = "U" if uplo == "U" else "L"
    try:
        if jobz == "V":
            w, v = np.linalg.eigh(a, UPLO=side)
            a[...] = v
        else:
            w = np.linalg.eigvalsh(a, UPLO=side)
    except np.linalg.LinAlgError:
        return 1
    e[...] = w
    return 0


@kernel
def lapack_geev(a: Any, e: Any, v: Any, jobvr: str) -> int:
    """Eigenvalues of the general matrix ``a`` into ``e`` (n-by-2: real and imaginary
    parts) and, for jobvr 'V', right eigenvectors into ``v`` in LAPACK's real layout (a
    complex pair takes two columns: real part, then imaginary part) (THTensor geev).

    Returns:
        0, or 1 when the algorithm did not converge.
    """
    try:
        if jobvr != "V":
            w = np.linalg.eigvals(a)
        else:
            w, vc = np.linalg.eig(a)
    except np.linalg.LinAlgError:
        return 1
    e[:, 0] = w.real
    e[:, 1] = w.imag if np.iscomplexobj(w) else 0
    if jobvr == "V":
        if not np.iscomplexobj(vc):
            v[...] = vc
            return 0
        v[...] = vc.real
        j = 0
        while j < len(w):
            if w[j].imag != 0:
                v[:, j + 1] = vc[:, j].imag
                j += 1
            j += 1
    return 0


@kernel
def lapack_gesvd(a: Any, u: Any, s: Any, v: Any, jobu: str) -> int:
    """Singular value decomposition ``A = U diag(S) V^T`` (THTensor gesvd): for jobu 'S'
    ``u`` is m-by-k and ``v`` n-by-k (k = min(m, n)), for 'A' they are square.

    Returns:
        0, or 1 when the algorithm did not converge.
    """
    try:
        uu, ss, vt = np.linalg.svd(a, full_matrices=jobu == "A")
    except np.linalg.LinAlgError:
        return 1
    u[...] = uu
    s[...] = ss
    v[...] = vt.T
    return 0


@kernel
def lapack_getri(a: Any) -> int:
    """Invert the square matrix ``a`` in place (THTensor getri).

    Returns:
        0, or i when U(i,i) of its LU factorization is zero (singular matrix).
    """
    try:
        inv = np.linalg.inv(a)
    except np.linalg.LinAlgError:
        info, _ = lu_inplace(a.copy())
        return max(info, 1)
    a[...] = inv
    return 0
