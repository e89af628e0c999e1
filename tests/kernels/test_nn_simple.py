"""Finite-difference checks of the simple and table module kernels.

Each check perturbs every element of every differentiable argument (central differences,
step 1e-6, float64, values in [-2, 2] or a positive range where the math needs it) and
compares with the gradients the backward kernels give for unit output gradients; parameter
gradients are accumulated with ``scale = 0.5`` and divided back. Largest error below 1e-5.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge import kernels
from pytorch_bridge.errors import ShapeError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_checks import TOL, multi_jacobian_error  # noqa: E402 - path set above

K = kernels.load_all()
SCALE = 0.5
#: Each draw seeds its generator with this plus the sum of the drawn shape.
SEED = int(os.environ.get("NN_KERNEL_SEED", "4321"))

Grads = Callable[[Any], dict[str, Any]]


def rand(xp: Any, *shape: int, low: float = -2.0, high: float = 2.0) -> Any:
    """Uniform float64 values from the seeded generator (the seed is printed), as ``xp``."""
    print(f"NN_KERNEL_SEED={SEED}")
    return xp.asarray(np.random.default_rng(SEED + sum(shape)).uniform(low, high, shape))


def max_error(
    xp: Any,
    host: Callable[[Any], Any],
    forward: Callable[[], Any],
    grads: Grads,
    arrays: dict[str, Any],
) -> float:
    """``multi_jacobian_error`` over the named arrays; ``grads`` names the gradients alike."""
    names = list(arrays)
    return multi_jacobian_error(
        xp, host, forward, lambda go: [grads(go)[k] for k in names], [arrays[k] for k in names]
    )


def _acc(xp: Any, fn: Callable[..., Any], like: Any, *before: Any) -> Any:
    """Accumulate ``fn(*before, g, SCALE)`` into zeros ``g`` shaped like ``like``; undo SCALE."""
    g = xp.zeros_like(like)
    fn(*before, g, SCALE)
    return g / SCALE


@pytest.mark.parametrize(
    ("xs", "bs", "scalar"), [((3, 4), (4,), False), ((4,), (4,), False), ((3, 4), (1,), True)]
)
def test_add_gradients(
    xp: Any, host: Any, xs: tuple[int, ...], bs: tuple[int, ...], scalar: bool
) -> None:
    """Add kernels match finite differences for input and bias, batched, single and scalar."""
    x, b = rand(xp, *xs), rand(xp, *bs)

    def fwd() -> Any:
        return K["Add_updateOutput"](x, xp.empty(xs), b, scalar)

    def grads(go: Any) -> dict[str, Any]:
        return {"x": go, "b": _acc(xp, K["Add_accGradParameters"], b, x, go)}

    assert max_error(xp, host, fwd, grads, {"x": x, "b": b}) < TOL


@pytest.mark.parametrize("name", ["CMul", "CAdd"])
@pytest.mark.parametrize(
    ("xs", "ws"),
    [((3, 4), (4,)), ((3, 4), (1, 4)), ((3, 4), (3, 1)), ((2, 3, 2), (3, 2)), ((3, 4), (3, 4))],
)
def test_cmul_cadd_gradients(
    xp: Any, host: Any, name: str, xs: tuple[int, ...], ws: tuple[int, ...]
) -> None:
    """CMul and CAdd kernels match finite differences for every broadcasting form."""
    x, w = rand(xp, *xs), rand(xp, *ws)

    def grads(go: Any) -> dict[str, Any]:
        if name == "CMul":
            gx = K["CMul_updateGradInput"](x, go, xp.empty(x.shape), w)
        else:
            gx = go
        return {"x": gx, "w": _acc(xp, K[f"{name}_accGradParameters"], w, x, go)}

    fwd = lambda: K[f"{name}_updateOutput"](x, xp.empty(x.shape), w)  # noqa: E731
    assert max_error(xp, host, fwd, grads, {"x": x, "w": w}) < TOL


def test_mul_gradients(xp: Any, host: Any) -> None:
    """Mul kernels match finite differences for input and the scalar weight."""
    x, w = rand(xp, 3, 2), rand(xp, 1)

    def grads(go: Any) -> dict[str, Any]:
        return {
            "x": K["Mul_updateGradInput"](x, go, xp.empty(x.shape), w),
            "w": _acc(xp, K["Mul_accGradParameters"], w, x, go),
        }

    fwd = lambda: K["Mul_updateOutput"](x, xp.empty(x.shape), w)  # noqa: E731
    assert max_error(xp, host, fwd, grads, {"x": x, "w": w}) < TOL


@pytest.mark.parametrize("average", [False, True])
@pytest.mark.parametrize("dim", [0, 1, 2])
def test_sum_gradients(xp: Any, host: Any, dim: int, average: bool) -> None:
    """Sum (and Mean) kernels match finite differences along every dimension."""
    x = rand(xp, 2, 3, 4)
    shape = list(x.shape)
    shape[dim] = 1

    def fwd() -> Any:
        return K["Sum_updateOutput"](x, xp.empty(shape), dim, average)

    def grads(go: Any) -> dict[str, Any]:
        return {"x": K["Sum_updateGradInput"](x, go, xp.empty(x.shape), dim, average)}

    assert max_error(xp, host, fwd, grads, {"x": x}) < TOL


@pytest.mark.parametrize("ta", [False, True])
@pytest.mark.parametrize("tb", [False, True])
@pytest.mark.parametrize("batch", [(), (2,)])
def test_mm_gradients(xp: Any, host: Any, ta: bool, tb: bool, batch: tuple[int, ...]) -> None:
    """MM kernels match finite differences with either operand transposed, batched or not."""
    a = rand(xp, *batch, *((3, 2) if ta else (2, 3)))
    b = rand(xp, *batch, *((4, 3) if tb else (3, 4)))

    def grads(go: Any) -> dict[str, Any]:
        ga, gb = xp.empty(a.shape), xp.empty(b.shape)
        K["MM_updateGradInput"](a, b, go, ga, gb, ta, tb)
        return {"a": ga, "b": gb}

    fwd = lambda: K["MM_updateOutput"](a, b, xp.empty((*batch, 2, 4)), ta, tb)  # noqa: E731
    assert max_error(xp, host, fwd, grads, {"a": a, "b": b}) < TOL


@pytest.mark.parametrize("trans", [False, True])
@pytest.mark.parametrize("batch", [(), (2,)])
def test_mv_gradients(xp: Any, host: Any, trans: bool, batch: tuple[int, ...]) -> None:
    """MV kernels match finite differences, transposed or not, batched or not."""
    m = rand(xp, *batch, *((3, 2) if trans else (2, 3)))
    v = rand(xp, *batch, 3)

    def grads(go: Any) -> dict[str, Any]:
        gm, gv = xp.empty(m.shape), xp.empty(v.shape)
        K["MV_updateGradInput"](m, v, go, gm, gv, trans)
        return {"m": gm, "v": gv}

    fwd = lambda: K["MV_updateOutput"](m, v, xp.empty((*batch, 2)), trans)  # noqa: E731
    assert max_error(xp, host, fwd, grads, {"m": m, "v": v}) < TOL


POINTWISE: dict[str, tuple[tuple[Any, ...], tuple[Any, ...], bool, float]] = {
    # name: (forward extra args, backward extra args, backward takes output, low bound)
    "Exp": ((), (), True, -2.0),
    "Log": ((), (), False, 0.5),
    "Abs": ((), (), False, -2.0),
    "Power": ((2.5,), (2.5,), False, 0.5),
    "Square": ((), (), False, -2.0),
    "Sqrt": ((0.0,), (), True, 0.5),
}


@pytest.mark.parametrize("name", sorted(POINTWISE))
def test_pointwise_gradients(xp: Any, host: Any, name: str) -> None:
    """The pointwise kernels match finite differences."""
    fargs, bargs, with_output, low = POINTWISE[name]
    x = rand(xp, 3, 4, low=low)

    def grads(go: Any) -> dict[str, Any]:
        out = (K[f"{name}_updateOutput"](x, xp.empty(x.shape), *fargs),) if with_output else ()
        gi = K[f"{name}_updateGradInput"](x, go, xp.empty(x.shape), *out, *bargs)
        return {"x": gi}

    fwd = lambda: K[f"{name}_updateOutput"](x, xp.empty(x.shape), *fargs)  # noqa: E731
    assert max_error(xp, host, fwd, grads, {"x": x}) < TOL


def test_constant_kernels_and_restore(xp: Any, host: Any) -> None:
    """MulConstant, AddConstant and GradientReversal compute their maps and restore inputs."""
    x = rand(xp, 3, 4)
    doubled = K["MulConstant_updateOutput"](x, xp.empty(x.shape), 2.5)
    assert np.array_equal(host(x * 2.5), host(doubled))
    y = x.copy()
    K["MulConstant_updateOutput"](y, y, 2.5)
    go = rand(xp, 3, 4)
    gi = go.copy()
    K["MulConstant_updateGradInput"](y, gi, gi, 2.5, True)
    assert np.allclose(host(x), host(y)) and np.array_equal(host(go * 2.5), host(gi))
    c = rand(xp, 4)
    shifted = K["AddConstant_updateOutput"](x, xp.empty(x.shape), c)
    assert np.array_equal(host(x + c), host(shifted))
    z = x + c
    K["AddConstant_restoreInput"](z, c)
    assert np.allclose(host(x), host(z))
    reversed_ = K["GradientReversal_updateGradInput"](go, xp.empty(go.shape), 0.5)
    assert np.array_equal(host(-0.5 * go), host(reversed_))


def test_l1_penalty_loss_and_gradient(xp: Any, host: Any) -> None:
    """L1Penalty returns weight * sum|x| and adds weight * sign(x) to gradOutput."""
    x, go = rand(xp, 3, 4), rand(xp, 3, 4)
    assert 0.1 * np.abs(host(x)).sum() == pytest.approx(K["L1Penalty_updateOutput"](x, 0.1))
    gi = K["L1Penalty_updateGradInput"](x, go, xp.empty(x.shape), 0.1, True)
    assert np.allclose(np.sign(host(x)) * 0.1 + host(go), host(gi))


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("batch", [(), (2,)])
def test_euclidean_gradients(xp: Any, host: Any, weighted: bool, batch: tuple[int, ...]) -> None:
    """Euclidean (and weighted) kernels match finite differences for x, weight and diagCov."""
    x, w = rand(xp, *batch, 4), rand(xp, 4, 3)
    c = rand(xp, 4, 3) if weighted else None
    arrays = {"x": x, "w": w} | ({"c": c} if weighted else {})
    out_shape = (*batch, 3)

    def fwd() -> Any:
        return K["Euclidean_updateOutput"](x, xp.empty(out_shape), w, c)

    def grads(go: Any) -> dict[str, Any]:
        out = fwd()
        gi = K["Euclidean_updateGradInput"](x, go, xp.empty(x.shape), w, out, c)
        gw, gc = xp.zeros(w.shape), xp.zeros(w.shape)
        K["Euclidean_accGradParameters"](x, go, gw, w, out, SCALE, c, gc if weighted else None)
        return {"x": gi, "w": gw / SCALE, "c": gc / SCALE}

    assert max_error(xp, host, fwd, grads, arrays) < TOL


@pytest.mark.parametrize("batch", [(), (2,)])
def test_cosine_gradients(xp: Any, host: Any, batch: tuple[int, ...]) -> None:
    """Cosine kernels match finite differences for input and weight."""
    x, w = rand(xp, *batch, 4), rand(xp, 3, 4)

    def fwd() -> Any:
        return K["Cosine_updateOutput"](x, xp.empty((*batch, 3)), w)

    def grads(go: Any) -> dict[str, Any]:
        out = fwd()
        gi = K["Cosine_updateGradInput"](x, go, xp.empty(x.shape), w, out)
        gw = xp.zeros(w.shape)
        K["Cosine_accGradParameters"](x, go, gw, w, out, SCALE)
        return {"x": gi, "w": gw / SCALE}

    assert max_error(xp, host, fwd, grads, {"x": x, "w": w}) < TOL


@pytest.mark.parametrize("p", [1.5, 2.0, 3.0, 4.0, float("inf")])
def test_normalize_gradients(xp: Any, host: Any, p: float) -> None:
    """Normalize kernels match finite differences for several norms, infinity included."""
    x = rand(xp, 3, 4)

    def fwd() -> tuple[Any, Any, Any]:
        norm, normp = xp.empty((3, 1)), xp.empty((3, 1))
        out = K["Normalize_updateOutput"](x, xp.empty(x.shape), norm, normp, p, 1e-10)
        return out, norm, normp

    def grads(go: Any) -> dict[str, Any]:
        _, norm, normp = fwd()
        return {
            "x": K["Normalize_updateGradInput"](x, go, xp.empty(x.shape), norm, normp, p, 1e-10)
        }

    assert max_error(xp, host, lambda: fwd()[0], grads, {"x": x}) < TOL


def test_lookup_table_gather_accumulate_and_renorm(xp: Any, host: Any) -> None:
    """LookupTable kernels gather rows, accumulate scaled gradients except padding, renorm."""
    w = rand(xp, 5, 3)
    idx = xp.asarray([[1, 2, 5], [2, 2, 3]], dtype=xp.int64)
    out = K["LookupTable_updateOutput"](idx, xp.empty((2, 3, 3)), w)
    assert np.array_equal(host(w)[host(idx) - 1], host(out))
    go = rand(xp, 2, 3, 3)
    gw = xp.zeros(w.shape)
    K["LookupTable_accGradParameters"](idx, go, gw, None, False, 5, SCALE)
    expected = np.zeros(w.shape)
    for i, k in enumerate(host(idx).reshape(-1)):
        if k != 5:
            expected[k - 1] += SCALE * host(go).reshape(-1, 3)[i]
    assert np.allclose(expected, host(gw))
    for one in ([4], [[4]], [5]):  # a single index (the padding one adds nothing)
        single = xp.asarray(one)
        shape = (*single.shape, 3)
        got = K["LookupTable_updateOutput"](single, xp.empty(shape), w)
        k = int(np.asarray(one).reshape(-1)[0])
        assert np.array_equal(host(w)[k - 1].reshape(shape), host(got))
        before = gw.copy()
        g1 = rand(xp, 1, 3)
        K["LookupTable_accGradParameters"](xp.asarray(one), g1, gw, None, False, 5, SCALE)
        expected = host(before)
        if one != [5]:
            expected[3] += SCALE * host(g1)[0]
        assert np.allclose(expected, host(gw))
    count = xp.zeros(5, dtype=xp.int32)
    gw = xp.zeros(w.shape)
    K["LookupTable_accGradParameters"](idx, go, gw, count, True, 0, 1.0)
    assert [1, 3, 1, 0, 1] == count.tolist()
    big = xp.full((4, 2), 3.0)
    K["LookupTable_renorm"](xp.asarray([1, 3, 3], dtype=xp.int64), big, 1.0, 2.0)
    assert np.allclose(1.0, np.linalg.norm(host(big)[[0, 2]], axis=1), atol=1e-6)
    assert np.array_equal(np.full((2, 2), 3.0), host(big)[[1, 3]])
    for bad in ([6], [0], [2, 6]):
        with pytest.raises(ShapeError, match=r"indices must be in \[1, 5\]"):
            K["LookupTable_updateOutput"](xp.asarray(bad), xp.empty((len(bad), 3)), w)
        with pytest.raises(ShapeError, match=r"indices must be in \[1, 5\]"):
            K["LookupTable_accGradParameters"](
                xp.asarray(bad), xp.ones((len(bad), 3)), gw, None, False, 0, 1.0
            )


def test_bilinear_gradients(xp: Any, host: Any) -> None:
    """Bilinear kernels match finite differences for both inputs, weight and bias."""
    a, b, w, bias = rand(xp, 2, 4), rand(xp, 2, 3), rand(xp, 5, 4, 3), rand(xp, 5)

    def fwd() -> Any:
        return K["Bilinear_updateOutput"](a, b, xp.empty((2, 5)), w, bias)

    def grads(go: Any) -> dict[str, Any]:
        ga, gb = xp.empty(a.shape), xp.empty(b.shape)
        K["Bilinear_updateGradInput"](a, b, go, ga, gb, w)
        gw, gbias = xp.zeros(w.shape), xp.zeros(bias.shape)
        K["Bilinear_accGradParameters"](a, b, go, gw, gbias, SCALE)
        return {"a": ga, "b": gb, "w": gw / SCALE, "bias": gbias / SCALE}

    assert max_error(xp, host, fwd, grads, {"a": a, "b": b, "w": w, "bias": bias}) < TOL


PAIRS = ["CSubTable", "CDivTable", "DotProduct", "CosineDistance", "PairwiseDistance"]


@pytest.mark.parametrize("name", PAIRS)
@pytest.mark.parametrize("batch", [(), (2,)])
def test_pair_table_gradients(xp: Any, host: Any, name: str, batch: tuple[int, ...]) -> None:
    """Kernels of the two-input table modules match finite differences for both inputs."""
    a = rand(xp, *batch, 3)
    b = rand(xp, *batch, 3, low=0.5) if name == "CDivTable" else rand(xp, *batch, 3, low=-1.0)
    elementwise = name in ("CSubTable", "CDivTable")
    out_shape = a.shape if elementwise else (batch[0] if batch else 1,)
    extra = (2.5,) if name == "PairwiseDistance" else ()

    def fwd() -> Any:
        return K[f"{name}_updateOutput"](a, b, xp.empty(out_shape), *extra)

    def grads(go: Any) -> dict[str, Any]:
        ga, gb = xp.empty(a.shape), xp.empty(b.shape)
        if name == "CSubTable":
            K["CSubTable_updateGradInput"](go, ga, gb)
        elif name == "PairwiseDistance":
            K[f"{name}_updateGradInput"](a, b, go, ga, gb, fwd(), *extra)
        else:
            K[f"{name}_updateGradInput"](a, b, go, ga, gb)
        return {"a": ga, "b": gb}

    assert max_error(xp, host, fwd, grads, {"a": a, "b": b}) < TOL


@pytest.mark.parametrize("is_max", [True, False])
def test_cmul_cmax_tables(xp: Any, host: Any, is_max: bool) -> None:
    """CMulTable and CMaxTable/CMinTable kernels match finite differences."""
    xs = [rand(xp, 2, 3), rand(xp, 2, 3) * 0.9, rand(xp, 2, 3) * 0.8]
    arrays = {str(i): x for i, x in enumerate(xs)}

    def grads_mul(go: Any) -> dict[str, Any]:
        gs = [xp.empty(x.shape) for x in xs]
        K["CMulTable_updateGradInput"](go, 3, *xs, *gs)
        return {str(i): g for i, g in enumerate(gs)}

    def fwd_mul() -> Any:
        return K["CMulTable_updateOutput"](xp.empty((2, 3)), *xs)

    assert max_error(xp, host, fwd_mul, grads_mul, arrays) < TOL
    idx = xp.empty((2, 3))

    def fwd() -> Any:
        return K["CMaxTable_updateOutput"](xp.empty((2, 3)), idx, is_max, *xs)

    def grads(go: Any) -> dict[str, Any]:
        fwd()
        gs = [xp.empty(x.shape) for x in xs]
        K["CMaxTable_updateGradInput"](go, idx, *gs)
        return {str(i): g for i, g in enumerate(gs)}

    assert max_error(xp, host, fwd, grads, arrays) < TOL


@pytest.mark.parametrize("form", ["table_batch", "tensor_batch", "table_single", "tensor_single"])
def test_mixture_table_gradients(xp: Any, host: Any, form: str) -> None:
    """MixtureTable kernels match finite differences for the gater and the experts."""
    batch = form.endswith("batch")
    is_table = form.startswith("table")
    g = rand(xp, 2, 3) if batch else rand(xp, 3)
    dim = 1 if batch else 0
    lead = (2,) if batch else ()
    experts = [rand(xp, *lead, 4) for _ in range(3)] if is_table else [rand(xp, *lead, 3, 4)]
    arrays = {"g": g} | {str(i): e for i, e in enumerate(experts)}

    def fwd() -> Any:
        return K["MixtureTable_updateOutput"](
            g, xp.empty((*lead, 4)), dim, batch, is_table, *experts
        )

    def grads(go: Any) -> dict[str, Any]:
        gg = xp.empty(g.shape)
        ge = [xp.empty(e.shape) for e in experts]
        K["MixtureTable_updateGradInput"](g, go, gg, dim, batch, is_table, *experts, *ge)
        return {"g": gg} | {str(i): e for i, e in enumerate(ge)}

    assert max_error(xp, host, fwd, grads, arrays) < TOL
