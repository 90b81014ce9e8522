"""Differential: the compiled check gives jaxtyping+beartype's verdict on random trees,
dtypes, shapes, structures and batch sizes, eagerly and on tracers under ``jax.jit``.

Where beartype samples (one item of a flat container) the reference's full verdict is its
verdict on the container and on every one-item container of its items."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jaxtyping import TypeCheckError

import batchtyping as bt
from batchtyping._call import check, reference
from tests.test_runtime import VERDICTS, Box, Pair, run

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DTYPES = [jnp.float32, jnp.int32, jnp.complex64, jnp.bool_, jnp.float16]
FLAT = {"TupleParams": tuple, "ListParams": list, "DictParams": dict, "HyperParams": dict,
        "TupleState": tuple, "ListState": list, "DictState": dict, "ArrayDataShape": tuple}

arrays = st.builds(
    lambda batch, rest, dtype: jnp.zeros((batch, *rest)[: len(rest) + 1], dtype),
    st.sampled_from([2, 3]), st.lists(st.sampled_from([1, 2]), max_size=2), st.sampled_from(DTYPES),
)
scalars = st.builds(lambda dtype: jnp.zeros((), dtype), st.sampled_from(DTYPES))
others = st.sampled_from([1.0, 3, "s", np.ones(2, np.float32), (2, None), (), {1: jnp.zeros(2)}])
leaves = st.one_of(arrays, arrays, scalars, others)
keys = st.sampled_from(["a", "b", "c"])  # one key type per dict: JAX sorts them
trees = st.recursive(
    st.one_of(leaves, st.none()),
    lambda inner: st.one_of(
        st.dictionaries(keys, inner, max_size=3),
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.builds(Pair, inner, inner),
        st.builds(Box, inner),
    ),
    max_leaves=6,
)


def _rejects(checker: Any, annotations: dict[str, Any], mode: str, *args: Any) -> bool:
    names = list(annotations)[:-1]
    source = f"def f({', '.join(names)}):\n    return {names[0]}\n"
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # noqa: S102 - a plain function with these parameter names
    fn = namespace["f"]
    fn.__annotations__ = annotations
    try:
        run(mode, checker(fn), *args)
    except TypeCheckError:
        return True
    return False


def _reference_rejects(name: str, value: Any, mode: str) -> bool:
    annotations = {"x": getattr(bt, name), "return": getattr(bt, name)}
    if _rejects(reference, annotations, mode, value):
        return True
    kind = FLAT.get(name)
    if kind is None or not isinstance(value, kind):
        return False
    items = ([{k: v} for k, v in value.items()] if kind is dict else [kind([item]) for item in value])
    return any(_rejects(reference, annotations, mode, item) for item in items)


@SETTINGS
@given(st.sampled_from(sorted(VERDICTS)), trees, st.sampled_from(["eager", "jit"]))
def test_one_argument_verdicts_agree(name: str, value: Any, mode: str) -> None:
    ours = _rejects(check, {"x": getattr(bt, name), "return": getattr(bt, name)}, mode, value)
    assert ours == _reference_rejects(name, value, mode)


@SETTINGS
@given(trees, trees, st.sampled_from(["eager", "jit"]), st.data())
def test_bindings_across_arguments_agree(x: Any, y: Any, mode: str, data: st.DataObject) -> None:
    pair = data.draw(st.sampled_from([
        ("DataFixed", "DataFixed"), ("DataFixed", "BatchlessDataFixed"), ("Data", "ArrayData"),
        ("State", "State"), ("Params", "Params"), ("RealDataFixed", "BatchlessRealDataFixed"),
        ("Data", "DataFixed"), ("StateT", "State"),
    ]))
    if data.draw(st.booleans()):  # often a related tree: the same structure, maybe sliced
        y = data.draw(st.sampled_from([x, _map(x, lambda a: a[0]), _map(x, lambda a: a[:1])]))
    annotations = {"x": getattr(bt, pair[0]), "y": getattr(bt, pair[1]), "return": getattr(bt, pair[0])}
    assert _rejects(check, annotations, mode, x, y) == _rejects(reference, annotations, mode, x, y)


def _map(tree: Any, fn: Any) -> Any:
    import jax

    return jax.tree.map(lambda a: fn(a) if isinstance(a, jax.Array) and a.ndim else a, tree)


RAW = {
    "Float b n": "Float[jax.Array, 'b n']",
    "Float b 3": "Float[jax.Array, 'b 3']",
    "Shaped *batch n": "Shaped[jax.Array, '*batch n']",
    "Int _ n": "Int[jax.Array, '_ n']",
    "Float scalar": "Float[jax.Array, '']",
    "Num numpy": "Num[np.ndarray, '...']",
    "named tree": "PyTree[Float[jax.Array, '?n ...'], 'T']",
    "tree of b": "PyTree[Shaped[jax.Array, 'b ...']]",
    "union": "Float[jax.Array, 'b'] | Int[jax.Array, 'n n']",
}


@SETTINGS
@given(st.sampled_from(sorted(RAW)), st.sampled_from(sorted(RAW)), trees, trees,
       st.sampled_from(["eager", "jit"]))
def test_raw_jaxtyping_annotations_agree(a: str, b: str, x: Any, y: Any, mode: str) -> None:
    """Users' own jaxtyping annotations, bound across two arguments."""
    import jax
    from jaxtyping import Float, Int, Num, PyTree, Shaped

    namespace = {"jax": jax, "np": np, "Float": Float, "Int": Int, "Num": Num,
                 "PyTree": PyTree, "Shaped": Shaped}
    annotations = {"x": eval(RAW[a], namespace), "y": eval(RAW[b], namespace),  # noqa: S307
                   "return": eval(RAW[a], namespace)}  # noqa: S307
    assert _rejects(check, annotations, mode, x, y) == _rejects(reference, annotations, mode, x, y)
