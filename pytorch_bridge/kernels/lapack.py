"""LAPACK kernels: Torch7's THTensorLapack functions over numpy.linalg.

The Lua side lays the work matrices out as LAPACK did (column-major copies of the
inputs) and passes their array views; each kernel overwrites them with LAPACK's
outputs. Kernels that can fail return LAPACK's ``info`` (0 on success, otherwise the
1-based index LAPACK reports) so that Lua can raise an error naming the function.
Factorizations numpy does not expose (LU, pivoted Cholesky, applying Householder
reflectors) are written here with one vectorized step per column.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from ..errors import ShapeError
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
