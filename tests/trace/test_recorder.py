"""The recorder: which functions, sampling, exceptions, tracers, the store, value descriptions."""

from __future__ import annotations

import sqlite3
import sys
import textwrap
from collections import namedtuple
from contextlib import closing
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from batchtyping_codemods.trace import store
from batchtyping_codemods.trace.recorder import Recorder
from batchtyping_codemods.trace.values import describe, structure

SOURCE = textwrap.dedent('''
    import jax

    def f(x, k=1):
        return x

    def boom(x):
        raise ValueError(x)

    def gen(n):
        yield n

    class Model:
        def apply(self, x):
            return x

    def under_jit(x):
        return jax.jit(f)(x)

    square = lambda x: x * x
''')

# sys.monitoring only exists on Python 3.12+: both back ends run where they exist.
BACKENDS = [False, True] if hasattr(sys, "monitoring") else [False]


@pytest.fixture
def traced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    (tmp_path / "tracedpkg").mkdir()
    (tmp_path / "tracedpkg" / "__init__.py").write_text(SOURCE)
    monkeypatch.syspath_prepend(str(tmp_path))
    import tracedpkg

    yield tracedpkg, tmp_path / "t.sqlite"
    sys.modules.pop("tracedpkg", None)


def _record(db: Path, work, monitoring: bool, **options) -> dict[str, store.Function]:  # type: ignore[no-untyped-def]
    recorder = Recorder(db, modules=["tracedpkg"], **options)
    recorder.start(use_monitoring=monitoring)
    try:
        work()
    finally:
        recorder.stop()
    return {fn.qualname: fn for fn in store.read(db)}


@pytest.mark.parametrize("monitoring", BACKENDS)
def test_sampling_first_then_every_kth(traced, monitoring: bool) -> None:  # type: ignore[no-untyped-def]
    pkg, db = traced
    fns = _record(db, lambda: [pkg.f(jnp.ones((n, 2))) for n in range(1, 11)], monitoring, first=2, every=3)
    f = fns["f"]
    assert (f.seen, f.params) == (10, ["x", "k"])
    assert [c.args["x"]["shape"][0] for c in f.calls] == [1, 2, 3, 6, 9]
    assert f.calls[0].args["k"] == {"t": "int"}
    assert f.calls[0].result == {"t": "array", "dtype": "float32", "shape": [1, 2], "jax": True}


@pytest.mark.parametrize("monitoring", BACKENDS)
def test_exceptions_generators_lambdas_and_self(traced, monitoring: bool) -> None:  # type: ignore[no-untyped-def]
    pkg, db = traced

    def work() -> None:
        with pytest.raises(ValueError):
            pkg.boom(1)
        list(pkg.gen(3))
        pkg.square(2)
        pkg.Model().apply(jnp.ones(2))

    fns = _record(db, work, monitoring)
    assert fns["boom"].seen == 1 and fns["boom"].calls == []  # no return value to record
    assert "gen" not in fns and "<lambda>" not in fns
    assert fns["Model.apply"].params == ["self", "x"]
    assert list(fns["Model.apply"].calls[0].args) == ["x"]


def test_tracers_are_marked(traced) -> None:  # type: ignore[no-untyped-def]
    pkg, db = traced
    fns = _record(db, lambda: pkg.under_jit(jnp.ones((3, 2))), False)
    (call,) = fns["f"].calls
    assert call.traced
    assert call.args["x"]["tracer"] == "DynamicJaxprTracer"
    assert call.args["x"]["shape"] == [3, 2]
    assert not fns["under_jit"].calls[0].traced


def test_vmap_tracers_have_per_example_shapes(traced) -> None:  # type: ignore[no-untyped-def]
    pkg, db = traced
    fns = _record(db, lambda: jax.vmap(pkg.f)(jnp.ones((3, 2))), False)
    (call,) = fns["f"].calls
    assert (call.args["x"]["shape"], call.args["x"]["tracer"]) == ([2], "BatchTracer")


def test_default_selection_is_non_test_code_under_the_root(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path / "t.sqlite", root=tmp_path)
    code = compile("def f(): pass", str(tmp_path / "lib.py"), "exec").co_consts[0]
    test_code = compile("def f(): pass", str(tmp_path / "test_lib.py"), "exec").co_consts[0]
    outside = compile("def f(): pass", "/elsewhere/lib.py", "exec").co_consts[0]
    assert recorder._selected(code, "lib")
    assert not recorder._selected(test_code, "test_lib")
    assert not recorder._selected(outside, "lib")
    assert not recorder._selected(code, "batchtyping_codemods.trace.values")


def test_store_round_trip_accumulates_and_checks_its_schema(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    fn = store.Function("m", "f", "/m.py", 3, ["x"], seen=2, calls=[store.Call({"x": {"t": "int"}}, {"t": "none"})])
    store.write(db, [fn])
    store.write(db, [fn])
    (back,) = store.read(db)
    assert (back.seen, len(back.calls), back.calls[0].args) == (4, 2, {"x": {"t": "int"}})
    with closing(sqlite3.connect(db)) as raw, raw:
        raw.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(ValueError, match=r"t\.sqlite: trace database schema 0, expected 2"):
        store.read(db)
    with pytest.raises(FileNotFoundError, match="no trace database"):
        store.read(tmp_path / "missing.sqlite")


Point = namedtuple("Point", "x y")


def test_describe_values() -> None:
    assert describe(np.zeros((2, 3), np.int64)) == {"t": "array", "dtype": "int64", "shape": [2, 3], "jax": False}
    assert describe(jnp.zeros(2, jnp.complex64))["dtype"] == "complex64"
    assert describe({1: None}) == {"t": "dict", "keys": ["1"], "strkeys": False, "items": [{"t": "none"}]}
    assert describe(list(range(300))) == {"t": "big"}
    wide = describe([[0] * 200] * 30)  # 6000 values: cut short after MAX_NODES
    assert wide["items"][0]["items"][0] == {"t": "int"} and wide["items"][-1] == {"t": "big"}
    node = describe(Point(jnp.zeros(2), 1.0))
    assert node["t"] == "node" and node["type"].endswith("Point")
    assert [leaf["t"] for leaf in node["leaves"]] == ["array", "float"]
    assert describe(test_describe_values) == {"t": "callable", "code": f"{__name__}:test_describe_values"}
    assert describe(object())["t"] == "object"


def test_structure_is_jax_treedef_equality() -> None:
    a = describe({"b": jnp.zeros(1), "a": (jnp.zeros(2), None)})
    b = describe({"a": (jnp.zeros(3), None), "b": jnp.zeros(4)})
    c = describe({"a": [jnp.zeros(3), None], "b": jnp.zeros(4)})
    assert structure(a) == structure(b) != structure(c)
    tree_a = jax.tree_util.tree_structure({"b": 0, "a": (0, None)})
    tree_b = jax.tree_util.tree_structure({"a": (0, None), "b": 0})
    assert tree_a == tree_b
