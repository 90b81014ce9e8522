"""What a rejection says: the function, the argument or return, the alias, the leaf path,
expected vs actual, the binding that failed; bounded for huge trees."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
import pytest
from jaxtyping import TypeCheckError

import batchtyping as bt
from batchtyping import check
from tests.test_runtime import f32, i32


@check
def forward(params: bt.Params, x: bt.Data, y: bt.ArrayData) -> bt.Data:
    return x


@check
def step(params: bt.DictParams, state: bt.DictState) -> tuple[bt.Data, bt.DictState]:
    return f32(3), {"mean": state["mean"]}


@check
def shapes(hyper: bt.HyperParams, shape: bt.ArrayDataShape, tree: bt.DataShape,
           module: bt.ModuleCallable) -> None: ...


NAME = "tests.runtime.test_messages"


def _message(fn: object, *args: object) -> list[str]:
    with pytest.raises(TypeCheckError) as info:
        fn(*args)  # type: ignore[operator]
    return str(info.value).splitlines()


def test_a_leaf_is_named_by_its_path_with_expected_and_actual_dtype() -> None:
    assert _message(forward, {"dense": {"w": f32(2), "b": i32(2)}}, f32(8, 2), f32(8)) == [
        f'{NAME}.forward: argument "params" is not Params:',
        '  params["dense"]["b"]: dtype int32, expected Inexact (a float or complex dtype)',
    ]


def test_a_failed_binding_says_where_it_was_bound() -> None:
    assert _message(forward, {}, {"a": f32(8, 2)}, f32(7)) == [
        f'{NAME}.forward: argument "y" is not ArrayData:',
        '  y: shape (7,): batch_size is 8 from argument "x", 7 here',
    ]


def test_data_errors_say_data_and_list_every_bad_leaf() -> None:
    assert _message(forward, {}, {"a": f32(), "b": np.ones(3)}, f32(7)) == [
        f'{NAME}.forward: argument "x" is not Data:',
        '  x["a"]: shape () has 0 dimension(s), expected at least 1 ("batch_size ...")',
        '  x["b"]: numpy.ndarray is not a jax.Array',
    ]


def test_the_return_value_names_the_inner_alias() -> None:
    assert _message(step, {"w": f32(2)}, {"mean": f32(3), "var": f32(3)}) == [
        f"{NAME}.step: the return value is not tuple[Data, DictState]:",
        '  return[1] (DictState): tree structure differs from the "State" structure of '
        'argument "state": missing leaves ["var"]',
    ]


def test_every_item_of_a_flat_container_and_its_key() -> None:
    assert _message(step, {"w": f32(2), "b": i32(2)}, {}) == [
        f'{NAME}.step: argument "params" is not DictParams:',
        '  params["b"]: dtype int32, expected Inexact (a float or complex dtype)',
    ]
    assert _message(shapes, {"lr": 0.1, 1: 2}, (), (), print) == [
        f'{NAME}.shapes: argument "hyper" is not HyperParams:',
        "  hyper[1]: key 1: int 1 is not str",
    ]
    assert _message(shapes, {}, (3, "a"), (), print)[1:] == ["  shape[1]: str 'a' is not int | None"]
    assert _message(shapes, {}, (), {"x": ("3",)}, print)[1:] == [
        '  tree["x"][0]: str \'3\' is not a tuple']
    assert _message(shapes, {}, (), (), 3)[1:] == ["  module: int 3 is not ModuleCallable"]


def test_a_ten_thousand_leaf_message_is_bounded() -> None:
    params = {f"layer{i:05}": i32(2) for i in range(10_000)}
    lines = _message(forward, params, f32(8, 2), f32(8))
    assert lines[1] == '  params["layer00000"]: dtype int32, expected Inexact (a float or complex dtype)'
    assert lines[-1] == "  ... and 9,995 more"
    assert len(lines) == 7 and len("\n".join(lines)) < 600


def test_a_structure_difference_lists_a_few_leaves() -> None:
    @check
    def keep(x: bt.DataFixed, y: bt.DataFixed) -> None: ...

    x = {f"k{i:02}": f32(2, 1) for i in range(20)}
    lines = _message(keep, x, {"other": f32(2, 1)})
    assert lines[1] == (
        '  y: tree structure differs from the "DataFixed" structure of argument "x": missing '
        'leaves ["k00"], ["k01"], ["k02"], ["k03"], ["k04"] and 15 more; extra leaves ["other"]')


def test_per_leaf_shapes_of_a_fixed_family() -> None:
    @check
    def center(x: bt.DataFixed, mean: bt.BatchlessDataFixed) -> None: ...

    assert _message(center, {"a": f32(8, 3)}, {"a": jnp.ones(4)})[1:] == [
        '  mean["a"]: shape (4,): the "DataFixed" structure of argument "x" binds this '
        "leaf's ?d0 ?*d to (3,), (4,) here"]
