"""``apply`` on source text: matching records to functions, keeping what is there, byte-exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from batchtyping_codemods import framework
from tests.codemods.helpers import pairs
from batchtyping_codemods.commands.apply import ApplyCommand as Apply, apply_code
from batchtyping_codemods.trace import store
from tests.trace.builders import BOOL, NONE, arr, dct, function

SOURCE = '''\
import jax


class Scaler:
    def apply(self, x, mean):
        return jax.tree_util.tree_map(jax.numpy.subtract, x, mean)


def make():
    def step(params, flag):
        return params

    return step


def kept(x: jax.Array, mean):
    return jax.tree_util.tree_map(jax.numpy.subtract, x, mean)


def twice(x):
    return x


def twice(x):
    return x
'''


def _fixed_calls():  # type: ignore[no-untyped-def]
    return [({"x": arr(n, 3), "mean": arr(3)}, arr(n, 3)) for n in (2, 5)]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "trace.sqlite"
    functions = [
        function(["self", "x", "mean"], *_fixed_calls(), name="Scaler.apply"),
        function(["params", "flag"], ({"params": dct(w=arr(3)), "flag": BOOL}, dct(w=arr(3))),
                 name="make.<locals>.step"),
        function(["x", "mean"], *_fixed_calls(), name="kept"),
        function(["x"], ({"x": arr(2)}, NONE), name="twice"),
        function(["x"], ({"x": arr(3)}, NONE), name="twice"),
    ]
    functions[4].firstlineno = 2  # a second definition, recorded apart
    for fn in functions:
        fn.module, fn.filename = "pkg.mod", "/elsewhere/pkg/mod.py"  # traced in another checkout
    store.write(path, functions)
    return path


@pytest.fixture
def module(tmp_path: Path) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    return tmp_path / "pkg" / "mod.py"


def test_methods_closures_existing_annotations_and_duplicates(db: Path, module: Path) -> None:
    assert apply_code(SOURCE, module, db) == '''\
import jax
from batchtyping import BatchlessRealDataFixed, DictParams, RealDataFixedT


class Scaler:
    def apply(self, x: RealDataFixedT, mean: BatchlessRealDataFixed) -> RealDataFixedT:
        return jax.tree_util.tree_map(jax.numpy.subtract, x, mean)


def make():
    def step(params: DictParams, flag: bool) -> DictParams:
        return params

    return step


def kept(x: jax.Array, mean: BatchlessRealDataFixed):
    return jax.tree_util.tree_map(jax.numpy.subtract, x, mean)


def twice(x):
    return x


def twice(x):
    return x
'''


def test_overwrite_replaces_existing_annotations(db: Path, module: Path) -> None:
    out = apply_code(SOURCE, module, db, overwrite=True)
    assert "def kept(x: RealDataFixedT, mean: BatchlessRealDataFixed) -> RealDataFixedT:" in out


def test_a_typevar_is_not_left_alone_in_a_signature(db: Path, module: Path) -> None:
    source = "def kept(x, mean) -> object:\n    return tree_map(sub, x, mean)\n"
    assert apply_code(source, module, db) == (
        "from batchtyping import BatchlessRealDataFixed, RealDataFixed\n\n"
        "def kept(x: RealDataFixed, mean: BatchlessRealDataFixed) -> object:\n"
        "    return tree_map(sub, x, mean)\n"
    )


def test_no_tree_alias_where_the_body_computes_with_the_value(db: Path, module: Path) -> None:
    """``x - mean`` needs arrays: a Fixed array falls back to ArrayData (the calls allow it,
    return included), the Batchless one has no such fallback and is left."""
    source = "def kept(x, mean):\n    return x - mean\n"
    config = framework.Config(root=module.parent, table={})
    code, events = framework.transform(Apply, module, source, {"db": db}, config)
    assert code == "from batchtyping import ArrayData\n\ndef kept(x: ArrayData, mean) -> ArrayData:\n    return x - mean\n"
    assert sorted(pairs(events)) == [
        ("ArrayData", "kept: -> ArrayData"),
        ("ArrayData", "kept: x: ArrayData"),
        ("skipped", "kept: mean: BatchlessRealDataFixed fits the calls, but not the body: it uses it like ArrayData"),
    ]


def test_files_without_records_are_unchanged(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.py"
    assert apply_code(SOURCE, other, db) == SOURCE
