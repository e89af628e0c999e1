"""The safe release of Python objects held by Lua (pytorch_bridge._pyrefs).

lupa's own wrapper ``__gc`` can release a reference that a live wrapper still needs
(lupa issue 293). These tests drive the two ways that happens by hand, and a stress
loop that crashed or returned the wrong object within a second without the fix.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import weakref
from pathlib import Path
from typing import Any

import lupa.luajit21 as lupa
import pytest

from pytorch_bridge import _pyrefs

REPO = Path(__file__).resolve().parents[1]

# Lua helpers: find a wrapper's registry slot, and call the wrapper metatable's __gc
# by hand, as the collector would.
_HELPERS = """
local reg = debug.getregistry()
local refs = reg.LUPA_PYTHON_REFERENCES_TABLE
local function slotOf(box)
   for k, v in pairs(refs) do
      if rawequal(v, box[1]) then return k end
   end
end
local function clear(slot) rawset(refs, slot, nil) end
local function put(slot, box) rawset(refs, slot, box[1]) end
local function get(slot) return rawget(refs, slot) end
local function finalize(box) getmetatable(box[1]).__gc(box[1]) end
local function same(a, b) return rawequal(a[1], b[1]) end
return slotOf, clear, put, get, finalize, same
"""


class Thing:
    """A Python object lupa wraps with flags 0 (no ``__getitem__``)."""

    def __init__(self, tag: str) -> None:
        self.tag = tag


@pytest.fixture()
def rt() -> Any:
    runtime = lupa.LuaRuntime()
    assert _pyrefs.install(runtime) is True
    return runtime


def helpers(rt: Any) -> tuple[Any, ...]:
    return tuple(rt.execute(_HELPERS))


def boxed(rt: Any, obj: object) -> Any:
    return rt.eval("function(x) return {x} end")(obj)


def test_runtime_installs_the_safe_release() -> None:
    from pytorch_bridge.runtime import get_runtime

    gc_fn = get_runtime().eval("debug.getregistry().POBJECT.__gc")
    assert lupa.lua_type(gc_fn) == "function"
    # lupa's own finalizer is a C function; ours is a Lua closure with upvalues
    assert get_runtime().eval("debug.getinfo(debug.getregistry().POBJECT.__gc, 'S').what") == "Lua"


def test_rewrapped_object_survives_the_old_wrappers_finalizer(rt: Any) -> None:
    """Wrapper 1 lost its slot, the object was wrapped again, then wrapper 1 is finalized."""
    slot_of, clear, _put, _get, finalize, same = helpers(rt)
    x = Thing("x")
    first = boxed(rt, x)
    clear(slot_of(first))  # what the atomic phase does to a dead wrapper
    second = boxed(rt, x)  # lupa makes a new wrapper: the old slot is empty
    assert not same(first, second)
    finalize(first)
    alive = weakref.ref(x)
    del x
    gc.collect()
    assert alive() is not None, "the live wrapper's object was released"
    assert second[1].tag == "x"
    del second
    rt.execute("collectgarbage(); collectgarbage()")
    gc.collect()
    assert alive() is None, "the object leaked after its last wrapper died"


def test_reused_slot_is_left_to_its_new_owner(rt: Any) -> None:
    """The dead wrapper's slot was handed to another object before the finalizer ran."""
    slot_of, clear, put, get, finalize, _same = helpers(rt)
    x, y = Thing("x"), Thing("y")
    first = boxed(rt, x)
    other = boxed(rt, y)
    slot = slot_of(first)
    clear(slot_of(other))
    put(slot, other)  # luaL_ref gave the cleared slot to y's wrapper
    alive = weakref.ref(x)
    finalize(first)
    assert get(slot) is y, "the finalizer freed a slot that belongs to another wrapper"
    del x, first
    gc.collect()
    assert alive() is None, "the dead wrapper's object was not released"


def test_ordinary_release_frees_object_and_slot(rt: Any) -> None:
    x = Thing("x")
    alive = weakref.ref(x)
    keep = rt.eval("function(x) KEEP = x end")
    keep(x)
    del x
    rt.execute("KEEP = nil; collectgarbage(); collectgarbage()")
    gc.collect()
    assert alive() is None
    # the slot went back on luaL_ref's free list: the next wrapper reuses it
    assert rt.eval("rawget(debug.getregistry().LUPA_PYTHON_REFERENCES_TABLE, 0)") not in (None, 0)


def test_unknown_lupa_layout_is_reported_not_patched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_pyrefs, "_references", lambda runtime, probe: None)
    runtime = lupa.LuaRuntime()
    with pytest.warns(RuntimeWarning, match="lupa release"):
        assert _pyrefs.install(runtime) is False
    assert runtime.eval("debug.getinfo(debug.getregistry().POBJECT.__gc, 'S').what") == "C"


STRESS = textwrap.dedent(
    """
    import sys
    import lupa.luajit21 as lupa
    from pytorch_bridge import _pyrefs

    class Box:
        def __init__(self, i):
            self.i = i

    lua = lupa.LuaRuntime()
    assert _pyrefs.install(lua)
    bad = []

    def echo(b, i):
        if not isinstance(b, Box) or b.i != i:
            bad.append(i)
        return b

    run = lua.eval('''function(make, echo, n, keep)
       collectgarbage('setpause', 50); collectgarbage('setstepmul', 400)
       local ring, wrong = {}, 0
       for it = 1, n do
          ring[it % keep + 1] = {make(it), it}
          local e = ring[(it * 7) % keep + 1]
          if e and not rawequal(echo(e[1], e[2]), e[1]) then wrong = wrong + 1 end
          local burst = {}
          for q = 1, (it * 13) % 97 do burst[q] = make(q) end
       end
       return wrong
    end''')
    wrong = run(Box, echo, 5000, 50)
    print(wrong, len(bad))
    """
)


def test_wrapper_churn_under_an_eager_collector() -> None:
    """Without the fix this loop segfaults or hands back the wrong object within a second."""
    out = subprocess.run(
        [sys.executable, "-c", STRESS], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["0", "0"]


TEARDOWN = textwrap.dedent(
    """
    import gc
    import lupa.luajit21 as lupa
    from pytorch_bridge import _pyrefs

    class Holder:
        pass

    for _ in range(20):
        rt = lupa.LuaRuntime()
        assert _pyrefs.install(rt)
        h = Holder()
        keep = rt.eval("function(x) KEEP = {x, {x}} return KEEP end")
        h.table = keep(h)  # Python -> Lua table -> Python: a cycle through the runtime
        h.rt = rt
        del rt, keep, h
        gc.collect()  # the runtime dies inside a collected cycle
    rt = lupa.LuaRuntime()  # and one still alive when the interpreter exits
    _pyrefs.install(rt)
    rt.eval("function(x) KEEP = x end")(Holder())
    print("ok")
    """
)


def test_runtimes_torn_down_by_the_collector_or_at_exit() -> None:
    """Closing a Lua state finalizes every wrapper; the finalizer must not use freed objects.

    ``PYTHONMALLOC=debug`` poisons freed memory, so a use after free crashes the child.
    """
    env = dict(os.environ, PYTHONMALLOC="debug")
    out = subprocess.run(
        [sys.executable, "-c", TEARDOWN],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"
