"""Structure returns: the plugin gives a call's result the structure its argument bound.

Without the plugin a function declared ``-> DataFixed`` returns a ``DataFixed`` union, and
using the result as a tuple needs the TypeVar spelling (``DataFixedT``, see ``typevars.py``);
so only the runtime and the plugin judge these cases.
"""
# judged by: runtime, mypy+plugin

from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import BatchlessDataFixed, Data, DataFixed, Params, State, check


class Pair(NamedTuple):
    a: Array
    b: Array


class Scaler:
    @check
    def transform(self, x: DataFixed) -> DataFixed:
        return x

    @check
    def first(self, x: DataFixed) -> BatchlessDataFixed:
        out: BatchlessDataFixed = jax.tree.map(lambda a: a[0], x)
        return out


@check
def pair(x: tuple[Array, Array]) -> None: ...


@check
def triple(x: tuple[Array, Array, Array]) -> None: ...

# case tuple_in_tuple_out: accepted
pair(Scaler().transform((jnp.zeros((4, 3)), jnp.zeros((4, 3)))))

# case tuple_in_wrong_tuple_out: rejected by runtime, mypy+plugin
triple(Scaler().transform((jnp.zeros((4, 3)), jnp.zeros((4, 3)))))

# case batchless_return_keeps_structure: accepted
pair(Scaler().first((jnp.zeros((4, 3)), jnp.zeros((4, 3)))))

# case named_tuple_in_named_tuple_out: accepted
@check
def g(p: Pair) -> Array:
    return p.a
g(Scaler().transform(Pair(jnp.zeros((4, 3)), jnp.zeros((4, 3)))))

# case dict_in_dict_out: accepted
@check
def mean(x: dict[str, Array]) -> Array:
    return x["a"].mean()
data: dict[str, Array] = {"a": jnp.zeros((4, 3))}
mean(Scaler().transform(data))

# case array_in_array_out: accepted
@check
def rows(x: Array) -> int:
    return x.shape[0]
rows(Scaler().transform(jnp.zeros((4, 3))))

# case state_keeps_structure_through_forward_pass: accepted
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
counts: dict[str, Array] = {"n": jnp.zeros(())}
y, s = forward(None, jnp.zeros((4, 3)), True, counts, None)
s["n"] + 1
