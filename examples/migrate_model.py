"""Migrate a Torch7 model to Python one layer at a time, and save it back for Torch7.

The model is ``compat/torch7/models/mlp_relu_logsoftmax.t7``, written by a real Torch7
build: ``nn.Sequential`` of ``Linear(10 -> 20)``, ``ReLU``, ``Linear(20 -> 5)`` and
``LogSoftMax``, in float64. The example

1. loads it with :func:`pytorch_bridge.load` (a Python proxy over the Lua model);
2. replaces the last ``nn.Linear`` with :class:`PyLinear`, a Python module started from
   the Lua layer's weights, which then runs inside the Lua ``nn.Sequential``; the mixed
   model computes exactly what the Lua one did;
3. fine-tunes it on a synthetic task made from the seed: the first ``Linear`` stays
   frozen, ``pytorch_bridge.optim.Adam`` trains the Python head through Lua's
   ``ClassNLLCriterion``, and the loss falls;
4. turns the Python head back into a Lua ``nn.Linear`` holding the fine-tuned weights
   (real Torch7 cannot read a Python module), clears the buffers and gradients the run
   left, and saves the all-Lua model with :func:`pytorch_bridge.save`;
5. reads both files again and checks that Torch7's layout is kept: the same classes,
   fields, scalar values and tensor types and sizes everywhere; every tensor of the
   unchanged layers byte for byte the original's; the new last layer the fine-tuned
   weights. It reads them with our loader and, when the ``torchfile`` package is
   installed, also with that independent reader.

Run: ``python examples/migrate_model.py [--steps 40] [--seed 1] [--out migrated.t7]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

import pytorch_bridge as pb
import pytorch_bridge.nn as nn
from pytorch_bridge import optim
from pytorch_bridge.backend import torch_type_of

SOURCE = Path(__file__).resolve().parents[1] / "compat/torch7/models/mlp_relu_logsoftmax.t7"
HEAD = 2  # 0-based position of the replaced nn.Linear in the Sequential


def tensor_type(dtype: np.dtype[Any]) -> str:
    """The Torch7 tensor type name of a numpy dtype ('torch.DoubleTensor', ...)."""
    return f"torch.{torch_type_of(dtype)}Tensor"


class PyLinear(nn.Module):
    """``y = x W^T + b`` written with tape operations; the Python twin of ``nn.Linear``."""

    def __init__(self, weight: np.ndarray[Any, Any], bias: np.ndarray[Any, Any]) -> None:
        super().__init__()
        self.weight = nn.Parameter(np.array(weight, copy=True))
        self.bias = nn.Parameter(np.array(bias, copy=True))

    @classmethod
    def from_lua(cls, linear: nn.LuaModule) -> PyLinear:
        """A PyLinear holding copies of a Lua ``nn.Linear``'s weight and bias."""
        return cls(linear.weight.detach().numpy(), linear.bias.detach().numpy())

    def forward(self, x: pb.Tensor) -> pb.Tensor:
        return x @ self.weight.t() + self.bias

    def to_lua(self) -> nn.LuaModule:
        """A Lua ``nn.Linear`` of the same type holding copies of this module's weights."""
        out_size, in_size = self.weight.shape
        linear: nn.LuaModule = nn.Linear(in_size, out_size).type(tensor_type(self.weight.dtype))
        linear.load_state_dict({"weight": self.weight, "bias": self.bias})
        linear.zero_grad()
        return linear


def make_data(model: nn.LuaModule, seed: int, n: int = 128) -> tuple[pb.Tensor, pb.Tensor]:
    """Inputs and 0-based labels of a new task on the model's frozen features.

    A random linear map of the first layer's ReLU features, drawn from ``seed``, picks
    the class of each standard normal input, so the Python head can learn the task.
    """
    rng = np.random.default_rng(seed)
    w = model[0].weight
    x = pb.tensor(rng.normal(size=(n, w.shape[1])), dtype=w.dtype)
    with pb.no_grad():
        features = pb.relu(model[0](x)).numpy()
    teacher = rng.normal(size=(features.shape[1], model[HEAD].weight.shape[0]))
    return x, pb.tensor(np.argmax(features @ teacher, axis=1))


