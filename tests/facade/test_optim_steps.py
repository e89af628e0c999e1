"""pytorch_bridge.optim: steps against hand-computed updates, and the ten-step Torch7
runs of compat/torch7/optim replayed through the facade with Lua modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import pytorch_bridge as pb
import pytorch_bridge.nn as nn
from pytorch_bridge import optim

CORPUS = Path(__file__).resolve().parents[2] / "compat" / "torch7" / "optim"


def _param(values: Any, grad: Any) -> Any:
    p = pb.tensor(np.array(values, dtype=np.float64), requires_grad=True)
    p.grad = pb.tensor(np.array(grad, dtype=np.float64))
    return p


def test_sgd_plain_step() -> None:
    """x -= lr * (grad + wd * x)."""
    p = _param([1.0, -2.0], [0.5, 0.25])
    optim.SGD([p], lr=0.1, weight_decay=0.01).step()
    np.testing.assert_allclose(
        [1 - 0.1 * (0.5 + 0.01), -2 - 0.1 * (0.25 - 0.02)], p.detach().numpy()
    )


def test_sgd_momentum_dampening_steps() -> None:
    """The buffer starts as the gradient, then becomes mom * buf + (1 - damp) * grad."""
    p = _param([1.0], [1.0])
    opt = optim.SGD([p], lr=0.1, momentum=0.9, dampening=0.5)
    opt.step()
    opt.step()
    buf = 0.9 * 1.0 + 0.5 * 1.0
    np.testing.assert_allclose([1 - 0.1 * 1.0 - 0.1 * buf], p.detach().numpy())


def test_sgd_nesterov_step() -> None:
    """Nesterov steps along grad + mom * buf."""
    p = _param([0.0], [2.0])
    opt = optim.SGD([p], lr=0.5, momentum=0.5, nesterov=True)
    opt.step()
    np.testing.assert_allclose([-0.5 * (2.0 + 0.5 * 2.0)], p.detach().numpy())


def test_sgd_lr_decay() -> None:
    """The second step uses lr / (1 + lr_decay)."""
    p = _param([0.0], [1.0])
    opt = optim.SGD([p], lr=1.0, lr_decay=1.0)
    opt.step()
    opt.step()
    np.testing.assert_allclose([-1.5], p.detach().numpy())


def test_adam_first_step_is_lr_sized() -> None:
    """Adam's first step is lr * sqrt(1 - b2) / (1 - b1) * m / (sqrt(v) + eps)."""
    p = _param([1.0], [0.3])
    optim.Adam([p], lr=0.01).step()
    m, v = 0.1 * 0.3, 0.001 * 0.09
    step = 0.01 * np.sqrt(0.001) / 0.1 * m / (np.sqrt(v) + 1e-8)
    np.testing.assert_allclose([1 - step], p.detach().numpy())


def test_rmsprop_step() -> None:
    """x -= lr g / (sqrt(m) + eps) with m = (1 - alpha) g^2 after one step."""
    p = _param([1.0], [2.0])
    optim.RMSprop([p], lr=0.01, alpha=0.9).step()
    np.testing.assert_allclose([1 - 0.01 * 2 / (np.sqrt(0.1 * 4) + 1e-8)], p.detach().numpy())


def test_adagrad_two_steps() -> None:
    """The accumulator sums squared gradients; the step divides by its root."""
    p = _param([0.0], [1.0])
    opt = optim.Adagrad([p], lr=0.1)
    opt.step()
    opt.step()
    np.testing.assert_allclose([-0.1 - 0.1 / (np.sqrt(2) + 1e-10)], p.detach().numpy())


def test_zero_grad_and_param_groups() -> None:
    """zero_grad zeroes gradients in place; groups keep their own learning rate."""
    a, b = _param([1.0], [1.0]), _param([1.0], [1.0])
    g = a.grad
    opt = optim.SGD([{"params": [a]}, {"params": [b], "lr": 1.0}], lr=0.1)
    opt.step()
    np.testing.assert_allclose([0.9], a.detach().numpy())
    np.testing.assert_allclose([0.0], b.detach().numpy())
    opt.zero_grad()
    assert g is a.grad
    assert 0.0 == g.item()


def test_sgd_after_get_parameters_repoints_the_weights() -> None:
    """Steps keep updating a Lua module whose tensors getParameters re-pointed, and the
    optimizer keeps one scratch array per parameter shape, however often they move."""
    lin = nn.Linear(3, 2).double()
    opt = optim.SGD(lin.parameters(), lr=0.5, momentum=0.9)
    x = pb.tensor(np.ones((1, 3)))
    for i in range(3):
        if i == 1:
            pb.lua.execute("local m = ...; m:getParameters()", lin.lua)
        before = lin.weight.detach().numpy().copy()
        opt.zero_grad()
        lin(x).sum().backward()
        opt.step()
        lua_w = pb.to_numpy(pb.lua.execute("local m = ...; return m.weight", lin.lua))
        assert np.shares_memory(lua_w, lin.weight.detach().numpy())
        assert not np.array_equal(before, lua_w)  # the Lua module saw the update
    assert 2 == len(opt._scratch)  # (2, 3) and (2,)


_MAP = {
    "learningRate": "lr",
    "learningRateDecay": "lr_decay",
    "weightDecay": "weight_decay",
    "momentum": "momentum",
    "dampening": "dampening",
    "nesterov": "nesterov",
    "epsilon": "eps",
    "alpha": "alpha",
    "initialMean": "initial_mean",
}
_CLASSES = {
    "sgd": optim.SGD,
    "adam": optim.Adam,
    "rmsprop": optim.RMSprop,
    "adagrad": optim.Adagrad,
}
RUNS = (
    "sgd_plain",
    "sgd_momentum_wd_lrd",
    "sgd_nesterov",
    "adam",
    "adam_custom",
    "rmsprop",
    "rmsprop_custom",
    "adagrad",
    "adagrad_custom",
)


def _settings(name: str, config: dict[str, Any]) -> dict[str, Any]:
    kw = {_MAP[k]: v for k, v in config.items() if k in _MAP}
    if name == "sgd" and "momentum" in kw and "dampening" not in kw:
        kw["dampening"] = kw["momentum"]  # Lua's default
    if "beta1" in config or "beta2" in config:
        kw["betas"] = (config.get("beta1", 0.9), config.get("beta2", 0.999))
    return kw


@pytest.mark.parametrize("run", RUNS)
def test_torch7_run_replayed_through_facade(run: str) -> None:
    """Ten steps of the Python optimizer on the Lua MLP follow Torch7's saved trajectory."""
    if not (CORPUS / f"{run}.t7").exists():
        pytest.skip("the optim corpus is not present")
    load = pb.lua.eval("function(p) require 'nn'; return torch.load(p) end")
    ref, data = load(str(CORPUS / f"{run}.t7")), load(str(CORPUS / "data.t7"))
    model, crit = nn.from_lua(ref.model_init), nn.from_lua(ref.criterion)
    x = pb.tensor(pb.to_numpy(data.X).copy())
    y = pb.tensor(pb.to_numpy(data.Y).copy())
    config = {k: v for k, v in ref.config.items()}
    params = list(model.parameters())
    opt = _CLASSES[ref.optimizer](params, **_settings(ref.optimizer, config))
    expected = pb.to_numpy(ref.params_per_step)
    for step in range(10):
        opt.zero_grad()
        crit(model(x), y).backward()
        opt.step()
        flat = np.concatenate([p.detach().numpy().reshape(-1) for p in params])
        scale = np.max(np.abs(expected[step]))
        assert np.max(np.abs(flat - expected[step])) / scale <= 1e-10
