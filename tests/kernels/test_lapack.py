"""Tests of the LAPACK kernels (lapack.py, lapack_cholesky.py, lapack_qr.py) against
numpy.linalg and the definitions."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pytorch_bridge.errors import ShapeError
from pytorch_bridge.kernels import lapack, lapack_cholesky, lapack_qr

SEED = 20260


def rng() -> np.random.Generator:
    print(f"seed {SEED}")
    return np.random.default_rng(SEED)


def spd(n: int) -> Any:
    a = rng().standard_normal((n, n))
    return a @ a.T + n * np.eye(n)


def unpack_lu(lu: Any) -> tuple[Any, Any]:
    return np.tril(lu, -1) + np.eye(lu.shape[0]), np.triu(lu)


@pytest.mark.parametrize("n", [1, 5, 33, 100])
def test_lu_factors_the_row_permuted_matrix(n: int) -> None:
    """lu_inplace gives unit L and U with A[perm] = L U, |L| <= 1 (partial pivoting)."""
    a = rng().standard_normal((n, n))
    lu = a.copy()
    info, perm = lapack.lu_inplace(lu)
    low, up = unpack_lu(lu)
    assert 0 == info
    np.testing.assert_allclose(a[perm], low @ up, atol=1e-10)
    assert np.abs(np.tril(lu, -1)).max(initial=0) <= 1.0


def test_gesv_solves_and_reports_singular_matrices() -> None:
    """gesv solves A X = B; an exactly singular A gives the index of the zero pivot."""
    a = rng().standard_normal((6, 6))
    b = rng().standard_normal((6, 2))
    wa, wb = a.copy(), b.copy()
    assert 0 == lapack.lapack_gesv(wa, wb)
    np.testing.assert_allclose(np.linalg.solve(a, b), wb, rtol=1e-10)
    sing = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 1.0, 1.0]])
    assert 3 == lapack.lapack_gesv(sing.copy(), np.ones((3, 1)))


def test_gesv_float32_stays_float32() -> None:
    """A float32 system is solved into float32 buffers."""
    a = np.array([[2.0, 0.0], [0.0, 4.0]], dtype=np.float32)
    b = np.ones((2, 1), dtype=np.float32)
    assert 0 == lapack.lapack_gesv(a, b)
    assert [[0.5], [0.25]] == b.tolist()


def test_trtrs_options() -> None:
    """trtrs reads only the requested triangle and honours trans and diag."""
    a = rng().standard_normal((4, 4)) + 4 * np.eye(4)
    b = rng().standard_normal((4, 1))
    for uplo, tri in (("U", np.triu(a)), ("L", np.tril(a))):
        for trans in ("N", "T"):
            x = b.copy()
            assert 0 == lapack.lapack_trtrs(a, x, uplo, trans, "N")
            op = tri.T if trans == "T" else tri
            np.testing.assert_allclose(b, op @ x, atol=1e-12)
    unit = np.triu(a, 1) + np.eye(4)
    x = b.copy()
    lapack.lapack_trtrs(a, x, "U", "N", "U")
    np.testing.assert_allclose(b, unit @ x, atol=1e-12)
    assert 2 == lapack.lapack_trtrs(np.diag([1.0, 0.0]), np.ones((2, 1)), "U", "N", "N")


@pytest.mark.parametrize("shape", [(6, 3), (3, 6)])
def test_gels_matches_lstsq(shape: tuple[int, int]) -> None:
    """gels gives the least squares / minimum norm solution and LAPACK's factor layout."""
    m, n = shape
    a = rng().standard_normal(shape)
    b = np.zeros((max(m, n), 2))
    b[:m] = rng().standard_normal((m, 2))
    wa, wb = a.copy(), b.copy()
    assert 0 == lapack.lapack_gels(wa, wb)
    np.testing.assert_allclose(np.linalg.lstsq(a, b[:m], rcond=None)[0], wb[:n], atol=1e-10)
    k = min(m, n)
    r = np.abs(np.diagonal(wa)[:k])
    np.testing.assert_allclose(np.abs(np.diagonal(np.linalg.qr(a if m >= n else a.T)[1])), r)


def test_syev_and_geev_layouts() -> None:
    """syev gives ascending values and column vectors; geev packs complex pairs."""
    s = spd(4)
    e, v = np.empty(4), s.copy()
    assert 0 == lapack.lapack_syev(v, e, "V", "U")
    np.testing.assert_allclose(np.linalg.eigvalsh(s), e)
    np.testing.assert_allclose(s @ v, v * e, atol=1e-10)
    rot = np.array([[0.0, -1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 2.0]])
    ev, vv = np.empty((3, 2)), np.empty((3, 3))
    assert 0 == lapack.lapack_geev(rot.copy(), ev, vv, "V")
    w = ev[:, 0] + 1j * ev[:, 1]
    for j in range(3):
        if ev[j, 1] > 0:
            vec = vv[:, j] + 1j * vv[:, j + 1]
        elif ev[j, 1] < 0:
            vec = vv[:, j - 1] - 1j * vv[:, j]
        else:
            vec = vv[:, j]
        np.testing.assert_allclose(rot @ vec, w[j] * vec, atol=1e-12)


