"""pytorch_bridge.load / pytorch_bridge.save: .t7 files from Python.

The fixture files under compat/t7/tensors were written by a real Torch7 build; their
contents are listed in the shared fixture README (tensors/ section) and repeated below in
the Python form the documented conversion rules give (see pytorch_bridge/_t7.py).
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge._t7 import LuaKey, load, save
from pytorch_bridge._tensor import Tensor
from pytorch_bridge.errors import SerializationError
from pytorch_bridge.runtime import get_runtime

T7 = Path(__file__).resolve().parent.parent / "compat" / "t7"
TENSORS = T7 / "tensors"

F64, F32 = np.float64, np.float32
INF, NAN = math.inf, math.nan
PI = math.pi
S = np.array([[1.0, 2.0], [3.0, 4.0]])
BASE = np.arange(1.0, 13.0).reshape(3, 4)

# file name -> the value pytorch_bridge.load gives, by the documented rules
EXPECTED: dict[str, Any] = {
    "double_2x3.t7": np.array([[1.5, -2.25, 3], [4, 5.125, -6]], F64),
    "double_2x3.ascii.t7": np.array([[1.5, -2.25, 3], [4, 5.125, -6]], F64),
    "float_2x3.t7": np.array([[1.5, -2.25, 3], [4, 5.125, -6]], F32),
    "byte_2x3.t7": np.array([[0, 1, 127], [128, 254, 255]], np.uint8),
    "char_2x3.t7": np.array([[-128, -1, 0], [1, 65, 127]], np.int8),
    "short_2x3.t7": np.array([[-32768, -1, 0], [1, 1000, 32767]], np.int16),
    "int_2x3.t7": np.array([[-(2**31), -1, 0], [1, 123456, 2**31 - 1]], np.int32),
    "long_2x3.t7": np.array([[-(2**32), -1, 0], [1, 2**40, 2**53]], np.int64),
    "double_1d_5.t7": np.arange(1.0, 6.0),
    "double_3d_2x3x4.t7": np.arange(1.0, 25.0).reshape(2, 3, 4),
    "float_4d_2x2x2x3.t7": np.arange(1.0, 25.0, dtype=F32).reshape(2, 2, 2, 3),
    "double_special.t7": np.array([0, -0.0, INF, -INF, NAN, 1e-310, 1e308, PI], F64),
    "float_special.t7": np.array([0, -0.0, INF, -INF, NAN, 1e-40, 3e38, PI], F32),
    "double_empty_nodim.t7": np.zeros(0, F64),
    "float_empty_size0.t7": np.zeros(0, F32),
    "long_empty_nodim.t7": np.zeros(0, np.int64),
    "double_scalar_view.t7": np.array([4.0]),
    "double_transposed_4x3.t7": BASE.T,
    "double_narrowed_3x2.t7": BASE[:, 1:3],
    "views_sharing_storage.t7": {
        "base": BASE,
        "transposed": BASE.T,
        "narrowed": BASE[:, 1:3],
        "row": BASE[1],
        "col": BASE[:, 2],
        "expanded": np.broadcast_to(np.arange(1.0, 4.0).reshape(3, 1), (3, 4)),
    },
    "two_tensors_one_storage.t7": {
        "a": np.array([[10.0, 20], [30, 40]]),
        "b": np.array([[30.0, 50, 70], [40, 60, 80]]),
        "storage": np.arange(10.0, 81.0, 10.0),
    },
    "storage_double.t7": np.array([1.5, -2, 3.25], F64),
    "storage_float.t7": np.array([1.5, -2, 3.25], F32),
    "storage_byte.t7": np.array([0, 1, 255], np.uint8),
    "storage_char.t7": np.frombuffer(b"hello", np.int8),
    "storage_short.t7": np.array([-32768, 0, 32767], np.int16),
    "storage_int.t7": np.array([-(2**31), 0, 2**31 - 1], np.int32),
    "storage_long.t7": np.array([-1, 0, 2**40], np.int64),
    "storage_empty_double.t7": np.zeros(0, F64),
    "mixed_table.t7": {
        "num_int": 42,
        "num_float": -3.5,
        "str": "hello world",
        "empty_str": "",
        "bin_str": b"a\x00b\xffc",
        "yes": True,
        "no": False,
        "nested": {"a": 1, "b": {"c": "deep", "d": [1, 2, 3]}},
        "t1": S,
        "t2": S,
        "list": [S, "x", 7],
        "floatT": np.array([1, 2, 3], F32),
        "sharedStorageT": np.array([3.0, 4.0]),
    },
    "mixed_shared_unreferenced.t7": {"t1": S, "t2": S},
    "int_and_string_keys.t7": {
        1: "one",
        2: "two",
        3: "three",
        10: "ten",
        -1: "minus one",
        0: "zero",
        1.5: "one and a half",
        "1": "string one",
        "x": "ex",
        LuaKey(True): "bool key",
    },
    "list_1_to_5.t7": [10, 20, 30, 40, 50],
    "number_top.t7": 3.25,
    "string_top.t7": "just a string",
    "boolean_top.t7": True,
    "nil_top.t7": None,
    "mixed_table.ascii.t7": {
        "t": np.array([[1.5, -2], [3, 4.25]]),
        "f": np.array([0.1, 0.2], F32),
        "l": np.array([1, 2, 3], np.int64),
        "s": "ascii string",
        "n": 7,
        "b": True,
        "nested": [1, 2, {"x": "y"}],
    },
}


def fmt(name: str) -> str:
    return "ascii" if ".ascii." in name else "binary"


def same(expected: Any, actual: Any, path: str = "") -> None:
    """Assert that two converted values are equal: types, dtypes, shapes, bits."""
    if isinstance(expected, np.ndarray):
        assert isinstance(actual, np.ndarray), path
        assert expected.dtype == actual.dtype, path
        assert expected.shape == actual.shape, path
        np.testing.assert_array_equal(expected, actual, err_msg=path)
        if expected.dtype.kind == "f":
            real = ~np.isnan(expected)  # the fixture's nan has its sign bit set
            assert np.array_equal(np.signbit(expected[real]), np.signbit(actual[real])), path
        return
    assert type(expected) is type(actual), f"{path}: {type(expected)} vs {type(actual)}"
    if isinstance(expected, dict):
        assert set(expected) == set(_plain_keys(actual)), path
        for k, v in expected.items():
            same(v, actual[k], f"{path}[{k!r}]")
    elif isinstance(expected, list):
        assert len(expected) == len(actual), path
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            same(e, a, f"{path}[{i}]")
    elif isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(actual), path
    else:
        assert expected == actual, path


def _plain_keys(d: dict[Any, Any]) -> list[Any]:
    return list(d)


def test_every_fixture_is_listed() -> None:
    """Every file under compat/t7/tensors has an expected value here."""
    listed = sorted([*EXPECTED, "cyclic_table.t7"])  # the cycle is checked in its own test
    assert listed == sorted(p.name for p in TENSORS.iterdir())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_loads_with_documented_conversions(name: str) -> None:
    """Each Torch7-written fixture loads as the documented Python value."""
    same(EXPECTED[name], load(TENSORS / name, fmt(name)))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_round_trip(name: str, tmp_path: Path) -> None:
    """load, save, load gives the same value for every fixture, in both formats."""
    for form in ("binary", "ascii"):
        out = tmp_path / f"again.{form}.t7"
        save(out, load(TENSORS / name, fmt(name)), form)
        same(EXPECTED[name], load(out, form), f"{name} ({form})")


def test_views_share_one_memory() -> None:
    """Views of one storage come back as arrays over one memory, writes seen by all."""
    d = load(TENSORS / "views_sharing_storage.t7")
    base = d["base"]
    for key in ("transposed", "narrowed", "row", "col"):
        assert np.shares_memory(base, d[key]), key
    assert not np.shares_memory(base, d["expanded"])
    assert (8, 0) == d["expanded"].strides
    base[1, 2] = -7.0
    assert -7.0 == d["transposed"][2, 1]
    assert -7.0 == d["row"][2]
    assert -7.0 == d["col"][1]


def test_shared_tensor_is_one_object() -> None:
    """A tensor referenced three times in the file is one array object."""
    d = load(TENSORS / "mixed_table.t7")
    assert d["t1"] is d["t2"]
    assert d["t1"] is d["list"][0]
    assert np.shares_memory(d["t1"], d["sharedStorageT"])
    d["t1"][1, 0] = 99.0
    assert 99.0 == d["sharedStorageT"][0]


def test_storage_shared_by_tensors() -> None:
    """Two tensors over one storage and the storage itself share memory."""
    d = load(TENSORS / "two_tensors_one_storage.t7")
    d["storage"][2] = -1.0
    assert -1.0 == d["a"][1, 0]
    assert -1.0 == d["b"][0, 0]


def test_unreferenced_copies_are_distinct() -> None:
    """A file written with referenced=false gives distinct, unshared arrays."""
    d = load(TENSORS / "mixed_shared_unreferenced.t7")
    assert d["t1"] is not d["t2"]
    assert not np.shares_memory(d["t1"], d["t2"])


def test_cycles_are_kept(tmp_path: Path) -> None:
    """A cyclic table loads as a dict that contains itself, also after a round trip."""
    c = load(TENSORS / "cyclic_table.t7")
    for form in ("binary", "ascii"):
        assert {"name", "self", "child"} == set(c)
        assert "root" == c["name"]
        assert c["self"] is c
        assert c["child"]["parent"] is c
        assert ["parent"] == list(c["child"])
        save(tmp_path / "c.t7", c, form)
        c = load(tmp_path / "c.t7", form)


def test_tensors_option_gives_tensors() -> None:
    """tensors='tensor' gives pytorch_bridge Tensors, shared ones as one object."""
    d = load(TENSORS / "mixed_table.t7", tensors="tensor")
    assert isinstance(d["t1"], Tensor)
    assert d["t1"] is d["t2"]
    np.testing.assert_array_equal(S, d["t1"].numpy())
    assert np.shares_memory(d["t1"].numpy(), d["sharedStorageT"].numpy())


def test_arrays_share_memory_with_lua(tmp_path: Path) -> None:
    """A loaded array is the Lua tensor's memory: edits are saved, sharing is kept."""
    d = load(TENSORS / "views_sharing_storage.t7")
    d["base"][0, 0] = 123.0
    save(tmp_path / "v.t7", d)
    rt = get_runtime()
    ok = rt.execute(
        """local d = torch.load(...)
        return d.base[1][1] == 123 and d.transposed[1][1] == 123
           and torch.pointer(d.base:storage()) == torch.pointer(d.row:storage())""",
        str(tmp_path / "v.t7"),
    )
    assert ok is True


