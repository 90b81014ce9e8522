"""PyTree nodes: NamedTuples and registered classes are trees; their leaves are checked."""

import dataclasses
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import Data, DataFixed, Params, State, check


class Pair(NamedTuple):
    x: Array
    y: Array


@jax.tree_util.register_dataclass
@dataclasses.dataclass
class Linear:
    w: Array
    b: Array


@jax.tree_util.register_pytree_node_class
class Scale:
    def __init__(self, factor: Array) -> None:
        self.factor = factor

    def tree_flatten(self) -> tuple[tuple[Array], None]:
        return (self.factor,), None

    @classmethod
    def tree_unflatten(cls, aux: None, children: tuple[Array]) -> "Scale":
        return cls(*children)


@jax.tree_util.register_pytree_with_keys_class
class Keyed:
    def __init__(self, value: Array) -> None:
        self.value = value

    def tree_flatten_with_keys(self) -> tuple[tuple[tuple[Any, Array]], None]:
        return ((jax.tree_util.GetAttrKey("value"), self.value),), None

    @classmethod
    def tree_unflatten(cls, aux: None, children: tuple[Array]) -> "Keyed":
        return cls(*children)


@dataclasses.dataclass
class Unregistered:
    w: Array


class Opaque:
    def __init__(self, w: Array) -> None:
        self.w = w

# case named_tuple_params: accepted
@check
def f(p: Params) -> None: ...
f(Pair(jnp.zeros(3), jnp.zeros(2)))

# case named_tuple_int_leaf: rejected by runtime, mypy+plugin
@check
def f(p: Params) -> None: ...
f(Pair(jnp.zeros(3), jnp.arange(2)))

# case named_tuple_data_batch_mismatch: rejected by runtime
@check
def f(x: Data) -> None: ...
f(Pair(jnp.zeros((4, 3)), jnp.zeros((5, 3))))

# case named_tuple_fixed_same_structure: accepted
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f(Pair(jnp.zeros((4, 3)), jnp.zeros((4, 2))), Pair(jnp.ones((4, 3)), jnp.ones((4, 2))))

# case registered_dataclass_params: accepted
@check
def f(p: Params) -> None: ...
f(Linear(jnp.zeros((3, 2)), jnp.zeros(2)))

# case registered_dataclass_in_dict: accepted
@check
def f(p: Params) -> None: ...
f({"dense": Linear(jnp.zeros((3, 2)), jnp.zeros(2)), "out": jnp.zeros(2)})

# case registered_dataclass_int_leaf: rejected by runtime
@check
def f(p: Params) -> None: ...
f(Linear(jnp.zeros((3, 2)), jnp.zeros(2, dtype=jnp.int32)))

# case registered_dataclass_structure_mismatch: rejected by runtime, mypy+plugin
@check
def f(p: Params, grads: Params) -> None: ...
f(Linear(jnp.zeros((3, 2)), jnp.zeros(2)), (jnp.zeros((3, 2)), jnp.zeros(2)))

# case node_class_params: accepted
@check
def f(p: Params) -> None: ...
f(Scale(jnp.ones(())))

# case node_class_state: accepted
@check
def f(s: State) -> State:
    return s
f(Scale(jnp.ones((), dtype=jnp.int32)))

# case node_class_bool_leaf: rejected by runtime
@check
def f(s: State) -> None: ...
f(Scale(jnp.ones((), dtype=bool)))

# case keys_class_params: accepted
@check
def f(p: Params) -> None: ...
f(Keyed(jnp.ones(3)))

# case keys_class_int_leaf: rejected by runtime
@check
def f(p: Params) -> None: ...
f(Keyed(jnp.arange(3)))

# case unregistered_dataclass: rejected by runtime
@check
def f(p: Params) -> None: ...
f(Unregistered(jnp.zeros(3)))

# case plain_object: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f(Opaque(jnp.zeros(3)))

# case dataclass_type_not_instance: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f(Linear)
