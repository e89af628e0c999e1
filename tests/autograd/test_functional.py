"""Gradient checks and values of pytorch_bridge.functional (the nn kernels on the tape)."""

from __future__ import annotations

import numpy as np
import pytest

import pytorch_bridge._facade as pb
from pytorch_bridge import functional


def _log_softmax(x, axis):
    m = x.max(axis=axis, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=axis, keepdims=True))


@pytest.mark.parametrize("dim", [0, 1, -1])
@pytest.mark.parametrize("fn", ["softmax", "log_softmax"])
def test_softmax_family_gradient_and_values(fn, dim, rng, dircheck):
    """softmax and log_softmax along any dim match numpy and differentiate correctly."""
    x = rng.normal(size=(3, 4, 2))
    got = getattr(functional, fn)(pb.as_tensor(x), dim).numpy()
    ref = _log_softmax(x, dim)
    np.testing.assert_allclose(np.exp(ref) if fn == "softmax" else ref, got, rtol=1e-12)
    dircheck(lambda t: getattr(functional, fn)(t, dim), [x])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weighted", [False, True])
def test_nll_loss_matches_formula(reduction, weighted, rng, dircheck):
    """nll_loss with 0-based targets, optional weights and ignore_index matches the formula."""
    logp = _log_softmax(rng.normal(size=(5, 4)), 1)
    target = np.array([0, 3, 1, 3, 2])
    w = rng.uniform(0.5, 2, 4) if weighted else np.ones(4)
    wt = pb.as_tensor(w) if weighted else None
    per_row = -logp[np.arange(5), target] * w[target]
    ref = {"mean": per_row.sum() / w[target].sum(), "sum": per_row.sum(), "none": per_row}
    got = functional.nll_loss(pb.as_tensor(logp), pb.tensor(target), wt, reduction=reduction)
    np.testing.assert_allclose(ref[reduction], got.numpy(), rtol=1e-12)
    dircheck(lambda t: functional.nll_loss(t, target, wt, reduction=reduction), [logp])


def test_nll_loss_ignore_index(rng, dircheck):
    """Rows whose target is ignore_index contribute nothing."""
    logp = pb.tensor(_log_softmax(rng.normal(size=(3, 4)), 1), requires_grad=True)
    loss = functional.nll_loss(logp, pb.tensor([1, 2, 1]), ignore_index=2)
    expected = -(logp.detach().numpy()[0, 1] + logp.detach().numpy()[2, 1]) / 2
    assert expected == pytest.approx(loss.item(), rel=1e-6)
    loss.backward()
    assert [0.0] * 4 == logp.grad.numpy()[1].tolist()
    target = pb.tensor([1, 2, 1])
    x = logp.detach().numpy()
    dircheck(lambda t: functional.nll_loss(t, target, ignore_index=2), [x])
    dircheck(lambda t: functional.nll_loss(t, target, ignore_index=2, reduction="none"), [x])