def test_numbers_rule(tmp_path: Path) -> None:
    """Integral numbers up to 2**53 load as int, everything else as float."""
    values = [0, 1, -1, 2**53, -(2**53), 2.0**53 + 2, 0.5, -0.0, INF, -INF, 1e300, 2**60]
    save(tmp_path / "n.t7", values)
    got = load(tmp_path / "n.t7")
    assert [int, int, int, int, int, float, float, float, float, float, float, float] == [
        type(v) for v in got
    ]
    assert [0, 1, -1, 2**53, -(2**53), 2.0**53 + 2, 0.5, 0.0, INF, -INF, 1e300, 2.0**60] == got
    assert math.copysign(1.0, got[7]) < 0
    save(tmp_path / "nan.t7", NAN)
    assert math.isnan(load(tmp_path / "nan.t7"))


ROUND_TRIPS: list[tuple[str, Any, Any]] = [
    ("int", 42, 42),
    ("float", -3.5, -3.5),
    ("integral float", 2.0, 2),
    ("true", True, True),
    ("false", False, False),
    ("none", None, None),
    ("str", "héllo wörld ☃", "héllo wörld ☃"),
    ("empty str", "", ""),
    ("bytes", b"a\x00b\xff\xfe", b"a\x00b\xff\xfe"),
    ("utf8 bytes", "é".encode(), "é"),
    ("list", [1, "two", 3.5, [4]], [1, "two", 3.5, [4]]),
    ("tuple", (1, 2), [1, 2]),
    ("empty list", [], {}),
    ("dict", {"a": 1, 2: "b", 2.5: [True]}, {"a": 1, 2: "b", 2.5: [True]}),
    ("bool key", {LuaKey(True): 1, 1: 2}, {LuaKey(True): 1, 1: 2}),
    ("none value", {"a": None, "b": 1}, {"b": 1}),
    ("sparse list", [1, None, 3], {1: 1, 3: 3}),
    ("numpy scalars", [np.float32(1.5), np.int64(7), np.bool_(True)], [1.5, 7, True]),
    ("f64", np.arange(6.0).reshape(2, 3), np.arange(6.0).reshape(2, 3)),
    ("f32", np.arange(6, dtype=F32), np.arange(6, dtype=F32)),
    ("f16", np.arange(4, dtype=np.float16), np.arange(4, dtype=np.float16)),
    ("i64", np.array([-(2**62), 5]), np.array([-(2**62), 5])),
    ("i32", np.array([-7, 7], np.int32), np.array([-7, 7], np.int32)),
    ("i16", np.array([-7, 7], np.int16), np.array([-7, 7], np.int16)),
    ("i8", np.array([-7, 7], np.int8), np.array([-7, 7], np.int8)),
    ("u8", np.array([0, 255], np.uint8), np.array([0, 255], np.uint8)),
    ("bool array", np.array([True, False]), np.array([1, 0], np.uint8)),
    ("0-d", np.array(2.5), np.array([2.5])),
    ("empty array", np.zeros((0, 3)), np.zeros(0)),
    ("transposed", np.arange(12.0).reshape(3, 4).T, np.arange(12.0).reshape(3, 4).T),
    ("stepped", np.arange(20.0)[::3], np.arange(20.0)[::3]),
    ("reversed", np.arange(5.0)[::-1], np.arange(5.0)[::-1]),
    ("big endian", np.arange(3.0).astype(">f8"), np.arange(3.0)),
    ("tensor", Tensor(np.arange(3.0)), np.arange(3.0)),
]


