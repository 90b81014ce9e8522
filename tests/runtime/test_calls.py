"""How ``check`` wraps things: transforms (checks at trace time), numpy arrays, node classes,
coroutines, lambdas, methods, the import hook, and the jaxtyping+beartype fallback."""

from __future__ import annotations

import asyncio
import importlib
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jaxtyping import Float, PyTree, TypeCheckError, jaxtyped

import batchtyping as bt
from batchtyping import check
from tests.test_runtime import Box, DataclassLayer, Pair, f32, i32


@check
def loss(params: bt.Params, x: bt.DataFixed) -> jax.Array:
    return sum(jnp.sum(leaf) for leaf in jax.tree.leaves(params)) * jnp.sum(x["a"])


@pytest.mark.parametrize("transform", ["jit", "grad", "eval_shape", "vmap", "disable_jit"])
def test_transforms_check_at_trace_time(transform: str) -> None:
    params = {"w": f32(2)}

    def call(x: Any) -> Any:
        if transform == "jit":
            return jax.jit(loss)(params, x)
        if transform == "grad":
            return jax.grad(loss)(params, x)
        if transform == "eval_shape":
            return jax.eval_shape(loss, params, x)
        if transform == "vmap":  # mapping the params: the check sees one example's leaves
            return jax.vmap(loss, in_axes=(0, None))(jax.tree.map(lambda a: a[None], params), x)
        with jax.disable_jit():
            return jax.jit(loss)(params, x)

    call({"a": f32(4, 3)})
    with pytest.raises(TypeCheckError, match=r'x\["a"\]: shape \(4,\) has 1 dimension'):
        call({"a": f32(4)})


def test_numpy_arrays_are_rejected_as_jaxtyping_rejects_them() -> None:
    with pytest.raises(TypeCheckError, match=r'params\["w"\]: numpy.ndarray is not a jax.Array'):
        loss({"w": np.ones(2, np.float32)}, {"a": f32(4, 3)})
    assert jax.jit(loss)({"w": np.ones(2, np.float32)}, {"a": f32(4, 3)}).shape == ()


def test_registered_node_classes_are_walked() -> None:
    loss(Pair(f32(2), f32(1)), {"a": f32(4, 3)})
    loss(DataclassLayer(f32(2), f32(1)), {"a": f32(4, 3)})
    with pytest.raises(TypeCheckError, match=r"params\.b: dtype int32"):
        loss(DataclassLayer(f32(2), i32(1)), {"a": f32(4, 3)})
    with pytest.raises(TypeCheckError, match=r"params\[0\]: dtype int32"):
        loss(Box(i32(2)), {"a": f32(4, 3)})


def test_the_aliases_stay_jaxtyping_types() -> None:
    assert isinstance({"w": f32(2)}, bt.Params) and not isinstance({"w": i32(2)}, bt.Params)

    @jaxtyped(typechecker=None)
    def own(x: Any) -> None:
        assert isinstance(x, bt.DataFixed)
        assert isinstance(jax.tree.map(lambda a: a[0], x), bt.BatchlessDataFixed)
        assert not isinstance({"a": f32(3)}, bt.BatchlessDataFixed)  # another per-leaf shape

    own({"a": f32(4, 2)})


def test_a_coroutine_is_checked_on_the_call_and_on_the_awaited_result() -> None:
    @check
    async def fetch(x: bt.Data, widen: bool) -> bt.Data:
        await asyncio.sleep(0)
        return jnp.concatenate([x, x]) if widen else x

    assert asyncio.iscoroutinefunction(fetch)
    assert asyncio.run(fetch(f32(3), False)).shape == (3,)
    with pytest.raises(TypeCheckError, match='argument "x" is not Data'):
        fetch(i32(3), False)  # raised on the call, before anything is awaited
    with pytest.raises(TypeCheckError, match="batch_size is 3 from argument \"x\", 6 here"):
        asyncio.run(fetch(f32(3), True))


def test_a_lambda_is_checked() -> None:
    identity = lambda x: x  # noqa: E731
    identity.__annotations__ = {"x": bt.Params, "return": bt.Params}
    checked = check(identity)
    assert checked({"w": f32(2)})["w"].shape == (2,)
    with pytest.raises(TypeCheckError, match=r"test_a_lambda_is_checked\.<locals>\.<lambda>: argument \"x\""):
        checked({"w": i32(2)})
    assert check(lambda x, y=1: (x, y))(2) == (2, 1)  # nothing annotated: nothing checked


class Layer:
    @check
    def apply(self, params: bt.DictParams, *xs: bt.ArrayData, scale: float = 1.0) -> bt.ArrayData:
        return xs[0] * scale

    @check
    @staticmethod
    def make(params: bt.Params) -> bt.Params:
        return params


