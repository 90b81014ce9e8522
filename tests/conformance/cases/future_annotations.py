"""Postponed annotations: the same verdicts under from __future__ import annotations."""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax import Array

from batchtyping import (
    ArrayData,
    BatchlessDataFixed,
    Data,
    DataFixed,
    DictParams,
    ModuleCallable,
    Params,
    RealDataFixed,
    State,
    check,
)


class Pair(NamedTuple):
    x: Array
    y: Array


@jax.tree_util.register_dataclass
@dataclasses.dataclass
class Linear:
    w: Array
    b: Array

# case params_accepts: accepted
@check
def f(p: Params) -> None: ...
f({"w": jnp.zeros(3)})

# case params_int_leaf: rejected by runtime, mypy+plugin
@check
def f(p: Params) -> None: ...
f({"w": jnp.arange(3)})

# case params_numpy_leaf: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f({"w": np.zeros(3)})

# case params_str_leaf: rejected by runtime, mypy+plugin, pyright, basedpyright
@check
def f(p: Params) -> None: ...
f("w")

# case dict_params_tuple: rejected by runtime, static
@check
def f(p: DictParams) -> None: ...
f((jnp.zeros(3),))

# case batch_mismatch: rejected by runtime
@check
def f(x: ArrayData, y: Data) -> None: ...
f(jnp.zeros((4, 3)), {"y": jnp.zeros(5)})

# case structure_mismatch: rejected by runtime, mypy+plugin
@check
def f(x: DataFixed, mean: BatchlessDataFixed) -> None: ...
f((jnp.zeros((4, 3)), jnp.zeros((4, 3))), jnp.zeros(3))

# case named_tuple_and_dataclass: accepted
@check
def f(x: DataFixed, p: Params) -> DataFixed:
    return x
f(Pair(jnp.zeros((4, 3)), jnp.zeros((4, 2))), Linear(jnp.zeros((3, 2)), jnp.zeros(2)))

# case dataclass_int_leaf: rejected by runtime
@check
def f(p: Params) -> None: ...
f(Linear(jnp.zeros((3, 2)), jnp.arange(2)))

# case real_fixed_complex: rejected by runtime, mypy+plugin
@check
def f(x: RealDataFixed) -> None: ...
f(jnp.zeros((4, 3), dtype=jnp.complex64))

# case batchless_param_to_batched: rejected by runtime, mypy+plugin
@check
def scale(x: DataFixed) -> None: ...
@check
def g(example: BatchlessDataFixed) -> None:
    scale(example)
g(jnp.zeros(3))

# case state_out_changes_structure: rejected by runtime
@check
def f(s: State) -> State:
    return (s, s)
f(jnp.zeros(3))

# case module_callable_fits: accepted
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), False, None, None)

# case module_callable_missing_rng: rejected by runtime, static
@check
def forward(params: Params, data: Data, training: bool, state: State) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), False, None, None)

# case vmap_batchless: accepted
@check
def per_example(x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
jax.vmap(per_example)(jnp.zeros((4, 3)))

# case method: rejected by runtime
class Model:
    @check
    def apply(self, p: Params, x: Data) -> Data:
        return x
Model().apply({"w": jnp.zeros(3)}, jnp.zeros(()))
