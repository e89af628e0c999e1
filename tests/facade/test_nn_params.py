"""Parameters, gradients, structure and state of Lua modules seen from Python: shared
memory in both directions, names, containers, modes and state_dict."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import pytorch_bridge as pb
import pytorch_bridge.nn as nn


def _mlp() -> Any:
    return nn.Sequential().add(nn.Linear(3, 4)).add(nn.Tanh()).add(nn.Linear(4, 2))


def test_named_parameters_use_fields_and_zero_based_positions() -> None:
    """Names are the Lua field names prefixed by the 0-based child position."""
    names = [n for n, _ in _mlp().named_parameters()]
    assert ["0.weight", "0.bias", "2.weight", "2.bias"] == names


def test_python_write_is_seen_by_lua() -> None:
    """Writing a parameter's array from Python changes the Lua weight tensor."""
    lin = nn.Linear(2, 2)
    lin.weight.detach().numpy()[0, 1] = 7.5
    value = pb.lua.execute("local m = ...; return m.weight[1][2]", lin.lua)
    assert 7.5 == value


def test_lua_write_is_seen_by_python() -> None:
    """A Lua-side update of the weight (and gradWeight) shows in the Python handles."""
    lin = nn.Linear(2, 2)
    w = lin.weight
    pb.lua.execute("local m = ...; m.weight:fill(3); m.gradWeight:fill(-1)", lin.lua)
    np.testing.assert_array_equal(np.full((2, 2), 3.0), w.detach().numpy())
    np.testing.assert_array_equal(np.full((2, 2), -1.0), w.grad.numpy())


def test_backward_fills_the_lua_gradients(rng: Any) -> None:
    """Gradients computed from Python land in gradWeight, visible to Lua."""
    lin = nn.Linear(3, 2)
    lin.zero_grad()
    x = pb.tensor(rng.uniform(-1, 1, (4, 3)))
    lin(x).sum().backward()
    expected = np.tile(x.numpy().sum(0), (2, 1))
    lua_grad = pb.to_numpy(pb.lua.execute("local m = ...; return m.gradWeight", lin.lua))
    np.testing.assert_allclose(expected, lua_grad)
    np.testing.assert_allclose(expected, lin.weight.grad.numpy())


def test_handles_follow_get_parameters() -> None:
    """A handle taken before Lua's getParameters() still reads and writes the module."""
    seq = _mlp()
    w = seq[0].weight
    flat = pb.lua.execute("local m = ...; local p = m:getParameters(); return p", seq.lua)
    pb.nn.sync([w])
    w.detach().numpy()[...] = 0.25
    np.testing.assert_array_equal(np.full(12, 0.25), pb.to_numpy(flat)[:12])
    assert w is seq[0].weight
    assert np.shares_memory(
        seq[0].weight.grad.numpy(),
        pb.to_numpy(pb.lua.execute("local m = ...; return m.modules[1].gradWeight", seq.lua)),
    )


def test_zero_grad_zeroes_in_place() -> None:
    """zero_grad zeroes the Lua gradient tensors and keeps the handles."""
    lin = nn.Linear(2, 2)
    g = lin.weight.grad
    g.numpy().fill(5)
    lin.zero_grad()
    np.testing.assert_array_equal(np.zeros((2, 2)), g.numpy())


def test_train_and_eval_switch_lua_modes() -> None:
    """train()/eval() call training()/evaluate() on the Lua tree."""
    seq = nn.Sequential().add(nn.Dropout(0.5))
    seq.eval()
    assert not seq.training
    assert False is pb.lua.execute("local m = ...; return m.modules[1].train", seq.lua)
    seq.train()
    assert seq[0].training


def test_state_dict_round_trip(rng: Any) -> None:
    """state_dict of one model loaded into another gives the same outputs."""
    a, b = _mlp(), _mlp()
    a.add(nn.BatchNormalization(2))
    b.add(nn.BatchNormalization(2))
    state = a.state_dict()
    assert "3.running_mean" in state
    b.load_state_dict({k: v.numpy().copy() for k, v in state.items()})
    x = pb.tensor(rng.uniform(-1, 1, (5, 3)))
    a.eval()
    b.eval()
    np.testing.assert_array_equal(a(x).detach().numpy(), b(x).detach().numpy())


def test_load_state_dict_rejects_wrong_names_and_shapes() -> None:
    """Missing keys and wrong shapes raise clear errors."""
    lin = nn.Linear(2, 2)
    with pytest.raises(KeyError):
        lin.load_state_dict({"weight": np.zeros((2, 2))})
    with pytest.raises(pb.ShapeError):
        lin.load_state_dict({"weight": np.zeros((3, 2)), "bias": np.zeros(2)})


def test_container_indexing_add_insert_remove() -> None:
    """Children are indexed from 0; add, insert and remove change the Lua container."""
    seq = nn.Sequential().add(nn.Linear(2, 3))
    seq.add(nn.Tanh())
    seq.insert(nn.ReLU(), 1)
    assert 3 == len(seq)
    assert "nn.ReLU" in repr(seq[1])
    assert "nn.Tanh" in repr(seq[-1])
    removed = seq.remove(1)
    assert "nn.ReLU" in repr(removed)
    assert ["0", "1"] == [n for n, _ in seq.named_children()]
    assert 2 == pb.lua.execute("local m = ...; return #m.modules", seq.lua)


def test_same_proxy_for_same_lua_module() -> None:
    """Indexing twice gives the same proxy, so parameter handles are stable."""
    seq = _mlp()
    assert seq[0] is seq[0]
    assert seq[0].weight is next(iter(seq.parameters()))


def test_repr_is_the_lua_tree() -> None:
    """Printing a proxy gives Torch7's tostring of the module."""
    text = repr(_mlp())
    assert text.startswith("nn.Sequential {")
    assert "(1): nn.Linear(3 -> 4)" in text


def test_from_lua_wraps_a_loaded_module(tmp_path: Any, rng: Any) -> None:
    """A module saved and read back by torch.save/torch.load is usable through from_lua."""
    path = str(tmp_path / "m.t7")
    seq = _mlp()
    loaded = pb.lua.execute(
        "local m, p = ...; torch.save(p, m); return torch.load(p)", seq.lua, path
    )
    proxy = nn.from_lua(loaded)
    x = pb.tensor(rng.uniform(-1, 1, (2, 3)))
    np.testing.assert_array_equal(seq(x).detach().numpy(), proxy(x).detach().numpy())


def test_default_dtype_picks_module_type() -> None:
    """Modules are built in the default dtype: float32 unless changed."""
    pb.set_default_dtype(np.float32)
    assert np.float32 == nn.Linear(2, 2).weight.dtype
    pb.set_default_dtype(np.float64)
    assert np.float64 == nn.Linear(2, 2).weight.dtype


def test_load_returns_proxies_tensors_and_lists(tmp_path: Any, rng: Any) -> None:
    """nn.load reads a .t7 file: modules as proxies, tensors shared, tables as lists/dicts."""
    path = str(tmp_path / "mix.t7")
    seq = _mlp()
    pb.lua.execute(
        "local m, p = ...; torch.save(p, {model = m, steps = {1, 2}, t = torch.ones(2)})",
        seq.lua,
        path,
    )
    obj = nn.load(path)
    assert {"model", "steps", "t"} == set(obj)
    assert [1, 2] == obj["steps"]
    np.testing.assert_array_equal(np.ones(2), obj["t"].numpy())
    x = pb.tensor(rng.uniform(-1, 1, (2, 3)))
    np.testing.assert_array_equal(seq(x).detach().numpy(), obj["model"](x).detach().numpy())