@pytest.mark.parametrize("form", ["binary", "ascii"])
@pytest.mark.parametrize(
    ("label", "value", "expected"), ROUND_TRIPS, ids=[r[0] for r in ROUND_TRIPS]
)
def test_round_trip(tmp_path: Path, form: str, label: str, value: Any, expected: Any) -> None:
    """A supported Python value saved and loaded again gives the documented value."""
    save(tmp_path / "r.t7", value, form)
    same(expected, load(tmp_path / "r.t7", form), label)


def test_round_trip_unreferenced(tmp_path: Path) -> None:
    """referenced=False writes a shared array twice; it loads as two arrays."""
    a = np.arange(3.0)
    save(tmp_path / "u.t7", {"x": a, "y": a}, referenced=False)
    d = load(tmp_path / "u.t7", referenced=False)
    same(a, d["x"])
    assert d["x"] is not d["y"]


def test_round_trip_b32(tmp_path: Path) -> None:
    """Files with 4-byte longs are written with 'b32' and read back (also detected)."""
    value = {"t": np.array([[1, 2], [3, 4]], np.int64), "s": "x"}
    save(tmp_path / "b.t7", value, "b32")
    same(value, load(tmp_path / "b.t7", "b32"))
    same(value, load(tmp_path / "b.t7"))


