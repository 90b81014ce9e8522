"""Params, TupleParams, ListParams, DictParams, ArrayParams, HyperParams."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

import jax
from jax import Array
from typing_extensions import assert_type

from _helpers import c64, f32, i32, np_f32, rejected
from batchtyping import (
    ArrayParams,
    DictParams,
    HyperParams,
    ListParams,
    Params,
    ParamsT,
    TupleParams,
    check,
)


@check
def takes_params(params: Params) -> Params:
    return params


@check
def takes_tuple(params: TupleParams) -> TupleParams:
    return params


@check
def takes_list(params: ListParams) -> ListParams:
    return params


@check
def takes_dict(params: DictParams) -> DictParams:
    return params


@check
def takes_array(params: ArrayParams) -> ArrayParams:
    return params


@check
def takes_hyper(hyper: HyperParams) -> HyperParams:
    return hyper


@check
def keep_params(params: ParamsT) -> ParamsT:
    return params


class Linear(NamedTuple):
    w: Array
    b: Array


@jax.tree_util.register_dataclass
@dataclass
class Layer:
    w: Array
    b: Array


@jax.tree_util.register_pytree_node_class
class Box:
    def __init__(self, value: Array) -> None:
        self.value = value

    def tree_flatten(self) -> tuple[tuple[Array], None]:
        return (self.value,), None

    @classmethod
    def tree_unflatten(cls, aux: None, children: tuple[Array]) -> "Box":
        return cls(*children)


@jax.tree_util.register_pytree_with_keys_class
class KeyedBox:
    def __init__(self, value: Array) -> None:
        self.value = value

    def tree_flatten_with_keys(self) -> tuple[tuple[tuple[str, Array]], None]:
        return (("value", self.value),), None

    @classmethod
    def tree_unflatten(cls, aux: None, children: tuple[Array]) -> "KeyedBox":
        return cls(*children)


# Accepted: everything `check` accepts.
weights: dict[str, Array] = {"w": f32(3, 2), "b": f32(2)}
takes_params(weights)
takes_params((f32(2), c64(2)))
takes_params([f32(2)])
takes_params(f32())
takes_params(None)
takes_params(())
takes_params({})
takes_params({0: f32(2), 1: f32(3)})
takes_params(Linear(f32(2, 2), f32(2)))
takes_params(Layer(f32(2, 2), f32(2)))
takes_params(Box(f32(2)))
takes_params(KeyedBox(f32(2)))
takes_params({"layers": [(f32(2, 2), f32(2)), None], "scale": f32(), "head": Linear(f32(1), f32(1))})
layers: Mapping[str, list[Array]] = {"w": [f32(2)]}
takes_params(layers)
assert_type(keep_params(weights), dict[str, Array])
assert_type(keep_params(Linear(f32(2), f32(2))), Linear)

tuple_weights: tuple[Array, Array] = (f32(2), f32(3))
takes_tuple(tuple_weights)
takes_tuple(())
assert_type(takes_tuple((f32(2),))[0], Array)
takes_list([f32(2), c64(3)])
takes_list([])
takes_dict(weights)
takes_dict({})
assert_type(takes_dict(weights)["w"], Array)
assert_type(takes_array(f32(3, 2)), Array)
takes_array(c64())
takes_params(takes_array(f32(2)))
takes_hyper({"lr": 0.1, "name": "mlp", "sizes": [3, 2]})
takes_hyper({})

# Rejected by the checkers and by the runtime.
with rejected():
    takes_params(1)  # type: ignore[arg-type]
with rejected():
    takes_params(1.0)  # type: ignore[arg-type]
with rejected():
    takes_params({"w": 1})  # type: ignore[dict-item]
with rejected():
    takes_params([0.5])  # type: ignore[list-item]
with rejected():
    takes_params(np_f32(2))  # type: ignore[arg-type]
with rejected():
    takes_params({"w": np_f32(2)})  # type: ignore[dict-item]
with rejected():
    takes_params({1, 2})  # type: ignore[arg-type]
with rejected():
    takes_params(b"bytes")  # type: ignore[arg-type]
with rejected():
    takes_tuple([f32(2)])  # type: ignore[arg-type]
with rejected():
    takes_tuple((1.0,))  # type: ignore[arg-type]
with rejected():
    takes_tuple(None)  # type: ignore[arg-type]
with rejected():
    takes_list((f32(2),))  # type: ignore[arg-type]
with rejected():
    takes_list([0.5])  # type: ignore[list-item]
with rejected():
    takes_dict({1: f32(2)})  # type: ignore[dict-item]
with rejected():
    takes_dict({"w": np_f32(2)})  # type: ignore[dict-item]
with rejected():
    takes_dict([f32(2)])  # type: ignore[arg-type]
with rejected():
    takes_array(weights)  # type: ignore[arg-type]
with rejected():
    takes_array(None)  # type: ignore[arg-type]
with rejected():
    takes_array(np_f32(2))  # type: ignore[arg-type]
with rejected():
    takes_array(1.0)  # type: ignore[arg-type]
with rejected():
    takes_hyper({1: 0.1})  # type: ignore[dict-item]
with rejected():
    takes_hyper([("lr", 0.1)])  # type: ignore[arg-type]
with rejected():
    takes_hyper(None)  # type: ignore[arg-type]
with rejected(TypeError):

    @check
    def first_weight(params: Params) -> object:
        return params["w"]  # type: ignore[call-overload, index]

    first_weight((f32(2),))
with rejected():
    takes_dict({"w": i32(2)})  # mypy and pyright cannot see dtypes: a run-time-only check
with rejected():
    takes_array(i32(2))  # an int array: a run-time-only check
