"""Run-time meaning of the twenty aliases under ``batchtyping.check``: eager, in jit, in vmap.

Every verdict is checked three ways: called directly, inside ``jax.jit`` (the checks run on
tracers) and inside ``jax.vmap`` (``check`` on the per-example function, so the arrays it
sees have lost their vmapped axis). In jit and vmap only ``jax.Array`` leaves are traced;
every other leaf (Python numbers, numpy arrays, strings, shapes) is closed over unchanged,
so the three modes judge the same values.

Every item of the flat containers (``TupleParams``, ``HyperParams``, ...) is checked, where
beartype sampled one (``test_flat_containers_check_every_item``).
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jaxtyping import TypeCheckError

import batchtyping as bt
from batchtyping import check
from batchtyping.vocabulary import ALIAS_NAMES, ALIASES, STRUCTURE_TYPEVARS, counterpart

MODES = ["eager", "jit", "vmap"]


def f32(*shape: int) -> jax.Array:
    return jnp.ones(shape, jnp.float32)


def i32(*shape: int) -> jax.Array:
    return jnp.ones(shape, jnp.int32)


def c64(*shape: int) -> jax.Array:
    return jnp.ones(shape, jnp.complex64)


def b8(*shape: int) -> jax.Array:
    return jnp.ones(shape, jnp.bool_)


def run(mode: str, fn: Callable[..., Any], *args: Any) -> Any:
    """Call ``fn(*args)`` directly, inside ``jax.jit`` or inside ``jax.vmap``.

    In jit and vmap mode only the ``jax.Array`` leaves of ``args`` are traced (vmap adds
    a leading axis of size 2 to each and maps it away again), and only the array leaves
    of the result are returned.
    """
    if mode == "eager":
        return fn(*args)
    leaves, treedef = jax.tree.flatten(args)
    traced = [i for i, leaf in enumerate(leaves) if isinstance(leaf, jax.Array)]

    def inner(arrays: list[jax.Array], _dummy: jax.Array) -> list[jax.Array]:
        rebuilt = list(leaves)
        for i, array in zip(traced, arrays):
            rebuilt[i] = array
        out = fn(*jax.tree.unflatten(treedef, rebuilt))
        return [leaf for leaf in jax.tree.leaves(out) if isinstance(leaf, jax.Array)]

    arrays = [leaves[i] for i in traced]
    if mode == "jit":
        return jax.jit(inner)(arrays, f32(2))
    # The dummy argument gives vmap an axis to map when no leaf is an array.
    return jax.vmap(inner)([jnp.stack([a, a]) for a in arrays], f32(2, 1))


@pytest.mark.parametrize("mode", MODES)
def test_run_traces_arrays_in_jit_and_vmap(mode: str) -> None:
    """In jit and vmap the function sees tracers of the per-example shape; numpy stays numpy."""
    seen: list[tuple[bool, tuple[int, ...], type]] = []

    def probe(x: Any, n: Any) -> Any:
        seen.append((isinstance(x, jax.core.Tracer), x.shape, type(n)))
        return x

    run(mode, probe, f32(2), np.ones(3))
    assert seen == [(mode != "eager", (2,), np.ndarray)]


def identity(annotation: Any) -> Callable[[Any], Any]:
    """``check`` on ``def f(x: annotation) -> annotation: return x``."""

    def f(x: Any) -> Any:
        return x

    f.__annotations__ = {"x": annotation, "return": annotation}
    return check(f)


class Pair(NamedTuple):
    w: jax.Array
    b: jax.Array


@jax.tree_util.register_dataclass
@dataclass
class DataclassLayer:
    w: jax.Array
    b: jax.Array


@jax.tree_util.register_pytree_node_class
class Box:
    """A class registered with ``register_pytree_node_class``."""

    def __init__(self, value: jax.Array) -> None:
        self.value = value

    def tree_flatten(self) -> tuple[tuple[jax.Array], None]:
        return (self.value,), None

    @classmethod
    def tree_unflatten(cls, _aux: None, children: tuple[jax.Array]) -> Box:
        return cls(*children)


# alias -> (values `check` accepts, values it rejects); each passed as the only argument of
# `def f(x: Alias) -> Alias: return x`.
VERDICTS: dict[str, tuple[list[Any], list[Any]]] = {
    "Params": (
        [{"w": f32(3, 2), "b": f32(2)}, (f32(2),), [f32()], c64(2), None, (), {}, {1: f32(2)},
         Pair(f32(2), f32(1)), DataclassLayer(f32(2), f32(1)), Box(f32(2)),
         {"layers": [(f32(2, 2), f32(2)), None], "scale": f32()}],
        [{"w": i32(2)}, {"w": b8(2)}, {"w": 1.0}, {"w": 1}, {"w": np.ones(2)}, "abc", {1, 2}],
    ),
    "TupleParams": (
        [(f32(2), c64(3)), ()],
        [[f32(2)], (i32(2),), (1.0,), (np.ones(2),), f32(2), None],
    ),
    "ListParams": (
        [[f32(2), f32(3, 3)], []],
        [(f32(2),), [i32(2)], [0.5], None],
    ),
    "DictParams": (
        [{"w": f32(2)}, {}],
        [{1: f32(2)}, {"w": i32(2)}, {"w": np.ones(2)}, [f32(2)], None],
    ),
    "ArrayParams": (
        [f32(3, 2), f32(), c64(2)],
        [i32(2), b8(2), np.ones(2), {"w": f32(2)}, (f32(2),), None, 1.0],
    ),
    "HyperParams": (
        [{"lr": 0.1, "name": "mlp", "sizes": [3, 2], "w": f32(2)}, {}],
        [{1: 0.1}, [("lr", 0.1)], None],
    ),
    "ArrayData": (
        [f32(3, 2), c64(1)],
        [f32(), i32(3), np.ones(3), [f32(3)], None],
    ),
    "Data": (
        [f32(3), {"x": f32(3, 2), "y": [c64(3)]}, None, (), Pair(f32(3), f32(3, 5))],
        [f32(), {"x": i32(3)}, {"x": np.ones(3)}, {"x": 1.0}],
    ),
    "DataFixed": (
        [f32(3, 2), {"x": f32(3, 2, 4), "y": (c64(3, 1),)}, None, ()],
        [f32(3), {"x": f32(3, 2), "y": i32(3, 2)}, {"x": np.ones((3, 2))}],
    ),
    "BatchlessDataFixed": (
        [f32(2), {"x": f32(2, 4)}, None],
        [f32(), {"x": i32(2)}, [1.0]],
    ),
    "RealDataFixed": (
        [f32(3, 2), {"x": i32(3, 2)}, None],
        [c64(3, 2), b8(3, 2), f32(3), {"x": np.ones((3, 2))}],
    ),
    "BatchlessRealDataFixed": (
        [i32(2), (f32(2, 2),)],
        [c64(2), i32(), [np.ones(2)]],
    ),
    "ComplexDataFixed": (
        [c64(3, 2), {"x": c64(3, 1)}],
        [f32(3, 2), c64(3), {"x": i32(3, 2)}],
    ),
    "BatchlessComplexDataFixed": (
        [c64(2), [c64(2, 3)]],
        [f32(2), c64()],
    ),
    "ArrayDataShape": (
        [(3, None), ()],
        [[3], ("3",), (1.5,), None],
    ),
    "DataShape": (
        [(3, None), {"x": (3,), "y": [(None, 2), ()]}, None, [(1,), (2,)]],
        [{"x": ("3",)}, ("3",), 3, {"x": 3}, [1], {"x": f32(2)}],
    ),
    "State": (
        [{"count": i32(), "mean": f32(3)}, (i32(2),), None, {}, Box(i32(2))],
        [{"count": 0}, {"mask": b8(2)}, {"mean": np.ones(2)}, "abc"],
    ),
    "TupleState": (
        [(i32(), f32(3)), ()],
        [[i32()], (b8(2),), (0,), None],
    ),
    "ListState": (
        [[i32(), f32(3)], []],
        [(i32(),), [b8(2)], [np.ones(2)]],
    ),
    "DictState": (
        [{"count": i32(), "mean": f32(3)}, {}],
        [{0: i32()}, {"mask": b8(2)}, {"count": 0}, (i32(),)],
    ),
    "ArrayState": (
        [i32(), f32(3), c64(2, 2)],
        [b8(2), np.ones(2), {"count": i32()}, [i32()], None, 0],
    ),
}


def _cases(accepted: bool) -> list[Any]:
    return [
        pytest.param(name, value, id=f"{name}-{i}")
        for name, (good, bad) in VERDICTS.items()
        for i, value in enumerate(good if accepted else bad)
    ]


def test_verdicts_cover_every_alias_but_module_callable() -> None:
    assert sorted(VERDICTS) == sorted(set(ALIAS_NAMES) - {"ModuleCallable"})


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "value"), _cases(accepted=True))
def test_accepts(mode: str, name: str, value: Any) -> None:
    run(mode, identity(getattr(bt, name)), value)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "value"), _cases(accepted=False))
def test_rejects(mode: str, name: str, value: Any) -> None:
    with pytest.raises(TypeCheckError):
        run(mode, identity(getattr(bt, name)), value)


@pytest.mark.parametrize("name", ["TupleParams", "ListParams", "DictParams", "TupleState",
                                  "ListState", "DictState", "HyperParams", "ArrayDataShape"])
def test_flat_containers_check_every_item(name: str) -> None:
    """Every item, wherever it is (beartype checked one: a random one, or a dict's first)."""
    good = {"TupleParams": f32(2), "ListParams": f32(2), "DictParams": f32(2),
            "TupleState": i32(2), "ListState": i32(2), "DictState": i32(2), "HyperParams": 1,
            "ArrayDataShape": 3}[name]
    bad = "x" if name == "ArrayDataShape" else b8(2)
    checked = identity(getattr(bt, name))
    for position in range(3):
        items = [good, good, good]
        items[position] = bad
        if name == "HyperParams":  # a key that is not a str
            keys: list[Any] = ["a", "b", "c"]
            keys[position] = 3
            value: Any = dict.fromkeys(keys, good)
        elif name.startswith("Dict"):
            value = {f"k{i}": v for i, v in enumerate(items)}
        else:
            value = (list if name.startswith("List") else tuple)(items)
        with pytest.raises(TypeCheckError):
            checked(value)


# --- batch size: bound across the arguments, the leaves and the return value ---------


@check
def add_data(x: bt.Data, y: bt.ArrayData) -> bt.Data:
    return jax.tree.map(lambda leaf: leaf + y.reshape(-1, *[1] * (leaf.ndim - 1)), x)


@check
def shrink_batch(x: bt.Data) -> bt.Data:
    return jax.tree.map(lambda leaf: leaf[1:], x)


@pytest.mark.parametrize("mode", MODES)
def test_batch_size_binds_across_arguments_leaves_and_return(mode: str) -> None:
    run(mode, add_data, {"a": f32(3, 2), "b": [f32(3)]}, f32(3))
    with pytest.raises(TypeCheckError, match="batch_size"):
        run(mode, add_data, {"a": f32(3, 2)}, f32(4))  # across arguments
    with pytest.raises(TypeCheckError, match="batch_size"):
        run(mode, add_data, {"a": f32(3, 2), "b": f32(4)}, f32(3))  # across leaves
    with pytest.raises(TypeCheckError, match="batch_size"):
        run(mode, shrink_batch, {"a": f32(3, 2)})  # the return value


# --- structure names: one structure and per-leaf trailing shape per call ---------------


FAMILIES = {"DataFixed": f32, "RealDataFixed": i32, "ComplexDataFixed": c64}  # family -> leaf maker


def fixed(family: str, body: Callable[[Any, Any], Any], returns_batchless: bool = False) -> Any:
    """``check`` on ``f(x: Family, one: BatchlessFamily) -> Family`` (or ``-> BatchlessFamily``)."""
    batched, batchless = getattr(bt, family), getattr(bt, counterpart(family) or "")

    def f(x: Any, one: Any) -> Any:
        return body(x, one)

    f.__annotations__ = {"x": batched, "one": batchless,
                         "return": batchless if returns_batchless else batched}
    return check(f)


def test_families_are_the_vocabularys() -> None:
    assert sorted(FAMILIES) == sorted(a.name for a in ALIASES if a.family and a.batched)


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("mode", MODES)
def test_fixed_structure_is_shared_by_batched_and_batchless_variants(mode: str, family: str) -> None:
    leaf = FAMILIES[family]
    x = {"a": leaf(3, 2), "b": (leaf(3, 4, 1),)}
    one = {"a": leaf(2), "b": (leaf(4, 1),)}
    same = fixed(family, lambda x, one: x)
    run(mode, same, x, one)
    run(mode, fixed(family, lambda x, one: jax.tree.map(lambda a: a[0], x), True), x, one)
    with pytest.raises(TypeCheckError):  # structure differs between the arguments
        run(mode, same, x, {"a": leaf(2), "c": (leaf(4, 1),)})
    with pytest.raises(TypeCheckError):  # one leaf's trailing shape differs
        run(mode, same, x, {"a": leaf(5), "b": (leaf(4, 1),)})
    with pytest.raises(TypeCheckError):  # the return changes the structure
        run(mode, fixed(family, lambda x, one: {"wrapped": x}), x, one)
    with pytest.raises(TypeCheckError):  # the return changes a trailing shape
        widen = fixed(family, lambda x, one: jax.tree.map(lambda a: jnp.concatenate([a, a], -1), x))
        run(mode, widen, x, one)
    with pytest.raises(TypeCheckError):  # the batchless return keeps the batch axis
        run(mode, fixed(family, lambda x, one: x, True), x, one)


@check
def two_families(x: bt.DataFixed, y: bt.RealDataFixed) -> bt.DataFixed:
    return x


@pytest.mark.parametrize("mode", MODES)
def test_families_bind_separately(mode: str) -> None:
    run(mode, two_families, {"a": f32(3, 2)}, [i32(3, 5), i32(3, 1)])


# --- the structure parameter: several structures in one call --------------------------


@check
def fit(
    x: bt.DataFixed[Literal["In"]],
    y: bt.RealDataFixed[Literal["Out"]],
    x_val: bt.DataFixed[Literal["In"]],
    mean: bt.BatchlessDataFixed[Literal["In"]],
    other: bt.DataFixed,
) -> bt.BatchlessRealDataFixed[Literal["Out"]]:
    return jax.tree.map(lambda leaf: leaf[0], y)


@check
def swap(
    x: bt.DataFixed[Literal["In"]], y: bt.DataFixed[Literal["Out"]]
) -> bt.DataFixed[Literal["In"]]:
    return y


@pytest.mark.parametrize("mode", MODES)
def test_structure_parameter_binds_one_name_per_parameter(mode: str) -> None:
    x, y = {"a": f32(3, 2)}, [i32(3, 5), i32(3, 1)]
    run(mode, fit, x, y, {"a": f32(3, 2)}, {"a": f32(2)}, (f32(3, 1), f32(3, 1)))
    with pytest.raises(TypeCheckError):  # "In": x_val has another structure than x
        run(mode, fit, x, y, {"b": f32(3, 2)}, {"a": f32(2)}, f32(3, 1))
    with pytest.raises(TypeCheckError):  # "In": the Batchless member shares the name
        run(mode, fit, x, y, x, [f32(2)], f32(3, 1))
    with pytest.raises(TypeCheckError):  # "In": the same trailing shape per leaf
        run(mode, fit, x, y, {"a": f32(3, 4)}, {"a": f32(2)}, f32(3, 1))
    run(mode, swap, x, x)
    with pytest.raises(TypeCheckError):  # the return is bound to "In", y to "Out"
        run(mode, swap, x, y)


def test_structure_parameter_is_jaxtypings_named_pytree() -> None:
    """``DataFixed[Literal["In"]]`` is the vocabulary's definition with the name ``"In"``."""
    from jaxtyping import Complex, Inexact, PyTree, Real

    namespace = {"PyTree": PyTree, "Inexact": Inexact, "Real": Real, "Complex": Complex,
                 "Array": jax.Array}
    fixed = [alias for alias in ALIASES if alias.structure_parameter]
    assert [a.name for a in fixed] == [a.name for a in ALIASES if a.family is not None]
    for alias in fixed:
        runtime = alias.runtime.replace(f', "{alias.structure}"]', ', "In"]')
        expected = eval(runtime, namespace)  # noqa: S307
        assert repr(getattr(bt, alias.name)[Literal["In"]]) == repr(expected), alias.name


def test_structure_parameter_keeps_the_bare_alias() -> None:
    """The jaxtyping-private part (``_with_structure_parameter``): a subclass of jaxtyping's
    tree, through a subclass of its metaclass, with the same repr and checks."""
    from jaxtyping import PyTree

    from batchtyping._runtime import _with_structure_parameter

    tree = PyTree[jax.Array, "T"]
    fixed = _with_structure_parameter("DataFixed", tree)
    assert repr(fixed) == repr(tree)
    assert issubclass(fixed, tree) and issubclass(type(fixed), type(PyTree))
    assert isinstance((f32(2),), fixed) and not isinstance((1.0,), fixed)
    assert repr(fixed[Literal["U"]]) == repr(PyTree[jax.Array, "U"])


@pytest.mark.parametrize("name", ['"In"', "Literal['In', 'Out']", "Literal[1]", "int"])
def test_structure_parameter_must_be_one_literal_name(name: str) -> None:
    item = eval(name, {"Literal": Literal, "int": int})  # noqa: S307
    with pytest.raises(TypeError) as info:
        bt.RealDataFixed[item]
    assert str(info.value) == (
        'RealDataFixed[...] takes one structure name spelled Literal["Name"], '
        f'e.g. RealDataFixed[Literal["In"]]; got {item!r}'
    )


# --- State: structure and shapes in = structure and shapes out -------------------------


@check
def step(state: bt.State) -> bt.State:
    return jax.tree.map(lambda leaf: leaf + 1, state)


@check
def restructure(state: bt.State) -> bt.State:
    return (state,)


@check
def grow(state: bt.State) -> bt.State:
    return jax.tree.map(lambda leaf: jnp.concatenate([leaf, leaf]), state)


@pytest.mark.parametrize("mode", MODES)
def test_state_keeps_its_structure_and_shapes(mode: str) -> None:
    state = {"count": i32(), "mean": f32(3)}
    run(mode, step, state)
    with pytest.raises(TypeCheckError):
        run(mode, restructure, state)
    with pytest.raises(TypeCheckError):
        run(mode, grow, {"mean": f32(3)})


# --- the structure-bound TypeVars ------------------------------------------------------


def test_every_structure_typevar_is_bound_to_its_alias() -> None:
    for typevar, alias in STRUCTURE_TYPEVARS.items():
        assert getattr(bt, typevar).__bound__ is getattr(bt, alias), typevar


@check
def scale(x: bt.RealDataFixedT) -> bt.RealDataFixedT:
    return jax.tree.map(lambda a: a * 2, x)


@check
def nest(x: bt.RealDataFixedT) -> bt.RealDataFixedT:
    return [x]


@check
def keep_state(x: bt.StateT) -> bt.StateT:
    return x


@pytest.mark.parametrize("mode", MODES)
def test_structure_typevar_checks_the_bound_and_binds_the_structure(mode: str) -> None:
    run(mode, scale, (f32(3, 2), i32(3, 1)))
    run(mode, keep_state, {"n": i32()})
    with pytest.raises(TypeCheckError):
        run(mode, scale, c64(3, 2))  # the bound: Real leaves
    with pytest.raises(TypeCheckError):
        run(mode, nest, f32(3, 2))  # the structure name: same structure out
    with pytest.raises(TypeCheckError):
        run(mode, keep_state, {"n": 0})


# --- ModuleCallable --------------------------------------------------------------------


def forward(params: Any, data: Any, training: bool, state: Any, rng: Any) -> Any:
    return data, state


@check
def apply(
    module: bt.ModuleCallable[bt.DictParams, bt.DictState],
    params: bt.DictParams,
    data: bt.Data,
    state: bt.DictState,
) -> tuple[bt.Data, bt.DictState]:
    return module(params, data, True, state, None)


def test_module_callable_is_a_runtime_checkable_protocol() -> None:
    assert isinstance(forward, bt.ModuleCallable)
    assert not isinstance(3, bt.ModuleCallable)
    specialised = bt.ModuleCallable[bt.DictParams, bt.DictState]
    assert specialised.__origin__ is bt.ModuleCallable
    assert specialised.__args__ == (bt.DictParams, bt.DictState, bt.Data)  # PEP 696 default
    assert bt.ModuleCallable[bt.DictParams].__args__ == (bt.DictParams, bt.State, bt.Data)


@pytest.mark.parametrize("mode", MODES)
def test_module_callable_annotation_under_check(mode: str) -> None:
    params, data, state = {"w": f32(2)}, f32(3, 2), {"n": i32()}
    run(mode, apply, forward, params, data, state)
    with pytest.raises(TypeCheckError):  # not callable
        run(mode, apply, 3, params, data, state)
    with pytest.raises(TypeCheckError):  # returns a state of another structure
        run(mode, apply, lambda p, d, t, s, r: (d, (s["n"],)), params, data, state)
    with pytest.raises(TypeCheckError):  # returns data only, not a (data, state) pair
        run(mode, apply, lambda p, d, t, s, r: d, params, data, state)
    with pytest.raises(TypeError, match="positional arguments"):  # wrong arity
        run(mode, apply, lambda p, d, t, s: (d, s), params, data, state)


# --- check and jit ---------------------------------------------------------------------


def test_check_on_a_jitted_function_says_how_to_fix_it() -> None:
    def f(x: bt.Data) -> bt.Data:
        return x

    with pytest.raises(TypeError) as info:
        check(jax.jit(f))
    assert str(info.value) == (
        "batchtyping.check cannot wrap the jitted function 'f': apply it under jax.jit "
        "instead, i.e. @jax.jit above @batchtyping.check, or jax.jit(check(f))."
    )
    assert jax.jit(check(f))(f32(2)).shape == (2,)


def test_jit_turns_numpy_and_python_arguments_into_arrays() -> None:
    """A numpy leaf passed to a jitted function reaches ``check`` as a tracer: accepted."""
    params = identity(bt.Params)
    with pytest.raises(TypeCheckError):
        params({"w": np.ones(2, np.float32)})
    jax.jit(params)({"w": np.ones(2, np.float32)})
    jax.jit(params)({"w": 1.0})  # a weakly typed float32[] tracer


# --- `from __future__ import annotations` ---------------------------------------------


def _load(tmp_path: Path, name: str, source: str) -> Any:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(source))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def test_postponed_annotations_work_with_module_level_imports(tmp_path: Path) -> None:
    module = _load(tmp_path, "future_ok", """
        from __future__ import annotations
        from batchtyping import Params, RealDataFixedT, check

        @check
        def f(p: Params, x: RealDataFixedT) -> RealDataFixedT:
            return x
    """)
    assert module.f({"w": f32(2)}, f32(3, 2)).shape == (3, 2)
    with pytest.raises(TypeCheckError):
        module.f({"w": 1}, f32(3, 2))
    with pytest.raises(TypeCheckError):
        module.f({"w": f32(2)}, c64(3, 2))


def test_postponed_annotations_take_the_structure_parameter(tmp_path: Path) -> None:
    module = _load(tmp_path, "future_structures", """
        from __future__ import annotations
        from typing import Literal
        from batchtyping import DataFixed, RealDataFixed, check

        @check
        def f(x: DataFixed[Literal["In"]], y: RealDataFixed[Literal["Out"]],
              x_val: DataFixed[Literal["In"]]) -> RealDataFixed[Literal["Out"]]:
            return y
    """)
    assert module.f((f32(3, 2),), [i32(3, 1)], (f32(3, 2),))[0].shape == (3, 1)
    with pytest.raises(TypeCheckError):
        module.f((f32(3, 2),), [i32(3, 1)], [f32(3, 2)])


def test_type_checking_imports_silently_disable_the_checks(tmp_path: Path) -> None:
    """The trap documented in docs/runtime-checking.md: nothing is checked, nothing is said."""
    module = _load(tmp_path, "future_trap", """
        from __future__ import annotations
        from typing import TYPE_CHECKING
        from batchtyping import check
        if TYPE_CHECKING:
            from batchtyping import Params

        @check
        def f(p: Params) -> Params:
            return p
    """)
    assert module.f("not params") == "not params"
    assert module.f(1) == 1