def test_python_sharing_and_cycles(tmp_path: Path) -> None:
    """Shared Python objects and arrays are written once; cyclic containers survive."""
    a = np.arange(4.0)
    inner = {"k": "v"}
    top: dict[str, Any] = {"a1": a, "a2": a, "i1": inner, "i2": [inner]}
    top["self"] = top
    loop: list[Any] = [1]
    loop.append(loop)
    top["loop"] = loop
    save(tmp_path / "s.t7", top)
    d = load(tmp_path / "s.t7")
    assert d["a1"] is d["a2"]
    assert d["i1"] is d["i2"][0]
    assert d["self"] is d
    assert d["loop"][1] is d["loop"]
    same(a, d["a1"])


def test_saved_array_shares_memory(tmp_path: Path) -> None:
    """Saving a contiguous or strided array writes its memory without a copy first."""
    from pytorch_bridge._interop import from_numpy, to_numpy

    a = np.arange(12.0).reshape(3, 4)[:, ::2]
    assert np.shares_memory(a, to_numpy(from_numpy(a)))


def test_lua_reads_python_file(tmp_path: Path) -> None:
    """A file written from Python is read by the Lua torch.load with the list rule."""
    path = tmp_path / "py.t7"
    save(
        path,
        {
            "list": [10, 20, 30],
            "t": np.arange(6, dtype=F32).reshape(2, 3).T,
            "l": np.array([5, 6], np.int64),
            "s": b"\xff\x00",
            "flag": True,
            "n": 2.5,
        },
    )
    rt = get_runtime()
    ok = rt.execute(
        """local d = torch.load(...)
        local t = d.t
        return #d.list == 3 and d.list[1] == 10 and d.list[3] == 30
          and torch.typename(t) == 'torch.FloatTensor' and t:size(1) == 3 and t:size(2) == 2
          and t:stride(1) == 1 and t:stride(2) == 3 and t[3][2] == 5
          and torch.typename(d.l) == 'torch.LongTensor' and d.l[2] == 6
          and d.s == '\\255\\0' and d.flag == true and d.n == 2.5""",
        str(path),
    )
    assert ok is True