def test_methods_varargs_keywords_and_defaults() -> None:
    layer = Layer()
    assert layer.apply({"w": f32(2)}, f32(3), f32(3), scale=2.0).shape == (3,)
    with pytest.raises(TypeCheckError, match=r'xs\[1\]: shape \(4,\): batch_size is 3'):
        layer.apply({"w": f32(2)}, f32(3), f32(4))
    with pytest.raises(TypeCheckError, match="argument \"scale\" is not float"):
        layer.apply({"w": f32(2)}, f32(3), scale=2)
    with pytest.raises(TypeCheckError, match='argument "params" is not Params'):
        Layer.make({"w": 1})


def test_the_import_hook_and_pytest_option_take_batchtyping_check(tmp_path: Path) -> None:
    from jaxtyping import install_import_hook

    (tmp_path / "hooked_pkg").mkdir()
    (tmp_path / "hooked_pkg" / "__init__.py").write_text(textwrap.dedent("""
        import batchtyping as bt

        def f(params: bt.DictParams, x: bt.Data) -> bt.Data:
            return x
    """))
    sys.path.insert(0, str(tmp_path))
    try:
        with install_import_hook("hooked_pkg", "batchtyping.check"):
            module = importlib.import_module("hooked_pkg")
        module.f({"w": f32(2)}, f32(3))
        with pytest.raises(TypeCheckError) as info:
            module.f({"w": f32(2), "b": i32(2)}, f32(3))  # beartype would check "w" only
        chain, error = [], info.value
        while error is not None:
            chain.append(str(error))
            error = error.__cause__
        assert 'params["b"]: dtype int32' in chain[-1]
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("hooked_pkg", None)


def test_unsupported_jaxtyping_features_fall_back_to_jaxtyping_and_beartype() -> None:
    @check
    def double(x: Float[jax.Array, " n"]) -> Float[jax.Array, " 2*n"]:
        return jnp.concatenate([x, x])

    @check
    def keep(x: Float[jax.Array, " n"]) -> Float[jax.Array, " 2*n"]:
        return x

    assert double(f32(3)).shape == (6,)
    with pytest.raises(TypeCheckError, match="Type-check error whilst checking the return value"):
        keep(f32(3))


def test_check_refuses_what_is_not_a_function() -> None:
    with pytest.raises(TypeError, match="batchtyping.check takes a function, got int 3"):
        check(3)


def test_the_body_sees_the_calls_bindings_as_under_jaxtyped() -> None:
    seen = []

    @check
    def f(x: bt.DataFixed, y: Any) -> None:
        seen.append((isinstance(y, Float[jax.Array, "batch_size"]),
                     isinstance({"b": f32(3, 1)}, bt.DataFixed)))  # the structure is x's

    f({"a": f32(3, 1)}, f32(3))
    f({"a": f32(3, 1)}, f32(4))
    f({"b": f32(3, 1)}, f32(3))
    assert seen == [(True, False), (False, False), (True, True)]


def test_a_dataclass_has_its_init_checked() -> None:
    import dataclasses

    @check
    @dataclasses.dataclass
    class Layer:
        params: bt.DictParams
        state: bt.DictState

    Layer({"w": f32(2)}, {"n": i32()})
    with pytest.raises(TypeCheckError, match=r'argument "state" is not DictState:\n  state\["n"\]: dtype bool'):
        Layer({"w": f32(2)}, {"n": jnp.ones((), jnp.bool_)})


def test_one_structure_with_two_layouts_of_question_dims_falls_back() -> None:
    """jaxtyping binds ``?`` dimensions by name: ``?n`` of one annotation and ``?n ?m`` of
    another share ``n``, which the compiled per-leaf shapes do not model."""

    @check
    def f(x: PyTree[Float[jax.Array, "?n"], "T"], y: PyTree[Float[jax.Array, "?n ?m"], "T"]) -> None: ...

    f([f32(2)], [f32(2, 4)])
    with pytest.raises(TypeCheckError, match="Type-check error whilst checking the parameters"):
        f([f32(2)], [f32(3, 4)])  # leaf 0's ?n: 2 in x, 3 in y


def test_jaxtypings_pytest_flag_takes_batchtyping_check(tmp_path: Path) -> None:
    """``--jaxtyping-packages=pkg,batchtyping.check``: every item, where beartype sampled."""
    import subprocess

    (tmp_path / "flagged_pkg").mkdir()
    (tmp_path / "flagged_pkg" / "__init__.py").write_text(
        "import batchtyping as bt\n\n\ndef f(params: bt.DictParams) -> None: ...\n")
    (tmp_path / "test_flagged.py").write_text(textwrap.dedent("""
        import jax.numpy as jnp
        import pytest
        from jaxtyping import TypeCheckError
        from flagged_pkg import f

        def test_every_item() -> None:
            f({"w": jnp.ones(2)})
            with pytest.raises(TypeCheckError):
                f({"w": jnp.ones(2), "b": jnp.ones(2, jnp.int32)})
    """))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--jaxtyping-packages=flagged_pkg,batchtyping.check", "test_flagged.py"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "1 passed" in proc.stdout