def fine_tune(
    model: nn.LuaModule, head: PyLinear, x: pb.Tensor, y: pb.Tensor, steps: int
) -> list[float]:
    """Full-batch Adam steps on the head's parameters only.

    Returns:
        The loss before each step, then the loss after the last one.
    """
    criterion = nn.ClassNLLCriterion(zero_based=True).type(tensor_type(x.dtype))
    opt = optim.Adam(head.parameters(), lr=0.05)
    history = []
    for _ in range(steps):
        opt.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        opt.step()
        history.append(loss.item())
    with pb.no_grad():
        history.append(criterion(model(x), y).item())
    return history


def restore_lua_head(model: nn.LuaModule, head: PyLinear) -> None:
    """Swap the Python head for an equal Lua ``nn.Linear`` and clear what training left.

    ``clearState`` empties every ``output`` and ``gradInput`` buffer and the gradients are
    zeroed, as they were in the file the model came from. A freshly built module has no
    ``train`` field until ``training()`` or ``evaluate()`` runs, so the container's mode is
    set again to give the new layer the field its predecessor had.
    """
    model.remove(HEAD)
    model.insert(head.to_lua(), HEAD)
    model.train(model.training)
    model.zero_grad()
    model.clear_state()


# ----------------------------------------------------------------------------- layout

#: Lua: walk a loaded object and describe every value at its path (``model.modules[1]``).
_DESCRIBE = r"""
local function describe(v, path, lines, tensors)
   if torch.isTensor(v) then
      local sizes = v:dim() == 0 and '-' or table.concat(v:size():totable(), 'x')
      lines[#lines + 1] = path .. ' ' .. torch.typename(v) .. ' ' .. sizes
      tensors[path] = v
   elseif type(v) == 'table' then
      lines[#lines + 1] = path .. ' ' .. (torch.typename(v) or 'table')
      for k, x in pairs(v) do
         local sub = type(k) == 'number' and string.format('[%.17g]', k) or '.' .. tostring(k)
         describe(x, path .. sub, lines, tensors)
      end
   elseif type(v) == 'number' then
      lines[#lines + 1] = path .. ' number ' .. string.format('%.17g', v)
   else
      lines[#lines + 1] = path .. ' ' .. type(v) .. ' ' .. tostring(v)
   end
end
local obj = ...
local lines, tensors = {}, {}
describe(obj, 'model', lines, tensors)
return table.concat(lines, '\n'), tensors
"""


class Layout(NamedTuple):
    """What a reader saw in a file: one line per value (path, type, size or value), and
    the tensors by path."""

    lines: list[str]
    tensors: dict[str, np.ndarray[Any, Any]]


def layout_ours(path: str | os.PathLike[str]) -> Layout:
    """The layout of a ``.t7`` file as our loader reads it."""
    model = pb.load(path)
    text, tensors = pb.lua.execute(_DESCRIBE, model.lua)
    return Layout(
        sorted(str(text).split("\n")), {str(k): pb.to_numpy(v) for k, v in tensors.items()}
    )


def layout_torchfile(path: str | os.PathLike[str]) -> Layout:
    """The layout of a ``.t7`` file as the ``torchfile`` package reads it."""
    import torchfile

    out = Layout([], {})

    def walk(v: Any, where: str) -> None:
        if isinstance(v, np.ndarray):
            sizes = "x".join(str(s) for s in v.shape) if v.size else "-"
            out.lines.append(f"{where} {tensor_type(v.dtype)} {sizes}")
            out.tensors[where] = v
        elif isinstance(v, torchfile.TorchObject):
            out.lines.append(f"{where} {v.torch_typename().decode()}")
            walk_table(v._obj, where)
        elif isinstance(v, dict | list):
            out.lines.append(f"{where} table")
            walk_table(v, where)
        elif isinstance(v, bool):
            out.lines.append(f"{where} boolean {str(v).lower()}")
        elif isinstance(v, int | float):
            out.lines.append(f"{where} number {v:.17g}")
        else:
            out.lines.append(f"{where} string {v.decode()}")

    def walk_table(t: Any, where: str) -> None:
        for k, x in enumerate(t, 1) if isinstance(t, list) else t.items():
            walk(x, f"{where}[{k}]" if isinstance(k, int) else f"{where}.{k.decode()}")

    walk(torchfile.load(os.fspath(path)), "model")
    out.lines.sort()
    return out