def test_cross_entropy_gradient(rng, dircheck):
    """cross_entropy is log_softmax followed by nll_loss, with a correct gradient."""
    x = rng.normal(size=(4, 3))
    target = pb.tensor([2, 0, 1, 1])
    ref = -_log_softmax(x, 1)[np.arange(4), target.numpy()].mean()
    assert ref == pytest.approx(
        functional.cross_entropy(pb.as_tensor(x), target).item(), rel=1e-12
    )
    dircheck(lambda t: functional.cross_entropy(t, target), [x])
    dircheck(lambda t: functional.cross_entropy(t, target, reduction="sum"), [x])
    per_row = functional.cross_entropy(pb.as_tensor(x), target, reduction="none").numpy()
    np.testing.assert_allclose(-_log_softmax(x, 1)[np.arange(4), target.numpy()], per_row)
    dircheck(lambda t: functional.cross_entropy(t, target, reduction="none"), [x])


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("shape", [(5, 4), (4,)])
def test_cross_entropy_node_equals_the_two_step_composition(reduction, shape, rng, dircheck):
    """The one-node cross_entropy (weights, an ignored class, 1-D scores) gives the values
    and gradients of nll_loss(log_softmax(x)), recorded as two nodes."""
    x = rng.normal(size=shape)
    target = pb.tensor([2, 0, 3, 3, 1][: shape[0]] if len(shape) == 2 else 2)
    weight = pb.tensor(rng.uniform(0.5, 2.0, size=shape[-1]))
    kw = {"weight": weight, "ignore_index": 3, "reduction": reduction}
    a, b = pb.tensor(x, requires_grad=True), pb.tensor(x, requires_grad=True)
    one = functional.cross_entropy(a, target, **kw)
    two = functional.nll_loss(functional.log_softmax(b, len(shape) - 1), target, **kw)
    assert type(one.grad_fn).__name__ == "CrossEntropy"
    assert one.item() == pytest.approx(two.item(), rel=1e-12)
    (one * 3.0).backward()
    (two * 3.0).backward()
    np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy(), rtol=1e-12, atol=1e-15)
    dircheck(lambda t: functional.cross_entropy(t, target, **kw), [x])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_mse_loss_gradient_for_both_operands(reduction, rng, dircheck):
    """mse_loss differentiates input and target."""
    a, b = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    ref = (a - b) ** 2
    got = functional.mse_loss(pb.as_tensor(a), pb.as_tensor(b), reduction).numpy()
    np.testing.assert_allclose(
        {"mean": ref.mean(), "sum": ref.sum(), "none": ref}[reduction], got, rtol=1e-12
    )
    dircheck(lambda x, y: functional.mse_loss(x, y, reduction), [a, b])


@pytest.mark.parametrize("shape", [(4,), (3, 4), (2, 3, 4)])
@pytest.mark.parametrize("bias", [True, False])
def test_linear_gradient(shape, bias, rng, dircheck):
    """linear is ``x @ w.T + b`` for any leading shape, differentiating all three."""
    x, w, b = rng.normal(size=shape), rng.normal(size=(5, 4)), rng.normal(size=5)
    ref = x @ w.T + (b if bias else 0)
    got = functional.linear(pb.as_tensor(x), pb.as_tensor(w), pb.as_tensor(b) if bias else None)
    np.testing.assert_allclose(ref, got.numpy(), rtol=1e-12)
    if bias:
        dircheck(lambda x_, w_, b_: functional.linear(x_, w_, b_), [x, w, b])
    else:
        dircheck(lambda x_, w_: functional.linear(x_, w_), [x, w])


def test_dropout_scales_kept_elements_and_their_gradient():
    """dropout zeroes elements with probability p and scales the others by 1/(1-p)."""
    pb.manual_seed(7)
    x = pb.ones(1000, dtype=np.float64, requires_grad=True)
    y = functional.dropout(x, 0.25)
    kept = y.detach().numpy() != 0
    np.testing.assert_allclose(1 / 0.75, y.detach().numpy()[kept])
    assert 0.65 < kept.mean() < 0.85
    y.sum().backward()
    np.testing.assert_allclose(np.where(kept, 1 / 0.75, 0.0), x.grad.numpy())
    assert functional.dropout(x, 0.25, training=False) is x


def test_dropout_gradient_by_differences(rng, dircheck):
    """With the seed set before each call (the same mask), dropout's gradient matches
    central differences."""

    def fn(t):
        pb.manual_seed(11)
        return functional.dropout(t, 0.4) * t

    dircheck(fn, [rng.normal(size=(6, 5))])


def test_dropout_mask_follows_the_shared_seed():
    """The same seed gives the same dropout mask."""
    x = pb.ones(50, dtype=np.float64)
    pb.manual_seed(3)
    a = functional.dropout(x, 0.5).numpy()
    pb.manual_seed(3)
    b = functional.dropout(x, 0.5).numpy()
    assert a.tolist() == b.tolist()


