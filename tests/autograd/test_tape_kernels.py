"""The broadcasting and 0-based kernels the tape adds (kernels/tape_*.py)."""

from __future__ import annotations

import numpy as np
import pytest

from pytorch_bridge.kernels import tape_index, tape_pointwise, tape_reduce


def test_tape_binary_kernels_broadcast(xp):
    """tape_add/sub/mul/div/pow follow numpy broadcasting and accept Python numbers."""
    a = xp.arange(6.0).reshape(2, 3)
    b = xp.asarray([1.0, 2.0, 4.0])
    assert [[1.0, 3.0, 6.0], [4.0, 6.0, 9.0]] == tape_pointwise.tape_add(a, b).tolist()
    assert [[-1.0, 0.0, 1.0], [2.0, 3.0, 4.0]] == tape_pointwise.tape_sub(a, 1).tolist()
    assert [[0.0, 2.0, 4.0], [6.0, 8.0, 10.0]] == tape_pointwise.tape_mul(2, a).tolist()
    assert [np.inf, 1.0] == tape_pointwise.tape_div(
        xp.asarray([1.0, 2.0]), xp.asarray([0.0, 2.0])
    ).tolist()
    assert [[0.0, 1.0, 4.0], [9.0, 16.0, 25.0]] == tape_pointwise.tape_pow(a, 2).tolist()


def test_tape_compare_rejects_unknown_operation(xp):
    """An unknown comparison name raises ValueError."""
    with pytest.raises(ValueError, match="unknown comparison"):
        tape_pointwise.tape_compare("lq", xp.zeros(2), 0)


def test_tape_extreme_picks_first_position_on_ties(xp):
    """max/min positions are 0-based and the first of equal values."""
    a = xp.asarray([[1.0, 3.0, 3.0], [2.0, 0.0, 0.0]])
    values, pos = tape_reduce.tape_extreme("max", a, 1, False)
    assert [3.0, 2.0] == values.tolist() and [1, 0] == pos.tolist()
    values, pos = tape_reduce.tape_extreme("min", a, 1, True)
    assert [[1.0], [0.0]] == values.tolist() and [[0], [1]] == pos.tolist()


def test_tape_logsumexp_handles_infinities(xp):
    """logsumexp is exact for large values and gives -inf for an all -inf slice."""
    a = xp.asarray([[1000.0, 1000.0], [-np.inf, -np.inf]])
    out = tape_reduce.tape_logsumexp(a, (1,), False)
    assert pytest.approx(1000 + np.log(2)) == float(out[0])
    assert -np.inf == float(out[1])


def test_tape_index_backward_accumulates_repeats(xp):
    """Repeated positions of an integer index receive every gradient."""
    out = tape_index.tape_index_backward((3,), (xp.asarray([0, 0, 2]),), xp.ones(3))
    assert [2.0, 0.0, 1.0] == out.tolist()


def test_tape_gather_and_its_backward(xp):
    """gather picks 0-based positions along an axis; its backward accumulates."""
    src = xp.arange(6.0).reshape(2, 3)
    idx = xp.asarray([[2, 2], [0, 1]])
    assert [[2.0, 2.0], [3.0, 4.0]] == tape_index.tape_gather(src, 1, idx).tolist()
    back = tape_index.tape_gather_backward((2, 3), 1, idx, xp.ones((2, 2)))
    assert [[0.0, 0.0, 2.0], [1.0, 1.0, 0.0]] == back.tolist()