def check_layout(original: Layout, saved: Layout, head: PyLinear) -> list[str]:
    """What differs between the two files beyond the new head's weights; empty when the
    layout is kept, the unchanged layers are byte-identical and the head is fine-tuned."""
    problems = [
        f"only in the original: {s}" for s in sorted(set(original.lines) - set(saved.lines))
    ]
    problems += [
        f"only in the saved file: {s}" for s in sorted(set(saved.lines) - set(original.lines))
    ]
    prefix = f"model.modules[{HEAD + 1}]."
    for where, a in original.tensors.items():
        b = saved.tensors.get(where)
        if b is None or where in (prefix + "weight", prefix + "bias"):
            continue
        if a.dtype != b.dtype or a.tobytes() != b.tobytes():
            problems.append(f"{where} changed")
    for name in ("weight", "bias"):
        b = saved.tensors[prefix + name]
        if not np.array_equal(getattr(head, name).detach().numpy(), b):
            problems.append(f"{prefix}{name} is not the fine-tuned {name}")
        if np.array_equal(original.tensors[prefix + name], b):
            problems.append(f"{prefix}{name} was not fine-tuned")
    return problems


# ----------------------------------------------------------------------------- the run


class Result(NamedTuple):
    """What :func:`migrate` did."""

    out: Path
    history: list[float]
    mixed_gap: float  # largest |Lua model - mixed model| output difference before training
    saved_gap: float  # largest |mixed model - saved model| output difference after training
    readers: dict[str, list[str]]  # reader name -> layout problems (empty: layout kept)
    model: str  # the saved model as Lua prints it


def migrate(steps: int = 40, seed: int = 1, out: str | os.PathLike[str] | None = None) -> Result:
    """Load, swap the head for Python, fine-tune, swap back, save and check the layout."""
    out_path = Path(out) if out is not None else Path(tempfile.mkdtemp()) / "migrated.t7"
    pb.manual_seed(seed)
    model = nn.load(SOURCE)
    x, y = make_data(model, seed)
    with pb.no_grad():
        before = model(x).numpy().copy()
        head = PyLinear.from_lua(model.remove(HEAD))
        model.insert(head, HEAD)
        mixed_gap = float(np.abs(model(x).numpy() - before).max())
    history = fine_tune(model, head, x, y, steps)
    with pb.no_grad():
        tuned = model(x).numpy().copy()
    restore_lua_head(model, head)
    description = repr(model)
    pb.save(out_path, model)
    with pb.no_grad():
        saved_gap = float(np.abs(nn.load(out_path)(x).numpy() - tuned).max())
    readers = {"pytorch_bridge": check_layout(layout_ours(SOURCE), layout_ours(out_path), head)}
    if importlib.util.find_spec("torchfile") is not None:
        readers["torchfile"] = check_layout(
            layout_torchfile(SOURCE), layout_torchfile(out_path), head
        )
    return Result(out_path, history, mixed_gap, saved_gap, readers, description)


def main() -> None:
    """Parse the options, run the migration and print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=None, help="where to write the .t7 (a temp file)")
    args = parser.parse_args()
    r = migrate(args.steps, args.seed, args.out)
    print(f"loaded {SOURCE.name}, last Linear replaced by a Python PyLinear")
    print(f"mixed model before training: max |difference| {r.mixed_gap:.3g} from the Lua model")
    print(f"fine-tuned {args.steps} steps: loss {r.history[0]:.4f} -> {r.history[-1]:.4f}")
    print(f"saved {r.out} (max |difference| {r.saved_gap:.3g} from the mixed model):")
    print(r.model)
    for reader, problems in r.readers.items():
        state = "layout kept" if not problems else "; ".join(problems)
        print(f"read back with {reader}: {state}")


if __name__ == "__main__":
    main()