def test_torchfile_reads_python_file(tmp_path: Path) -> None:
    """The independent torchfile reader reads a file written from Python."""
    torchfile = pytest.importorskip("torchfile")
    path = tmp_path / "tf.t7"
    t = np.arange(6.0).reshape(2, 3).T
    save(path, {"t": t, "f": np.array([1.5], F32), "list": [1, 2], "s": "hi", "b": True})
    d = torchfile.load(str(path), use_list_heuristic=False)
    np.testing.assert_array_equal(t, d[b"t"])
    np.testing.assert_array_equal(np.array([1.5], F32), d[b"f"])
    assert {1: 1, 2: 2} == dict(d[b"list"])
    assert b"hi" == d[b"s"]
    assert d[b"b"] is True


def test_nn_model_loads_as_proxy(tmp_path: Path) -> None:
    """An nn model loads as a callable proxy and saves back as the Lua module."""
    src = Path(__file__).resolve().parent.parent / "compat" / "torch7" / "models"
    src = src / "mlp_relu_logsoftmax.t7"
    from pytorch_bridge.nn import LuaModule

    m = load(src)
    assert isinstance(m, LuaModule)
    save(tmp_path / "m.t7", {"model": m})
    again = load(tmp_path / "m.t7")
    assert isinstance(again["model"], LuaModule)
    ok = get_runtime().execute(
        "return torch.typename(torch.load(...).model) == 'nn.Sequential'", str(tmp_path / "m.t7")
    )
    assert ok is True


def test_lua_objects_save_as_they_are(tmp_path: Path) -> None:
    """A Lua object handed to save is written as it is."""
    rt = get_runtime()
    t = rt.execute("return {a = torch.LongTensor({1, 2}), [true] = 'yes'}")
    save(tmp_path / "lo.t7", [t, t])
    got = load(tmp_path / "lo.t7")
    assert got[0] is got[1]
    same(np.array([1, 2], np.int64), got[0]["a"])
    assert "yes" == got[0][LuaKey(True)]


