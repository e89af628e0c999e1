"""torch.save / torch.load on bad input, against torchfile, and under random damage.

Every damaged stream must give a Lua error that says what was wrong and where (byte offset
and object path); none may crash the process, hang or allocate what the file cannot hold.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytorch_bridge.errors import LuaError
from pytorch_bridge.runtime import get_runtime

T7 = Path(__file__).resolve().parent.parent / "compat" / "t7"


def i32(*values: int) -> bytes:
    return struct.pack(f"<{len(values)}i", *values)


def i64(*values: int) -> bytes:
    return struct.pack(f"<{len(values)}q", *values)


def lstr(s: bytes) -> bytes:
    return i32(len(s)) + s


def obj_head(index: int, cls: bytes) -> bytes:
    """The start of a torch object: tag 4, index, "V 1" and the class name."""
    return i32(4, index) + lstr(b"V 1") + lstr(cls)


def storage(index: int, values: list[float]) -> bytes:
    return (
        obj_head(index, b"torch.DoubleStorage")
        + i64(len(values))
        + struct.pack(f"<{len(values)}d", *values)
    )


def tensor(index: int, sizes: list[int], strides: list[int], offset: int, st: bytes) -> bytes:
    nd = len(sizes)
    return (
        obj_head(index, b"torch.DoubleTensor")
        + i32(nd)
        + i64(*sizes)
        + i64(*strides)
        + i64(offset)
        + st
    )


def in_table(index: int, key: bytes, value: bytes) -> bytes:
    """A one-entry table {key = value}."""
    return i32(3, index, 1) + i32(2) + lstr(key) + value


GOOD_TENSOR = tensor(1, [2, 2], [2, 1], 1, storage(2, [1, 2, 3, 4]))
NESTED_BAD = in_table(
    1,
    b"model",
    in_table(
        2,
        b"modules",
        i32(3, 3, 1) + i32(1) + struct.pack("<d", 3) + tensor(4, [5], [1], 1, storage(5, [1])),
    ),
)

# (name, bytes, expected fragments of the error message)
BAD_INPUTS: list[tuple[str, bytes, list[str]]] = [
    ("empty", b"", ["truncated", "byte offset 0", "<top level>"]),
    ("truncated tag", b"\x04\x00", ["truncated"]),
    ("truncated tensor", GOOD_TENSOR[:60], ["truncated"]),
    (
        "truncated storage data",
        GOOD_TENSOR[:-5],
        ["torch.DoubleStorage size 4 needs more than the 27 bytes left", ":storage()"],
    ),
    (
        "huge storage",
        obj_head(1, b"torch.DoubleStorage") + i64(2**60),
        ["torch.DoubleStorage size 1152921504606846976 needs more than", "bytes left"],
    ),
    (
        "negative storage size",
        obj_head(1, b"torch.DoubleStorage") + i64(-1),
        ["invalid torch.DoubleStorage size -1"],
    ),
    (
        "negative dimensions",
        obj_head(1, b"torch.DoubleTensor") + i32(-1),
        ["invalid number of dimensions -1"],
    ),
    (
        "too many dimensions",
        obj_head(1, b"torch.DoubleTensor") + i32(17),
        ["invalid number of dimensions 17"],
    ),
    (
        "negative size",
        tensor(1, [-2], [1], 1, storage(2, [1])),
        ["invalid size -2 for dimension 1"],
    ),
    ("negative stride", tensor(1, [2], [-1], 2, storage(2, [1, 2])), ["invalid stride -1"]),
    (
        "stride outside storage",
        tensor(1, [2, 2], [3, 1], 1, storage(2, [1, 2, 3, 4])),
        ["reaches outside its storage of 4 elements", "byte offset 37"],
    ),
    (
        "offset outside storage",
        tensor(1, [2], [1], 4, storage(2, [1, 2, 3, 4])),
        ["reaches outside its storage"],
    ),
    ("zero offset", tensor(1, [1], [1], 0, storage(2, [1])), ["reaches outside its storage"]),
    ("elements without storage", tensor(1, [3], [1], 1, i32(0)), ["has no storage"]),
    (
        "storage of another type",
        tensor(1, [1], [1], 1, obj_head(2, b"torch.FloatStorage") + i64(1) + b"\0" * 4),
        ["cannot use a torch.FloatStorage as its storage"],
    ),
    ("table as storage", tensor(1, [1], [1], 1, i32(3, 2, 0)), ["cannot use a table"]),
    ("unknown tag", i32(99), ["unknown type tag 99", "byte offset 0"]),
    (
        "unknown tag inside",
        in_table(1, b"k", i32(42)),
        ["unknown type tag 42 at byte offset 21", "object path: k"],
    ),
    ("reference points nowhere", i32(3, 5, 0), ["reference index 5 points to no object"]),
    ("reference index zero", i32(3, 0, 0), ["reference index 0 points to no object"]),
    ("negative string length", i32(2, -5), ["invalid string length -5"]),
    ("huge string", i32(2, 1000000) + b"abc", ["string length 1000000 needs more than"]),
    ("huge table", i32(3, 1, 2**30), ["table size 1073741824 needs more than"]),
    ("nil key", i32(3, 1, 1, 0, 1) + struct.pack("<d", 1), ["a table key is nil"]),
    ("bad class name", i32(4, 1) + lstr(b"V 1") + lstr(b"\x01\xff"), ["invalid class name"]),
    (
        "unknown class",
        obj_head(1, b"dpnn.Mystery") + i32(3, 2, 0),
        ["dpnn.Mystery (at <top level>)"],
    ),
    ("function", i32(8, 1) + lstr(b"\x1bLJ\x02") + i32(3, 2, 0), ["serialized Lua function"]),
    ("nested path", NESTED_BAD, ["object path: model.modules[3]"]),
    (
        "deep nesting",
        b"".join(i32(3, i, 1, 1) + struct.pack("<d", 1) for i in range(1, 2102)),
        ["nested deeper than"],
    ),
    ("text file", b"hello, this is a text file\n", ["looks like text"]),
    ("zip", b"PK\x03\x04" + b"\0" * 40, ["zip archive"]),
    ("numpy", b"\x93NUMPY\x01\x00" + b"\0" * 40, ["numpy"]),
    ("hdf5", b"\x89HDF\r\n\x1a\n" + b"\0" * 40, ["HDF5"]),
    ("pickle", b"\x80\x02\x8a\x0a" + b"\0" * 40, ["pickle"]),
]


def deserialize(data: bytes, mode: str | None = None) -> Any:
    rt = get_runtime()
    return rt.call(rt.eval("function(s, m) return torch.deserialize(s, m) end"), data, mode)


@pytest.mark.parametrize("name, data, fragments", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_gives_a_clear_error(name: str, data: bytes, fragments: list[str]) -> None:
    """Each damaged stream raises an error naming the problem and where it is."""
    with pytest.raises(LuaError) as info:
        deserialize(data)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "object path" in message or "does not know" in message


def test_good_tensor_of_the_bad_input_table_loads() -> None:
    """The hand-built stream the bad cases start from is itself valid."""
    rt = get_runtime()
    fn = rt.eval("function(s) local t = torch.deserialize(s); return t[2][1], t:stride(1) end")
    assert (3.0, 2) == tuple(rt.call(fn, GOOD_TENSOR))


def test_ascii_file_loaded_as_binary_says_so(tmp_path: Path) -> None:
    """An ascii .t7 file loaded without the format names the format to use."""
    with pytest.raises(LuaError, match="format 'ascii'"):
        rt = get_runtime()
        rt.call(rt.eval("torch.load"), str(T7 / "tensors" / "double_2x3.ascii.t7"))


def test_b32_file_is_detected(tmp_path: Path) -> None:
    """A file written with 4-byte longs loads without naming the format."""
    rt = get_runtime()
    path = str(tmp_path / "b32.t7")
    rt.call(rt.eval("function(p) torch.save(p, {x = torch.range(1, 5)}, 'b32') end"), path)
    fn = rt.eval("function(p) local o = torch.load(p); return o.x:size(1), o.x[5] end")
    assert (5, 5.0) == tuple(rt.call(fn, path))


FIXTURES = sorted(p for p in (T7 / "tensors").glob("*.t7") if "ascii" not in p.name) + [
    T7 / "public" / "cpp-torch" / "net.t7",
    T7 / "public" / "torch-autograd" / "criterion.th.JIT",
]


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    index=st.integers(0, len(FIXTURES) - 1),
    edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=4),
    cut=st.one_of(st.none(), st.floats(0, 1)),
)
def test_fuzzed_fixtures_never_crash(
    index: int, edits: list[tuple[float, int]], cut: float | None
) -> None:
    """Flipped bytes and truncations load or raise a Lua error, never crash or hang."""
    data = bytearray(FIXTURES[index].read_bytes())
    for where, value in edits:
        data[min(int(where * len(data)), len(data) - 1)] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    rt = get_runtime()
    fn = rt.eval("""function(s)
        local ok, err = pcall(torch.deserialize, s, nil, { unknownClasses = 'generic' })
        if not ok and type(err) ~= 'string' then error('non-string error') end
        return ok
    end""")
    try:
        rt.call(fn, bytes(data))
    except LuaError as exc:  # the error object itself must be a clean message
        pytest.fail(f"unexpected error object: {exc}")


_BIG_FILE = """
function(path)
   torch.save(path, {
      f = torch.FloatTensor(200, 100):fill(1.5), d = torch.DoubleTensor(9000):fill(2),
      l = torch.LongTensor(9000):fill(3), name = 'big', small = torch.range(1, 4),
   })