@pytest.mark.parametrize("jobu", ["S", "A"])
def test_gesvd_returns_v_not_vt(jobu: str) -> None:
    """gesvd fills U, S and V (not V^T) with A = U diag(S) V^T."""
    a = rng().standard_normal((5, 3))
    k = 3
    u = np.empty((5, 5 if jobu == "A" else k))
    s, v = np.empty(k), np.empty((3, 3))
    assert 0 == lapack.lapack_gesvd(a, u, s, v, jobu)
    np.testing.assert_allclose(a, u[:, :k] * s @ v.T, atol=1e-12)


def test_getri_inverts_and_flags_singular() -> None:
    """getri inverts in place; a singular matrix returns a positive info."""
    a = spd(5)
    w = a.copy()
    assert 0 == lapack.lapack_getri(w)
    np.testing.assert_allclose(np.eye(5), a @ w, atol=1e-12)
    assert 0 < lapack.lapack_getri(np.zeros((3, 3)))


@pytest.mark.parametrize("uplo", ["U", "L"])
def test_cholesky_family(uplo: str) -> None:
    """potrf factors, potrs solves and potri inverts from the chosen triangle."""
    a = spd(6)
    f = a.copy()
    assert 0 == lapack_cholesky.lapack_potrf(f, uplo)
    np.testing.assert_allclose(a, f.T @ f if uplo == "U" else f @ f.T, atol=1e-10)
    b = rng().standard_normal((6, 2))
    x = b.copy()
    assert 0 == lapack_cholesky.lapack_potrs(f, x, uplo)
    np.testing.assert_allclose(b, a @ x, atol=1e-10)
    inv = f.copy()
    assert 0 == lapack_cholesky.lapack_potri(inv, uplo)
    np.testing.assert_allclose(np.linalg.inv(a), inv, atol=1e-12)
    bad = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 2.0], [0.0, 2.0, 1.0]])
    assert 3 == lapack_cholesky.lapack_potrf(bad, uplo)


def test_pstrf_pivots_and_detects_rank_deficiency() -> None:
    """pstrf gives P^T A P = U^T U with 1-based pivots, and info 1 for a singular A."""
    a = spd(7)
    f, piv = a.copy(), np.empty(7, dtype=np.int32)
    assert 0 == lapack_cholesky.lapack_pstrf(f, piv, "U", -1.0)
    p = np.zeros((7, 7))
    p[piv - 1, np.arange(7)] = 1
    np.testing.assert_allclose(p.T @ a @ p, f.T @ f, atol=1e-10)
    assert int(np.argmax(np.diagonal(a))) + 1 == piv[0]
    low = rng().standard_normal((4, 2))
    assert 1 == lapack_cholesky.lapack_pstrf(low @ low.T, np.empty(4, dtype=np.int32), "L", -1.0)


def test_householder_family_matches_numpy_qr() -> None:
    """geqrf/orgqr rebuild numpy's Q; ormqr applies Q or Q^T from either side."""
    a = rng().standard_normal((5, 3))
    h, tau = a.copy(), np.empty(3)
    lapack_qr.lapack_geqrf(h, tau)
    q_ref, r_ref = np.linalg.qr(a)
    np.testing.assert_allclose(r_ref, np.triu(h[:3]), atol=1e-12)
    q = h.copy()
    lapack_qr.lapack_orgqr(q, tau)
    np.testing.assert_allclose(q_ref, q[:, :3], atol=1e-12)
    full = np.eye(5)
    lapack_qr.lapack_ormqr(h, tau, full, "L", "N")
    c = rng().standard_normal((5, 2))
    for side, trans, want in (
        ("L", "N", full @ c),
        ("L", "T", full.T @ c),
        ("R", "N", c.T @ full),
        ("R", "T", c.T @ full.T),
    ):
        work = (c if side == "L" else c.T).copy()
        lapack_qr.lapack_ormqr(h, tau, work, side, trans)
        np.testing.assert_allclose(want, work, atol=1e-12)
    with pytest.raises(ShapeError):
        lapack_qr.lapack_ormqr(h, tau, np.empty((4, 2)), "L", "N")


def test_qr_kernel_fills_q_and_r() -> None:
    """lapack_qr gives the reduced Q and R of numpy."""
    a = rng().standard_normal((3, 5))
    q, r = np.empty((3, 3)), np.empty((3, 5))
    lapack_qr.lapack_qr(a, q, r)
    np.testing.assert_allclose(a, q @ r, atol=1e-12)