def test_unknown_classes_option(tmp_path: Path) -> None:
    """An unknown class fails by default and loads as a Lua object with 'generic'."""
    rt = get_runtime()
    data = rt.execute(
        """local f = torch.MemoryFile(); f:binary()
        f:writeInt(4); f:writeInt(1); f:writeInt(3); f:writeString('V 1')
        f:writeInt(13); f:writeString('nnx.NotAClass')
        f:writeInt(3); f:writeInt(2); f:writeInt(1)
        f:writeInt(2); f:writeInt(1); f:writeString('w'); f:writeInt(1); f:writeDouble(5)
        return torch.CharStorage():string(f:_contents())"""
    )
    path = tmp_path / "u.t7"
    path.write_bytes(bytes(np.asarray(rt.require("torch")._storageArray(data)).view(np.uint8)))
    with pytest.raises(SerializationError, match="nnx.NotAClass"):
        load(path)
    obj = load(path, unknown_classes="generic")
    assert 5 == obj["w"]
    save(tmp_path / "again.t7", obj)
    assert 5 == load(tmp_path / "again.t7", unknown_classes="generic")["w"]


ERRORS: list[tuple[str, bytes | None, str]] = [
    ("missing", None, "cannot open"),
    ("text", b"hello, this is text\n", "looks like text"),
    ("zip", b"PK\x03\x04" + bytes(40), "zip"),
    ("empty", b"", "truncated"),
    ("truncated", b"\x01\x00\x00\x00\x00\x00", "byte offset"),
    ("bad tag", b"\x63\x00\x00\x00" + bytes(12), "unknown type tag 99"),
]


@pytest.mark.parametrize(("label", "data", "fragment"), ERRORS, ids=[e[0] for e in ERRORS])
def test_load_errors(tmp_path: Path, label: str, data: bytes | None, fragment: str) -> None:
    """Bad files raise SerializationError with the Lua message saying what and where."""
    path = tmp_path / f"{label}.t7"
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(SerializationError) as info:
        load(path)
    assert fragment in str(info.value)
    assert ".lua:" not in str(info.value).split(":")[0]


def test_save_errors(tmp_path: Path) -> None:
    """Values Lua cannot hold and unwritable places raise SerializationError."""
    with pytest.raises(SerializationError, match="Python object"):
        save(tmp_path / "x.t7", object())
    with pytest.raises(SerializationError, match="no exact double"):
        save(tmp_path / "x.t7", 2**53 + 1)
    with pytest.raises(SerializationError, match="None key"):
        save(tmp_path / "x.t7", {None: 1})
    with pytest.raises(SerializationError, match="complex"):
        save(tmp_path / "x.t7", np.zeros(2, np.complex128))
    with pytest.raises(SerializationError, match="cannot open"):
        save(tmp_path / "no" / "such" / "dir.t7", 1)


def test_bad_options(tmp_path: Path) -> None:
    """Option values that do not exist raise ValueError before any file is touched."""
    with pytest.raises(ValueError, match="format"):
        load(tmp_path / "x.t7", "zip")
    with pytest.raises(ValueError, match="tensors"):
        load(tmp_path / "x.t7", tensors="torch")
    with pytest.raises(ValueError, match="unknown_classes"):
        load(tmp_path / "x.t7", unknown_classes="yes")
    with pytest.raises(ValueError, match="format"):
        save(tmp_path / "x.t7", 1, "zip")


PUBLIC = T7 / "public"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("torchfile/doubletensor.t7", "ndarray"),
        ("torchfile/hello=123.t7", "dict"),
        ("torchfile/list_table.t7", "list"),
        ("torchfile/map_table1.t7", "dict"),
        ("cpp-torch/net.t7", "LuaModule"),
        ("cpp-torch/x.t7", "ndarray"),
        ("torch-autograd/model.th.51", "LuaModule"),
        ("torch-autograd/criterion.th.JIT", "LuaCriterion"),
    ],
)
def test_public_files_load(name: str, kind: str) -> None:
    """Files from public projects load from Python as the documented kinds."""
    assert kind == type(load(PUBLIC / name)).__name__


def test_public_values() -> None:
    """Tables of the public files follow the list rule and keep recursive keys."""
    assert ["hello", "world", "third item", 123] == load(PUBLIC / "torchfile/list_table.t7")
    assert {0: "zero", 1: "hello", 2: "world", 3: "third item", 4: 123} == load(
        PUBLIC / "torchfile/map_table1.t7"
    )
    rec = load(PUBLIC / "torchfile/recursive_kv_table.t7")
    ((key, value),) = rec.items()
    assert isinstance(key, LuaKey)
    assert key.value is value


