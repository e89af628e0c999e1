"""Parity of torch.manualSeed and the random functions with real Torch7.

``compat/torch7-rng/rng_values.txt`` holds what a real Torch7 build returned for each
case below after ``torch.manualSeed(SEED)``; our runtime must give the same values bit
for bit. The state layout of ``torch.getRNGState`` is checked field by field against the
numbers of ``compat/torch7-rng/README.md`` and byte for byte against ``rng.t7``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge.runtime import get_runtime

CORPUS = Path(__file__).resolve().parent.parent / "compat" / "torch7-rng"
SEEDS = (0, 1, 42, 123456789)
STATE_BYTES = 5048
D, F = "torch.DoubleTensor", "torch.FloatTensor"

# (case, default tensor type, Lua chunk body; SEED is the seed of the case)
CASES: list[tuple[str, str, str]] = [
    ("rand10_double", D, "return torch.rand(10)"),
    ("randn10_double", D, "return torch.randn(10)"),
    ("rand10_float", F, "return torch.rand(10)"),
    ("randn10_float", F, "return torch.randn(10)"),
    ("randn_3x4", D, "return torch.randn(3, 4)"),
    ("rand_2x3x2", D, "return torch.rand(2, 3, 2)"),
    ("uniform7", D, "return torch.Tensor(7):uniform(-2, 3)"),
    ("uniform7_default", D, "return torch.Tensor(7):uniform()"),
    ("normal7", D, "return torch.Tensor(7):normal(1, 0.5)"),
    ("normal7_default", D, "return torch.Tensor(7):normal()"),
    ("exponential7", D, "return torch.Tensor(7):exponential(2)"),
    ("cauchy7", D, "return torch.Tensor(7):cauchy(0, 1)"),
    ("logNormal7", D, "return torch.Tensor(7):logNormal(1, 2)"),
    ("geometric7", D, "return torch.Tensor(7):geometric(0.3)"),
    ("bernoulli7", D, "return torch.Tensor(7):bernoulli(0.4)"),
    ("bernoulli7_default", D, "return torch.Tensor(7):bernoulli()"),
    ("float_uniform7", D, "return torch.FloatTensor(7):uniform(-2, 3)"),
    ("float_normal7", D, "return torch.FloatTensor(7):normal(1, 0.5)"),
    ("float_exponential7", D, "return torch.FloatTensor(7):exponential(2)"),
    ("random6_double", D, "return torch.DoubleTensor(6):random()"),
    ("random6_float", D, "return torch.FloatTensor(6):random()"),
    ("random_byte8", D, "return torch.ByteTensor(8):random()"),
    ("random_char8", D, "return torch.CharTensor(8):random()"),
    ("random_short8", D, "return torch.ShortTensor(8):random()"),
    ("random_int8", D, "return torch.IntTensor(8):random()"),
    ("random_long8", D, "return torch.LongTensor(8):random()"),
    (
        "random_tensor_ranges",
        D,
        "local a = torch.LongTensor(6):random(10)\n"
        "local b = torch.LongTensor(6):random(-3, 3)\n"
        "local c = torch.IntTensor(6):random(1, 6)\n"
        "local d = torch.ByteTensor(6):random(200, 255)\n"
        "local e = torch.DoubleTensor(6):random(0, 1)\n"
        "return { a, b, c, d, e }",
    ),
    (
        "random_scalars5",
        D,
        "local r = {}; for i = 1, 5 do r[i] = torch.random() end; return r",
    ),
    (
        "random_scalar_ranges",
        D,
        "return { torch.random(10), torch.random(10), torch.random(-5, 5), "
        "torch.random(1, 100), torch.random(0, 1) }",
    ),
    ("uniform_scalars3", D, "return { torch.uniform(), torch.uniform(), torch.uniform(-1, 1) }"),
    ("normal_scalars3", D, "return { torch.normal(), torch.normal(), torch.normal(2, 3) }"),
    (
        "misc_scalars",
        D,
        "return { torch.exponential(2), torch.cauchy(), torch.logNormal(1, 2), "
        "torch.geometric(0.3), torch.bernoulli(), torch.bernoulli(0.9) }",
    ),
    ("randperm10", D, "return torch.randperm(10)"),
    ("randperm10_float", F, "return torch.randperm(10)"),
    (
        "multinomial_replacement",
        D,
        "local probs = torch.Tensor({0.1, 0.2, 0.3, 0.4}); "
        "return torch.multinomial(probs, 5, true)",
    ),
    (
        "multinomial_noreplacement",
        D,
        "local probs = torch.Tensor({0.05, 0.1, 0.15, 0.2, 0.25, 0.25}); "
        "return torch.multinomial(probs, 5, false)",
    ),
    (
        "multinomial_noreplacement_default",
        D,
        "local probs = torch.Tensor({0.05, 0.1, 0.15, 0.2, 0.25, 0.25}); "
        "return torch.multinomial(probs, 3)",
    ),
    (
        "multinomial_2d_unnormalized",
        D,
        "local probs = torch.Tensor({{1, 2, 3, 4}, {4, 0, 1, 1}}); "
        "return torch.multinomial(probs, 6, true)",
    ),
    (
        "normal_transposed_view",
        D,
        "local base = torch.zeros(4, 3)\n"
        "local v = base:t()\n"
        "v:normal()\n"
        "return { view = v:clone(), base = base:clone() }",
    ),
    (
        "uniform_narrow_view",
        D,
        "local base = torch.zeros(4, 5)\nbase:narrow(2, 2, 3):uniform()\nreturn base",
    ),
    (
        "box_muller_sequence",
        D,
        "local a = torch.randn(3)\nlocal b = torch.rand(3)\nlocal c = torch.randn(1)\n"
        "local d = torch.randn(2)\nreturn { a, b, c, d }",
    ),
    (
        "box_muller_scalar_tensor_mix",
        D,
        "local a = torch.normal()\nlocal b = torch.uniform()\nlocal c = torch.randn(2)\n"
        "local d = torch.normal()\nreturn { a, b, c, d }",
    ),
    (
        "reseed_resets_normal_cache",
        D,
        "local a = torch.randn(1)\ntorch.manualSeed(SEED)\nlocal b = torch.randn(2)\n"
        "return { a, b }",
    ),
    ("rand1300", D, "return torch.rand(1300)"),
    ("initialSeed", D, "return torch.initialSeed()"),
    (
        "seed_plus_2pow32",
        D,
        "torch.manualSeed(SEED + 4294967296)\nreturn { torch.initialSeed(), torch.rand(3) }",
    ),
    (
        "generator_object",
        D,
        "local g = torch.Generator()\ntorch.manualSeed(g, SEED + 7)\n"
        "local a = torch.rand(g, 3)\nlocal b = torch.rand(3)\nlocal c = torch.randn(g, 2)\n"
        "return { a, b, c }",
    ),
    (
        "rng_state_roundtrip",
        D,
        "torch.rand(5)\nlocal s = torch.getRNGState():clone()\nlocal a = torch.randn(3)\n"
        "torch.setRNGState(s)\nlocal b = torch.randn(3)\nreturn { a, b, s:nElement() }",
    ),
]

# Run one case as the corpus was made and flatten its value: a list of numbers and
# (array, is_float32) pairs, tables in the order of tostring(key), tensors row-major.
_RUNNER = """
local code, deftype, seed = ...
local f = assert(loadstring('return function(SEED)\\n' .. code .. '\\nend'))()
torch.setdefaulttensortype(deftype)
torch.manualSeed(seed)
local ok, value = pcall(f, seed)
torch.setdefaulttensortype('torch.DoubleTensor')
if not ok then error(value, 0) end
local out = {}
local function flatten(v)
   if torch.isTensor(v) then
      out[#out + 1] = { torch._np(v:clone()), torch.typename(v) == 'torch.FloatTensor' }
   elseif type(v) == 'table' then
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = k end
      table.sort(keys, function(x, y) return tostring(x) < tostring(y) end)
      for _, k in ipairs(keys) do flatten(v[k]) end
   else
      out[#out + 1] = v
   end
end
flatten(value)
return out
"""


def _expected() -> dict[str, list[float]]:
    values: dict[str, list[float]] = {}
    for line in (CORPUS / "rng_values.txt").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, *numbers = line.split()
        values[key] = [float(x) for x in numbers]
    return values


EXPECTED = _expected()


def _run_case(code: str, deftype: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Our values of one case, as float64 and a mask of which came from float tensors."""
    rt = get_runtime()
    out = rt.execute(_RUNNER, code, deftype, seed)
    values: list[float] = []
    is_float: list[bool] = []
    for i in range(1, len(out) + 1):
        item: Any = out[i]
        if isinstance(item, (int, float)):
            values.append(float(item))
            is_float.append(False)
        else:
            array = np.asarray(item[1]).reshape(-1)
            values.extend(array.astype(np.float64).tolist())
            is_float.extend([bool(item[2])] * array.size)
    return np.array(values, dtype=np.float64), np.array(is_float, dtype=bool)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("case", "deftype", "code"), CASES, ids=[c[0] for c in CASES])
def test_random_case_matches_torch7(case: str, deftype: str, code: str, seed: int) -> None:
    """Each case gives exactly the values real Torch7 gave for the same seed."""
    expected = np.array(EXPECTED[f"s{seed}_{case}"], dtype=np.float64)
    actual, is_float = _run_case(code, deftype, seed)
    assert expected.shape == actual.shape
    exp32 = np.where(is_float, expected.astype(np.float32).astype(np.float64), expected)
    act32 = np.where(is_float, actual.astype(np.float32).astype(np.float64), actual)
    assert exp32.tobytes() == act32.tobytes()


def test_every_corpus_case_is_covered() -> None:
    """The case table above covers every line of rng_values.txt."""
    ours = {f"s{seed}_{case}" for seed in SEEDS for case, _, _ in CASES}
    assert set(EXPECTED) == ours


def _state_after(seed: int, code: str) -> np.ndarray:
    """The bytes of torch.getRNGState() after seeding with `seed` and running `code`."""
    rt = get_runtime()
    state = rt.execute(
        "local seed, code = ...\ntorch.manualSeed(seed)\nassert(loadstring(code))()\n"
        "return torch._np(torch.getRNGState())",
        seed,
        code,
    )
    return np.array(state, dtype=np.uint8)


def _fields(raw: np.ndarray) -> dict[str, Any]:
    """The fields of Torch7's generator struct (x86-64 layout) in a state byte array."""
    buf = raw.tobytes()
    return {
        "seed": int(np.frombuffer(buf, "<u8", 1, 0)[0]),
        "left": int(np.frombuffer(buf, "<i4", 1, 8)[0]),
        "seeded": int(np.frombuffer(buf, "<i4", 1, 12)[0]),
        "next": int(np.frombuffer(buf, "<u8", 1, 16)[0]),
        "state": np.frombuffer(buf, "<u8", 624, 24),
        "normal": np.frombuffer(buf, "<f8", 3, 5016),
        "normal_is_valid": int(np.frombuffer(buf, "<i4", 1, 5040)[0]),
        "padding": buf[5044:5048],
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_state_after_seed_has_torch7_layout(seed: int) -> None:
    """After manualSeed the state is 5048 bytes: left 1, seeded 1, next 0, no cached normal."""
    raw = _state_after(seed, "")
    fields = _fields(raw)
    key = np.random.RandomState(seed).get_state()[1]
    assert STATE_BYTES == raw.size
    header = tuple(fields[k] for k in ("seed", "left", "seeded", "next", "normal_is_valid"))
    assert (seed, 1, 1, 0, 0) == header
    assert key.astype(np.uint64).tolist() == fields["state"].tolist()
    assert [0.0, 0.0, 0.0] == fields["normal"].tolist()
    assert b"\0\0\0\0" == fields["padding"]


@pytest.mark.parametrize("seed", SEEDS)
def test_state_after_randn1_has_torch7_layout(seed: int) -> None:
    """After randn(1) the words are regenerated, left is 623, next 2 and a normal is cached."""
    fields = _fields(_state_after(seed, "torch.randn(1)"))
    rs = np.random.RandomState(seed)
    words = rs.randint(0, 2**32, size=2, dtype=np.uint32)
    u1, u2 = (float(w) / 2**32 for w in words)
    key = rs.get_state()[1]
    header = tuple(fields[k] for k in ("left", "seeded", "next", "normal_is_valid"))
    assert (623, 1, 2, 1) == header
    assert key.astype(np.uint64).tolist() == fields["state"].tolist()
    assert [u1, u2] == fields["normal"][:2].tolist()


@pytest.mark.parametrize("seed", SEEDS)
def test_state_bytes_appear_in_torch7_file(seed: int) -> None:
    """The state bytes after manualSeed and after randn(1) are stored verbatim in rng.t7."""
    blob = (CORPUS / "rng.t7").read_bytes()
    assert _state_after(seed, "").tobytes() in blob
    assert _state_after(seed, "torch.randn(1)").tobytes() in blob


def test_state_roundtrip_restores_cached_normal() -> None:
    """setRNGState restores the words and the cached normal value."""
    rt = get_runtime()
    same, size = rt.execute(
        "torch.manualSeed(5); torch.randn(3)\n"
        "local s = torch.getRNGState():clone()\n"
        "local a = torch.randn(5)\ntorch.setRNGState(s)\nlocal b = torch.randn(5)\n"
        "local same = true\nfor i = 1, 5 do same = same and a[i] == b[i] end\n"
        "return same, s:nElement()"
    )
    assert (True, STATE_BYTES) == (same, size)


def test_default_generator_is_reachable_from_python() -> None:
    """Python code drawing through torch._defaultGenerator() advances the default stream."""
    rt = get_runtime()
    torch = rt.globals.torch
    gen = rt.eval("torch._defaultGenerator()")
    assert "torch.Generator" == torch.typename(gen)
    torch.manualSeed(0)
    first = rt.call(torch.random, gen)
    second = rt.execute("return torch.random()")
    assert (2357136044, 2546248239) == (first, second)
