"""Loading the .t7 files written by real Torch7 (compat/t7) with torch.load.

``compat/t7/tensors`` holds files written by a real Torch7 build whose contents are documented
in its README (copied from the shared fixtures); ``compat/t7/public`` holds files from public
projects (see ``compat/t7/PROVENANCE.md``). Values, types, sizes, strides and sharing are
checked against the documented contents and, when the ``torchfile`` package is installed,
against that independent reader.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge.errors import LuaError
from pytorch_bridge.runtime import get_runtime

T7 = Path(__file__).resolve().parent.parent / "compat" / "t7"
TENSORS = T7 / "tensors"
PUBLIC = T7 / "public"

# Lua side: turn a loaded value into plain tables Python can take (strings as hex, since
# Lua strings with arbitrary bytes cannot cross as Python str).
_CONVERT = r"""
local function hexbyte(c) return string.format('%02x', c:byte()) end
local function hex(s) return 's:' .. s:gsub('.', hexbyte) end
local function conv(x, seen)
   local tx = type(x)
   if tx == 'string' then return hex(x) end
   if tx ~= 'table' and tx ~= 'cdata' then return x end
   if seen[x] then return { kind = 'ref', id = seen[x] } end
   seen.n = seen.n + 1
   local id = seen.n
   seen[x] = id
   if torch.isTensor(x) then
      local st = x:storage()
      local sz, sd = {}, {}
      for d = 1, x:dim() do sz[d] = x:size(d); sd[d] = x:stride(d) end
      return { kind = 'tensor', type = torch.typename(x), size = sz, stride = sd,
               offset = x:storageOffset(), storage = st and torch.pointer(st) or 0,
               storage_size = st and st:size() or 0, values = torch._np(x:contiguous()),
               id = id }
   end
   if torch.isStorage(x) then
      return { kind = 'storage', type = torch.typename(x), storage = torch.pointer(x),
               values = torch._storageArray(x), id = id }
   end
   local entries = {}
   for k, v in pairs(x) do entries[#entries + 1] = { conv(k, seen), conv(v, seen) } end
   return { kind = 'table', class = torch.typename(x), entries = entries, id = id }
end
pcall(require, "nn")
return function(path, mode, again, generic)
   local opts = generic and { unknownClasses = 'generic' } or nil
   local obj = torch.load(path, mode, nil, opts)
   if again then obj = torch.deserialize(torch.serialize(obj, again), again, opts) end
   return conv(obj, { n = 0 })
end
"""


@dataclass
class LTensor:
    """A loaded tensor or storage: type, geometry, storage identity and values."""

    type: str
    values: np.ndarray
    size: tuple[int, ...] = ()
    stride: tuple[int, ...] = ()
    offset: int = 1
    storage: int = 0
    storage_size: int = 0


@dataclass
class LTable:
    """A loaded Lua table (``cls`` set for torch class objects)."""

    id: int
    cls: str | None
    items: dict[Any, Any] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(("table", self.id))

    def __getitem__(self, key: Any) -> Any:
        return self.items[key]


@dataclass(frozen=True)
class Ref:
    """A second occurrence of an already converted table or tensor."""

    id: int


def _py(x: Any, ids: dict[int, Any]) -> Any:
    if isinstance(x, str) and x.startswith("s:"):
        return bytes.fromhex(x[2:])
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    if x is None or isinstance(x, (bool, int, float)):
        return x
    kind = x["kind"]
    if kind == "ref":
        return ids.get(int(x["id"]), Ref(int(x["id"])))
    if kind in ("tensor", "storage"):
        out = LTensor(str(x["type"]), np.array(x["values"]), storage=int(x["storage"]))
        if kind == "tensor":
            out.size = tuple(int(v) for v in x["size"].values())
            out.stride = tuple(int(v) for v in x["stride"].values())
            out.offset = int(x["offset"])
            out.storage_size = int(x["storage_size"])
        ids[int(x["id"])] = out
        return out
    table = LTable(int(x["id"]), None if x["class"] is None else str(x["class"]))
    ids[table.id] = table
    for pair in x["entries"].values():
        key = _py(pair[1], ids)
        if isinstance(key, bool):  # kept apart from the number keys 1 and 0
            key = ("bool", key)
        table.items[key] = _py(pair[2], ids)
    return table


def load(
    path: Path, mode: str | None = None, again: str | None = None, generic: bool = False
) -> Any:
    """Load ``path`` with torch.load and convert the result to Python values.

    With ``again`` ('binary' or 'ascii'), the loaded object is serialized in that format and
    read back first. With ``generic``, objects of unknown classes load as generic objects.
    """
    rt = get_runtime()
    fn = rt.execute(_CONVERT)
    return _py(rt.call(fn, str(path), mode, again, generic), {})


def tensor_files() -> list[str]:
    return sorted(p.name for p in TENSORS.glob("*.t7"))


def test_every_tensor_fixture_loads() -> None:
    """Every file of compat/t7/tensors loads without error."""
    names = tensor_files()
    assert 39 == len(names)
    for name in names:
        load(TENSORS / name, "ascii" if name.endswith(".ascii.t7") else None)


TWO_BY_THREE = {
    "double_2x3": ("torch.DoubleTensor", [[1.5, -2.25, 3], [4, 5.125, -6]]),
    "float_2x3": ("torch.FloatTensor", [[1.5, -2.25, 3], [4, 5.125, -6]]),
    "byte_2x3": ("torch.ByteTensor", [[0, 1, 127], [128, 254, 255]]),
    "char_2x3": ("torch.CharTensor", [[-128, -1, 0], [1, 65, 127]]),
    "short_2x3": ("torch.ShortTensor", [[-32768, -1, 0], [1, 1000, 32767]]),
    "int_2x3": ("torch.IntTensor", [[-2147483648, -1, 0], [1, 123456, 2147483647]]),
    "long_2x3": ("torch.LongTensor", [[-4294967296, -1, 0], [1, 1099511627776, 2**53]]),
}


@pytest.mark.parametrize("name", sorted(TWO_BY_THREE))
def test_two_by_three_tensors_of_every_type(name: str) -> None:
    """Each 2x3 tensor has its type, contiguous geometry and exact values."""
    t = load(TENSORS / f"{name}.t7")
    typename, values = TWO_BY_THREE[name]
    assert typename == t.type
    assert ((2, 3), (3, 1), 1, 6) == (t.size, t.stride, t.offset, t.storage_size)
    assert np.array_equal(np.array(values), t.values)


def test_double_2x3_ascii_matches_binary() -> None:
    """The ascii file holds the same tensor as the binary one."""
    a = load(TENSORS / "double_2x3.ascii.t7", "ascii")
    b = load(TENSORS / "double_2x3.t7")
    assert (b.type, b.size, b.stride) == (a.type, a.size, a.stride)
    assert np.array_equal(b.values, a.values)


def test_ranges_of_several_dimensions() -> None:
    """1-D, 3-D and 4-D tensors hold 1..n in row-major order."""
    assert np.array_equal(np.arange(1.0, 6), load(TENSORS / "double_1d_5.t7").values)
    t3 = load(TENSORS / "double_3d_2x3x4.t7")
    assert ((2, 3, 4), (12, 4, 1)) == (t3.size, t3.stride)
    assert np.array_equal(np.arange(1.0, 25).reshape(2, 3, 4), t3.values)
    t4 = load(TENSORS / "float_4d_2x2x2x3.t7")
    assert ("torch.FloatTensor", (2, 2, 2, 3)) == (t4.type, t4.size)
    assert np.array_equal(np.arange(1, 25, dtype=np.float32).reshape(2, 2, 2, 3), t4.values)


@pytest.mark.parametrize(
    "name, dtype", [("double_special", np.float64), ("float_special", np.float32)]
)
def test_special_values_keep_their_bits(name: str, dtype: Any) -> None:
    """Signed zeros, infinities, NaN and denormals load bit for bit."""
    v = load(TENSORS / f"{name}.t7").values
    tiny, big = (1e-310, 1e308) if dtype == np.float64 else (1e-40, 3e38)
    expect = np.array([0, -0.0, np.inf, -np.inf, np.nan, tiny, big, math.pi], dtype=dtype)
    assert np.array_equal(expect, v, equal_nan=True)
    assert np.signbit(v[1]) and not np.signbit(v[0])


@pytest.mark.parametrize("name", ["double_empty_nodim", "float_empty_size0", "long_empty_nodim"])
def test_empty_tensors_have_no_dimensions_and_no_storage(name: str) -> None:
    """Empty tensors load with no dimensions and no storage."""
    t = load(TENSORS / f"{name}.t7")
    assert ((), 0, 0) == (t.size, t.storage, t.values.size)


def test_views_keep_offset_and_strides() -> None:
    """Narrowed, transposed and one-element views keep their geometry and whole storage."""
    s = load(TENSORS / "double_scalar_view.t7")
    assert ((1,), 4, 10, [4.0]) == (s.size, s.offset, s.storage_size, list(s.values))
    tr = load(TENSORS / "double_transposed_4x3.t7")
    assert ((4, 3), (1, 4), 12) == (tr.size, tr.stride, tr.storage_size)
    assert np.array_equal(np.arange(1.0, 13).reshape(3, 4).T, tr.values)
    nr = load(TENSORS / "double_narrowed_3x2.t7")
    assert ((3, 2), (4, 1), 2) == (nr.size, nr.stride, nr.offset)
    assert np.array_equal(np.arange(1.0, 13).reshape(3, 4)[:, 1:3], nr.values)


def test_views_sharing_one_storage_load_sharing_it() -> None:
    """All views of one base share one loaded storage; the expanded tensor has stride 0."""
    t = load(TENSORS / "views_sharing_storage.t7")
    base = t[b"base"]
    for key in (b"transposed", b"narrowed", b"row", b"col"):
        assert base.storage == t[key].storage
    assert np.array_equal(np.arange(1.0, 13).reshape(3, 4)[:, 2], t[b"col"].values)
    ex = t[b"expanded"]
    assert ((3, 4), (1, 0)) == (ex.size, ex.stride)
    assert base.storage != ex.storage


def test_two_tensors_on_one_storage() -> None:
    """Two tensors and the storage they share load as one storage."""
    t = load(TENSORS / "two_tensors_one_storage.t7")
    a, b, st = t[b"a"], t[b"b"], t[b"storage"]
    assert a.storage == b.storage == st.storage
    assert np.array_equal(np.array([[10.0, 20], [30, 40]]), a.values)
    assert ((2, 3), (1, 2), 3) == (b.size, b.stride, b.offset)
    assert np.array_equal(np.array([[30.0, 50, 70], [40, 60, 80]]), b.values)


STORAGES = {
    "double": ("torch.DoubleStorage", [1.5, -2, 3.25]),
    "float": ("torch.FloatStorage", [1.5, -2, 3.25]),
    "byte": ("torch.ByteStorage", [0, 1, 255]),
    "char": ("torch.CharStorage", list(b"hello")),
    "short": ("torch.ShortStorage", [-32768, 0, 32767]),
    "int": ("torch.IntStorage", [-(2**31), 0, 2**31 - 1]),
    "long": ("torch.LongStorage", [-1, 0, 2**40]),
    "empty_double": ("torch.DoubleStorage", []),
}


@pytest.mark.parametrize("name", sorted(STORAGES))
def test_raw_storages(name: str) -> None:
    """Storages of every type load with their type and elements."""
    s = load(TENSORS / f"storage_{name}.t7")
    assert STORAGES[name][0] == s.type
    assert STORAGES[name][1] == list(s.values)


def test_mixed_table_values_and_sharing() -> None:
    """The mixed table keeps every value, and S is one tensor referenced three times."""
    t = load(TENSORS / "mixed_table.t7")
    assert (42, -3.5, b"hello world", b"", b"a\0b\xffc") == tuple(
        t[k] for k in (b"num_int", b"num_float", b"str", b"empty_str", b"bin_str")
    )
    assert (True, False) == (t[b"yes"], t[b"no"])
    assert b"deep" == t[b"nested"][b"b"][b"c"]
    assert [1, 2, 3] == [t[b"nested"][b"b"][b"d"][i] for i in (1, 2, 3)]
    s = t[b"t1"]
    assert s is t[b"t2"] and s is t[b"list"][1]
    assert (b"x", 7) == (t[b"list"][2], t[b"list"][3])
    assert s.storage == t[b"sharedStorageT"].storage
    assert [3.0, 4.0] == list(t[b"sharedStorageT"].values)
    assert "torch.FloatTensor" == t[b"floatT"].type


def test_unreferenced_file_loads_two_tensors() -> None:
    """A file saved with referenced=false gives two distinct tensors."""
    t = load(TENSORS / "mixed_shared_unreferenced.t7")
    assert t[b"t1"] is not t[b"t2"]
    assert t[b"t1"].storage != t[b"t2"].storage
    assert np.array_equal(t[b"t1"].values, t[b"t2"].values)


def test_keys_of_every_kind() -> None:
    """Integer, negative, zero, fractional, string-number and boolean keys all survive."""
    t = load(TENSORS / "int_and_string_keys.t7")
    expect = {
        1: b"one",
        2: b"two",
        3: b"three",
        10: b"ten",
        -1: b"minus one",
        0: b"zero",
        1.5: b"one and a half",
        b"1": b"string one",
        b"x": b"ex",
        ("bool", True): b"bool key",
    }
    assert expect == t.items


def test_list_cycles_and_top_level_scalars() -> None:
    """A list, a cyclic table and top-level number, string, boolean and nil load."""
    assert {i: 10 * i for i in range(1, 6)} == load(TENSORS / "list_1_to_5.t7").items
    c = load(TENSORS / "cyclic_table.t7")
    assert c[b"self"] is c and c[b"child"][b"parent"] is c and b"root" == c[b"name"]
    assert 3.25 == load(TENSORS / "number_top.t7")
    assert b"just a string" == load(TENSORS / "string_top.t7")
    assert True is load(TENSORS / "boolean_top.t7")
    assert None is load(TENSORS / "nil_top.t7")


def test_mixed_ascii_table() -> None:
    """The ascii file holds tensors of three types, strings, numbers and nesting."""
    t = load(TENSORS / "mixed_table.ascii.t7", "ascii")
    assert np.array_equal(np.array([[1.5, -2], [3, 4.25]]), t[b"t"].values)
    assert np.array_equal(np.array([0.1, 0.2], dtype=np.float32), t[b"f"].values)
    assert [1, 2, 3] == list(t[b"l"].values) and "torch.LongTensor" == t[b"l"].type
    assert (b"ascii string", 7, True) == (t[b"s"], t[b"n"], t[b"b"])
    assert b"y" == t[b"nested"][3][b"x"]


# Public files: those that hold only known classes and no functions load; the others fail
# with the documented reason.
PUBLIC_OK = [
    "torchfile/doubletensor.t7",
    "torchfile/floattensor.t7",
    "torchfile/hello=123.t7",
    "torchfile/list_table.t7",
    "torchfile/map_table1.t7",
    "torchfile/map_table2.t7",
    "torchfile/recursive_kv_table.t7",
    "cpp-torch/net.t7",
    "cpp-torch/x.t7",
    "cpp-torch/y.t7",
] + [
    f"torch-autograd/{m}.th.{v}" for m in ("model", "criterion") for v in ("51", "52", "53", "JIT")
]
PUBLIC_FAIL = {
    "torchfile/custom_class.t7": "Blah",
    "torchfile/recursive_class.t7": "A (at <top level>)",
    "torchfile/tds_hash.t7": "tds.Hash",
    "torchfile/tds_vec.t7": "tds.Vec",
    "torchfile/function.t7": "serialized Lua function",
    "torchfile/function_upvals.t7": "serialized Lua function",
} | {
    f"torch-autograd/auto{m}.th.{v}": "serialized Lua function"
    for m in ("Model", "Criterion")
    for v in ("51", "52", "53", "JIT")
}


@pytest.mark.parametrize("name", PUBLIC_OK)
def test_public_files_load(name: str) -> None:
    """Public files with known classes and no functions load."""
    load(PUBLIC / name)


@pytest.mark.parametrize("name", sorted(PUBLIC_FAIL))
def test_public_files_with_unknown_classes_or_functions_say_why(name: str) -> None:
    """Files with unknown classes or functions fail naming the class or the function."""
    with pytest.raises(LuaError, match=PUBLIC_FAIL[name].replace("(", r"\(").replace(")", r"\)")):
        load(PUBLIC / name)


def test_public_values() -> None:
    """Documented values of the public files come back."""
    d = load(PUBLIC / "torchfile/doubletensor.t7")
    assert np.array_equal(np.array([[1, 2, 3], [4, 5, 6.9]]), d.values)
    f = load(PUBLIC / "torchfile/floattensor.t7")
    assert (2, 3, 4) == f.size
    assert abs(12.97241666913 - float(f.values.sum(dtype=np.float64))) < 1e-5
    assert 123 == load(PUBLIC / "torchfile/hello=123.t7")[b"hello"]
    assert b"zero" == load(PUBLIC / "torchfile/map_table1.t7")[0]
    kv = load(PUBLIC / "torchfile/recursive_kv_table.t7")
    assert [(kv, kv)] == list(kv.items.items())
    net = load(PUBLIC / "cpp-torch/net.t7")
    assert "nn.Linear" == net.cls
    assert np.array_equal(
        np.array([[0, 1, 0], [0, 0, 1]], dtype=np.float32), net[b"weight"].values
    )
    assert [10.0, 10.0] == list(net[b"bias"].values)
    m = load(PUBLIC / "torch-autograd/model.th.JIT")
    assert (848, 24) == m[b"modules"][1][b"weight"].size


@pytest.mark.parametrize(
    "name, cls",
    [("nngraph_node.t7", "nngraph.Node"), ("gmodule_with_linear_identity.t7", "nn.gModule")],
)
def test_nngraph_files_load_with_nngraph_or_name_its_classes(name: str, cls: str) -> None:
    """nngraph files load when nngraph is available, else the error names its classes."""
    rt = get_runtime()
    has_nngraph = rt.execute("return (pcall(require, 'nngraph'))")
    if has_nngraph:
        assert cls == load(PUBLIC / "torchfile" / name).cls
    else:
        with pytest.raises(LuaError, match=cls):
            load(PUBLIC / "torchfile" / name)


def test_unknown_classes_load_as_generic_objects_on_request() -> None:
    """With unknownClasses='generic', a file of unknown classes loads and saves back."""
    rt = get_runtime()
    fn = rt.eval("""function(p)
        local o = torch.load(p, nil, nil, { unknownClasses = 'generic' })
        local again = torch.deserialize(torch.serialize(o), nil, { unknownClasses = 'generic' })
        return torch.typename(o), torch.typename(again), torch.isGenericObject(again)
    end""")
    name, again, generic = rt.call(fn, str(PUBLIC / "torchfile/custom_class.t7"))
    assert ("Blah", "Blah", True) == (name, again, generic)


# Comparison with an independent reader.


def _same(ours: Any, theirs: Any, seen: set[tuple[int, int]]) -> None:
    import torchfile

    if isinstance(ours, LTensor):
        assert isinstance(theirs, np.ndarray)
        assert np.array_equal(
            np.asarray(theirs).reshape(ours.values.shape), ours.values, equal_nan=True
        )
        return
    if isinstance(ours, LTable):
        if (id(ours), id(theirs)) in seen:
            return
        seen.add((id(ours), id(theirs)))
        if ours.cls is not None:
            assert isinstance(theirs, torchfile.TorchObject)
            assert ours.cls.encode() == theirs._typename or ours.cls == theirs._typename
            theirs = theirs._obj
        # torchfile keeps tables in Python dicts, where the key True is the key 1: skip both.
        bools = {k[1] for k in ours.items if isinstance(k, tuple)}
        if not bools:
            assert len(ours.items) == len(theirs)
        for k, v in ours.items.items():
            if isinstance(k, (LTable, tuple)) or k in bools:
                continue
            tk = float(k) if isinstance(k, (int, float)) and not isinstance(k, bool) else k
            _same(v, theirs[tk], seen)
        return
    if isinstance(ours, float) and math.isnan(ours):
        assert math.isnan(theirs)
        return
    assert ours == theirs


@pytest.mark.parametrize(
    "name",
    [f"tensors/{n}" for n in tensor_files() if not n.endswith(".ascii.t7")]
    + [f"public/{n}" for n in PUBLIC_OK],
)
def test_matches_torchfile(name: str) -> None:
    """Our reading of each fixture equals the torchfile package's reading."""
    torchfile = pytest.importorskip("torchfile")
    theirs = torchfile.load(str(T7 / name), use_list_heuristic=False)
    _same(load(T7 / name), theirs, set())


def _equal(a: Any, b: Any, storages: dict[int, int], seen: set[tuple[int, int]]) -> None:
    """Assert that two converted values are equal, sharing included."""
    if isinstance(a, LTensor):
        assert isinstance(b, LTensor) and a.type == b.type
        assert (a.size, a.stride, a.offset, a.storage_size) == (
            b.size,
            b.stride,
            b.offset,
            b.storage_size,
        )
        assert np.array_equal(a.values, b.values, equal_nan=True)
        if a.storage:
            assert b.storage == storages.setdefault(a.storage, b.storage)
        return
    if isinstance(a, LTable):
        assert isinstance(b, LTable) and a.cls == b.cls and len(a.items) == len(b.items)
        if (a.id, b.id) in seen:
            return
        seen.add((a.id, b.id))
        for k, v in a.items.items():
            if not isinstance(k, LTable):
                _equal(v, b.items[k], storages, seen)
        return
    if isinstance(a, float) and math.isnan(a):
        assert isinstance(b, float) and math.isnan(b)
        return
    assert a == b and (not isinstance(a, float) or math.copysign(1, a) == math.copysign(1, b))


COMPAT = T7.parent / "torch7"
ROUND_TRIP = (
    [f"t7/tensors/{n}" for n in tensor_files()]
    + [f"t7/public/{n}" for n in PUBLIC_OK]
    + [
        f"t7/public/{n}"
        for n in ("torchfile/gmodule_with_linear_identity.t7", "torchfile/recursive_class.t7")
    ]
    + sorted(
        str(p.relative_to(T7.parent))
        for d in ("models", "criteria", "optim")
        for p in (COMPAT / d).glob("*.t7")
    )
)


@pytest.mark.parametrize("name", ROUND_TRIP)
@pytest.mark.parametrize("fmt", ["binary", "ascii"])
def test_load_save_load_gives_equal_objects(name: str, fmt: str) -> None:
    """Loading a fixture, writing it again and reading that back gives an equal object."""
    mode = "ascii" if name.endswith(".ascii.t7") else None
    first = load(T7.parent / name, mode, generic=True)
    again = load(T7.parent / name, mode, fmt, generic=True)
    _equal(first, again, {}, set())