def test_generic_and_opaque_options() -> None:
    """Unknown classes and functions load as Lua objects when the options ask for it."""
    with pytest.raises(SerializationError, match="autograd.nn.module.AutoLinearReLU"):
        load(PUBLIC / "torch-autograd/autoModel.th.51")
    with pytest.raises(SerializationError, match="function"):
        load(PUBLIC / "torchfile/function.t7")
    model = load(
        PUBLIC / "torch-autograd/autoModel.th.51", unknown_classes="generic", functions="opaque"
    )
    rt = get_runtime()
    assert "nn.Sequential" == rt.require("torch").typename(model)
    assert load(PUBLIC / "torchfile/function.t7", functions="opaque") is not None


def test_storage_round_trip_keeps_storage(tmp_path: Path) -> None:
    """A loaded storage is saved back as the same Torch7 storage type."""
    st = load(TENSORS / "storage_short.t7")
    save(tmp_path / "s.t7", st)
    name = get_runtime().execute("return torch.typename(torch.load(...))", str(tmp_path / "s.t7"))
    assert "torch.ShortStorage" == name


def test_gmodule_file_loads_in_a_fresh_process() -> None:
    """pytorch_bridge.load reads an nngraph gModule without the caller requiring nngraph."""
    repo = Path(__file__).resolve().parents[1]
    code = (
        "import pytorch_bridge as pb\n"
        "m = pb.load('compat/torch7/models/nngraph_two_inputs.t7')\n"
        "print(type(m).__name__, pb.lua.execute('local m = ...; return torch.type(m)', m.lua))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-1] == "nn.gModule"


def _maps_file(a: np.ndarray) -> bool:
    """Whether ``a``'s memory belongs to a mapped file (its chain of bases ends in one)."""
    base: Any = a
    while base is not None:
        if isinstance(base, np.memmap):
            return True
        base = getattr(base, "base", None)
    return False


def test_mmap_views_the_file_copy_on_write(tmp_path: Path) -> None:
    """With mmap=True big storages view the file; small ones and changes stay in memory."""
    path = tmp_path / "m.t7"
    big = np.arange(100_000, dtype=np.float32) / 7
    save(path, {"big": big, "small": np.arange(3.0), "ints": np.arange(20_000)})
    read = load(path)
    mapped = load(path, mmap=True)
    for key in ("big", "small", "ints"):
        np.testing.assert_array_equal(mapped[key], read[key])
    assert _maps_file(mapped["big"]) and _maps_file(mapped["ints"])
    assert not _maps_file(mapped["small"]) and not _maps_file(read["big"])
    mapped["big"][:10] = -1
    np.testing.assert_array_equal(load(path)["big"], big)


def test_mmap_must_be_a_bool(tmp_path: Path) -> None:
    """A non-boolean mmap option is refused before the file is touched."""
    path = tmp_path / "m.t7"
    save(path, np.arange(3.0))
    with pytest.raises(ValueError, match="mmap must be True or False"):
        load(path, mmap="yes")  # type: ignore[arg-type]


def test_map_storage_stays_inside_the_file(tmp_path: Path) -> None:
    """The mapped view is bounds-checked whatever the caller claims; empty files map to None."""
    from pytorch_bridge.errors import ShapeError
    from pytorch_bridge.kernels.storage import file_map, map_storage

    path = tmp_path / "raw.bin"
    path.write_bytes(b"x" + np.arange(4, dtype=np.float32).tobytes())
    mapped = file_map(str(path))
    np.testing.assert_array_equal(map_storage(mapped, 1, 4, "Float"), np.arange(4))
    for offset, n in ((2, 4), (-1, 1), (0, -1), (1, 1 << 60)):
        with pytest.raises(ShapeError, match="reaches outside"):
            map_storage(mapped, offset, n, "Float")
    (tmp_path / "empty.bin").write_bytes(b"")
    assert file_map(str(tmp_path / "empty.bin")) is None