@pytest.mark.parametrize(
    ("shape", "k", "stride", "pad", "ceil"),
    [((2, 5, 6), 2, None, 0, False), ((1, 2, 5, 5), (3, 2), (2, 1), (1, 1), False),
     ((1, 1, 5, 5), 2, 2, 0, True)],
)  # fmt: skip
def test_max_pool2d_values_and_gradient(shape, k, stride, pad, ceil, rng, dircheck):
    """max_pool2d takes window maxima (THNN SpatialMaxPooling) and routes the gradient."""
    x = rng.normal(size=shape)
    out = functional.max_pool2d(pb.as_tensor(x), k, stride, pad, ceil).numpy()
    kh, kw = (k, k) if isinstance(k, int) else k
    dh, dw = (
        (kh, kw) if stride is None else ((stride, stride) if isinstance(stride, int) else stride)
    )
    ph, pw = (pad, pad) if isinstance(pad, int) else pad
    padded = np.pad(x, [(0, 0)] * (x.ndim - 2) + [(ph, ph + kh), (pw, pw + kw)],
                    constant_values=-np.inf)  # fmt: skip
    for i in range(out.shape[-2]):
        for j in range(out.shape[-1]):
            win = padded[..., i * dh : i * dh + kh, j * dw : j * dw + kw]
            np.testing.assert_array_equal(win.max(axis=(-2, -1)), out[..., i, j])
    dircheck(lambda t: functional.max_pool2d(t, k, stride, pad, ceil), [x])


def _conv_ref(x, w, b, stride, pad):
    xb = x if x.ndim == 4 else x[None]
    xp_ = np.pad(xb, [(0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1])])
    kh, kw = w.shape[2:]
    oh = (xp_.shape[2] - kh) // stride[0] + 1
    ow = (xp_.shape[3] - kw) // stride[1] + 1
    out = np.zeros((xb.shape[0], w.shape[0], oh, ow))
    for i in range(oh):
        for j in range(ow):
            win = xp_[:, :, i * stride[0] : i * stride[0] + kh, j * stride[1] : j * stride[1] + kw]
            out[:, :, i, j] = np.einsum("bchw,ochw->bo", win, w)
    out += 0 if b is None else b[None, :, None, None]
    return out if x.ndim == 4 else out[0]


@pytest.mark.parametrize(
    ("xshape", "stride", "pad", "bias"),
    [((2, 3, 6, 5), (1, 1), (0, 0), True), ((3, 5, 5), (2, 1), (1, 2), False),
     ((1, 3, 7, 7), (2, 2), (1, 1), True)],
)  # fmt: skip
def test_conv2d_values_and_gradient(xshape, stride, pad, bias, rng, dircheck):
    """conv2d matches a direct loop and differentiates input, weight and bias."""
    x = rng.normal(size=xshape)
    w = rng.normal(size=(4, xshape[-3], 3, 2))
    b = rng.normal(size=4) if bias else None
    got = functional.conv2d(
        pb.as_tensor(x), pb.as_tensor(w), None if b is None else pb.as_tensor(b), stride, pad
    )
    np.testing.assert_allclose(
        _conv_ref(x, w, b, stride, pad), got.numpy(), rtol=1e-10, atol=1e-12
    )
    if bias:
        dircheck(lambda x_, w_, b_: functional.conv2d(x_, w_, b_, stride, pad), [x, w, b])
    else:
        dircheck(lambda x_, w_: functional.conv2d(x_, w_, None, stride, pad), [x, w])


def test_conv2d_nodes_keep_their_own_columns(rng):
    """Two conv2d calls in one graph each use their own input in backward."""
    w = pb.tensor(rng.normal(size=(2, 1, 2, 2)), dtype=np.float64, requires_grad=True)
    a = pb.tensor(rng.normal(size=(1, 1, 3, 3)), dtype=np.float64)
    b = pb.tensor(rng.normal(size=(1, 1, 3, 3)), dtype=np.float64)
    (functional.conv2d(a, w).sum() + 2 * functional.conv2d(b, w).sum()).backward()
    ref = np.zeros((2, 1, 2, 2))
    for x, s in ((a.numpy(), 1), (b.numpy(), 2)):
        for i in range(2):
            for j in range(2):
                ref[:, 0] += s * x[0, 0, i : i + 2, j : j + 2]
    np.testing.assert_allclose(ref, w.grad.numpy(), rtol=1e-12)
