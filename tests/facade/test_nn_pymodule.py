"""Python modules inside Lua containers (nn.PyModule): forward, gradients derived from
the tape, parameters shared with Lua, and construction by name from a Lua script."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

import pytorch_bridge as pb
import pytorch_bridge.nn as nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from facade_helpers import numeric_param_grad  # noqa: E402 - the folder is put on the path above
from pymodule_helpers import ScaledTanh  # noqa: E402


def _model() -> Any:
    return nn.Sequential().add(nn.Linear(3, 3)).add(ScaledTanh(3)).add(nn.Linear(3, 2))


def test_python_module_in_sequential_gradcheck(leaf: Any) -> None:
    """A Lua Sequential holding a Python module passes the input gradient check."""
    seq = _model()
    assert pb.gradcheck(lambda x: seq(x), [leaf(4, 3)])


def test_python_parameter_gradient_through_lua(leaf: Any) -> None:
    """The Python module's parameter gradient, computed inside Lua's backward, is right."""
    seq = _model()
    x = leaf(4, 3)
    seq.zero_grad()
    seq(x).sum().backward()
    w = seq[1].w
    num = numeric_param_grad(lambda: seq(x).sum(), w)
    np.testing.assert_allclose(num, w.grad.numpy(), atol=1e-7)


def test_children_and_names_include_the_python_module() -> None:
    """Indexing returns the Python module itself; its parameters are named by position."""
    seq = _model()
    assert isinstance(seq[1], ScaledTanh)
    assert ["0.weight", "0.bias", "1.w", "2.weight", "2.bias"] == [
        n for n, _ in seq.named_parameters()
    ]
    assert "nn.PyModule(ScaledTanh)" in repr(seq)


def test_children_and_state_dict_with_the_python_module(rng: Any) -> None:
    """children() yields the proxies and the Python module; state_dict names the Python
    parameter by position and loads into another model."""
    a, b = _model(), _model()
    kinds = [type(c).__name__ for c in a.children()]
    assert "ScaledTanh" == kinds[1] and 3 == len(kinds)
    state = a.state_dict()
    assert ["0.weight", "0.bias", "1.w", "2.weight", "2.bias"] == list(state)
    state["1.w"].numpy()[:] = rng.uniform(0.5, 1.5, 3)
    b.load_state_dict({k: v.numpy().copy() for k, v in state.items()})
    x = pb.tensor(rng.uniform(-1, 1, (2, 3)))
    np.testing.assert_array_equal(a(x).detach().numpy(), b(x).detach().numpy())


def test_python_write_to_a_python_parameter_is_seen_by_lua() -> None:
    """A Python module's parameter shares its memory with the Lua side."""
    seq = _model()
    with pb.no_grad():
        seq[1].w.fill_(2.5)
    flat = pb.lua.execute("local m = ...; return (m:parameters())[3]", seq.lua)
    np.testing.assert_array_equal(np.full(3, 2.5), pb.to_numpy(flat))


def test_repr_of_a_python_module_tree() -> None:
    """A pure-Python module prints its class and its named children, nested."""

    class Pair(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = ScaledTanh(2)
            self.lin = nn.Linear(2, 2)

        def forward(self, x: Any) -> Any:
            return self.lin(self.inner(x))

    text = repr(Pair())
    assert text.startswith("Pair(\n  (inner): ScaledTanh()\n  (lin): nn.Linear(2 -> 2)")
    assert text.endswith(")")
    assert "ScaledTanh()" == repr(ScaledTanh(2))


def test_lua_backward_matches_tape(rng: Any) -> None:
    """Lua's own forward/backward over the container agree with the Python tape."""
    seq = _model()
    x = rng.uniform(-1, 1, (2, 3))
    gi = pb.lua.execute(
        "local m, x = ...; m:forward(x); return m:backward(x, torch.ones(2, 2))",
        seq.lua,
        pb.from_numpy(x),
    )
    xt = pb.tensor(x, requires_grad=True)
    seq(xt).sum().backward()
    np.testing.assert_allclose(xt.grad.numpy(), pb.to_numpy(gi), rtol=1e-12)


def test_get_parameters_includes_python_parameters() -> None:
    """Lua's getParameters flattens the Python parameters too, and Python follows."""
    seq = _model()
    flat = pb.lua.execute("local m = ...; return (m:getParameters())", seq.lua)
    assert 12 + 3 + 8 == flat.nElement(flat)
    w = seq[1].w
    pb.to_numpy(flat)[12:15] = 9.0
    np.testing.assert_array_equal(np.full(3, 9.0), w.detach().numpy())


def test_pymodule_by_name_from_lua_script() -> None:
    """A Lua script builds nn.PyModule('module:Class', args) and trains through it."""
    nn.Linear(1, 1)  # loads the Python side
    out = pb.lua.execute(
        """
        local m = nn.Sequential():add(nn.Linear(3, 3))
        m:add(nn.PyModule('pymodule_helpers:ScaledTanh', 3))
        m:double()
        local x = torch.randn(2, 3)
        m:zeroGradParameters()
        m:forward(x)
        local gi = m:backward(x, torch.ones(2, 3))
        local _, g = m:parameters()
        return gi:size(1), gi:size(2), g[3]:abs():sum() > 0
        """
    )
    assert (2, 3, True) == out