end
"""


@settings(
    max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=4),
    cut=st.one_of(st.none(), st.floats(0, 1)),
)
def test_fuzzed_mapped_loads_never_crash(
    edits: list[tuple[float, int]], cut: float | None
) -> None:
    """Damaged files with big storages, loaded with mmap: a result or a Lua error, no crash."""
    rt = get_runtime()
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "fuzzed.t7")
        rt.call(rt.eval(_BIG_FILE), path)
        data = bytearray(Path(path).read_bytes())
        for where, value in edits:
            data[min(int(where * len(data)), len(data) - 1)] = value
        if cut is not None:
            data = data[: int(cut * len(data))]
        Path(path).write_bytes(bytes(data))
        fn = rt.eval("""function(p)
            local ok, err = pcall(torch.load, p, 'binary', nil, { mmap = true })
            if not ok and type(err) ~= 'string' then error('non-string error') end
            if ok and type(err) == 'table' and torch.isTensor(err.f) then err.f:sum() end
            return ok
        end""")
        try:
            rt.call(fn, path)
        except LuaError as exc:
            pytest.fail(f"unexpected error object: {exc}")


def test_files_we_write_are_read_by_torchfile(tmp_path: Path) -> None:
    """torchfile reads what torch.save writes: tensors of every type, tables, strings."""
    torchfile = pytest.importorskip("torchfile")
    rt = get_runtime()
    path = str(tmp_path / "ours.t7")
    rt.call(
        rt.eval("""function(p)
        local base = torch.range(1, 12):resize(3, 4)
        local o = { base = base, tr = base:t(), name = 'bridge', flag = true, n = 2.5,
                    list = { 1, 'two', { three = 3 } }, empty = torch.FloatTensor() }
        for _, T in ipairs(torch._typeList) do
           o[T.name] = torch[T.name .. 'Tensor'](2, 3):copy(torch.range(1, 6):resize(2, 3))
        end
        torch.save(p, o)
    end"""),
        path,
    )
    o = torchfile.load(path, use_list_heuristic=False)
    assert np.array_equal(np.arange(1.0, 13).reshape(3, 4), o[b"base"])
    assert np.array_equal(np.arange(1.0, 13).reshape(3, 4).T, o[b"tr"])
    assert (b"bridge", True, 2.5) == (o[b"name"], o[b"flag"], o[b"n"])
    assert b"two" == o[b"list"][2.0] and 3 == o[b"list"][3.0][b"three"]
    for name, dtype in [
        ("Double", np.float64),
        ("Float", np.float32),
        ("Long", np.int64),
        ("Int", np.int32),
        ("Short", np.int16),
        ("Char", np.int8),
        ("Byte", np.uint8),
    ]:
        assert dtype == o[name.encode()].dtype
        assert np.array_equal(np.arange(1, 7).reshape(2, 3), o[name.encode()])


def test_nn_module_written_by_us_is_read_by_torchfile(tmp_path: Path) -> None:
    """A module saved by torch.save is a torchfile TorchObject with its fields."""
    torchfile = pytest.importorskip("torchfile")
    rt = get_runtime()
    path = str(tmp_path / "linear.t7")
    rt.call(rt.eval("function(p) require 'nn'; torch.save(p, nn.Linear(3, 2)) end"), path)
    o = torchfile.load(path, use_list_heuristic=False)
    assert b"nn.Linear" == o._typename
    assert (2, 3) == o[b"weight"].shape


_SAVE_MODEL = """
import hashlib, os, sys, tempfile
from pytorch_bridge.runtime import get_runtime
rt = get_runtime()
rt.require("nn")
path = os.path.join(tempfile.mkdtemp(), "m.t7")
rt.call(rt.eval(
    "function(p) torch.manualSeed(3); "
    "local m = nn.Sequential():add(nn.Linear(3, 4)):add(nn.Tanh()):add(nn.Linear(4, 2)); "
    "torch.save(p, {model = m, epoch = 7, name = 'run', opts = {lr = 0.1, wd = 0}}) end"
), path)
print(hashlib.sha256(open(path, "rb").read()).hexdigest())
"""


def test_saving_gives_the_same_bytes_in_every_process() -> None:
    """Three fresh processes save the same model to identical files (keys in one order)."""
    digests = {
        subprocess.run(
            [sys.executable, "-c", _SAVE_MODEL], capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(3)
    }
    assert len(digests) == 1
