"""Python objects from the flat arrays the Lua helper makes of a loaded object graph
(the rules are in ``pytorch_bridge._t7``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._t7_lua import (
    DICT,
    EXACT,
    FALSE,
    LIST,
    NN,
    NUM,
    OBJ,
    ODDKEYS,
    STORAGE,
    STR,
    TENSOR,
    TRUE,
    LuaKey,
    remember,
)
from ._tensor import new_tensor


class Unflatten:
    """Rebuild Python objects from the arrays ``H.flatten`` returned."""

    def __init__(self, rt: Any, flat: tuple[Any, ...], as_tensor: bool) -> None:
        tags, nums, kinds, starts, counts, strbytes, handles, ne, no = flat
        torch = rt.require("torch")
        arr = torch._storageArray
        ne, no = int(ne), int(no)
        self.rt = rt
        self.torch = torch
        self.tags = np.array(arr(tags)[:ne], dtype=np.int8)
        self.nums = np.array(arr(nums)[:ne])
        self.kinds = arr(kinds)[:no].astype(np.int8).tolist()
        self.starts = arr(starts)[:no].astype(np.int64).tolist()
        self.counts = arr(counts)[:no].astype(np.int64).tolist()
        self.bytes = arr(strbytes).tobytes()
        self.handles = handles
        self.as_tensor = as_tensor

    def run(self) -> Any:
        # Every object first (containers empty), then every entry's value, then the
        # containers' contents: shared and cyclic references find the one Python object.
        objects: list[Any] = [None]
        objects.extend(self._make(i + 1, kind) for i, kind in enumerate(self.kinds))
        vals = self._values(objects)
        tags = self.tags.tolist()
        for i, kind in enumerate(self.kinds):
            start, n = self.starts[i], self.counts[i]
            if kind == LIST:
                objects[i + 1].extend(vals[start : start + n])
            elif kind == DICT:
                end = start + 2 * n
                objects[i + 1].update(
                    zip(vals[start:end:2], vals[start + 1 : end : 2], strict=True)
                )
            elif kind == ODDKEYS:
                d = objects[i + 1]
                for j in range(start, start + 2 * n, 2):
                    key = vals[j] if tags[j] in (NUM, STR) else LuaKey(vals[j])
                    d[key] = vals[j + 1]
        return vals[0] if vals else None

    def _values(self, objects: list[Any]) -> list[Any]:
        """The Python value of every entry."""
        tags, nums = self.tags, self.nums
        with np.errstate(invalid="ignore"):
            whole = (
                (tags == NUM)
                & (nums == np.trunc(nums))
                & (np.abs(nums) <= EXACT)
                & ~((nums == 0) & np.signbit(nums))
            )
        vals: list[Any] = nums.tolist()
        ints = np.where(whole, nums, 0).astype(np.int64).tolist()
        for j in np.flatnonzero(whole).tolist():
            vals[j] = ints[j]
        raw, pos = self.bytes, 0
        other = np.flatnonzero(tags != NUM)
        for j, tag in zip(other.tolist(), tags[other].tolist(), strict=True):
            if tag == STR:
                n = int(vals[j])
                b = raw[pos : pos + n]
                pos += n
                try:
                    vals[j] = b.decode("utf-8")
                except UnicodeDecodeError:
                    vals[j] = b
            elif tag == OBJ:
                vals[j] = objects[int(vals[j])]
            else:
                vals[j] = True if tag == TRUE else False if tag == FALSE else None
        return vals

    def _make(self, i: int, kind: int) -> Any:
        if kind == LIST:
            return []
        if kind in (DICT, ODDKEYS):
            return {}
        lua_obj = self.handles[i]
        if kind in (TENSOR, STORAGE):
            return self._array(lua_obj, kind == TENSOR)
        if kind == NN:
            try:
                from .nn import from_lua

                return from_lua(lua_obj)
            except Exception:  # noqa: BLE001 - Lua errors of any wrapper: keep the Lua object
                return lua_obj  # a module the proxy cannot describe (say, holding generic objects)
        return lua_obj

    def _array(self, lua_obj: Any, is_tensor: bool) -> Any:
        torch = self.torch
        a = self.rt.call(torch._np if is_tensor else torch._storageArray, lua_obj)
        if a.size == 0:
            a = a[:]  # a fresh empty array: Lua gives every empty tensor of a type one array
        else:
            remember(a, lua_obj)
        return new_tensor(a) if self.as_tensor else a
