"""Functions: methods, closures, functools.partial and nested functions."""

import functools
from collections.abc import Callable

import jax
import jax.numpy as jnp
import numpy as np
from jax import Array

from batchtyping import (
    BatchlessDataFixed,
    Data,
    DataFixed,
    DictParams,
    Params,
    RealDataFixed,
    check,
)


class Scaler:
    def __init__(self, mean: Array) -> None:
        self.mean = mean

    @check
    def transform(self, x: DataFixed) -> DataFixed:
        out: DataFixed = jax.tree.map(lambda a: a - self.mean, x)
        return out

    @check
    def fit(self, x: DataFixed, center: BatchlessDataFixed) -> None: ...

    @staticmethod
    @check
    def check_params(p: Params) -> None: ...

    @classmethod
    @check
    def from_data(cls, x: RealDataFixed) -> "Scaler":
        return cls(jnp.zeros(3))

# case method_accepts: accepted
Scaler(jnp.zeros(3)).transform(jnp.ones((4, 3)))

# case method_int_leaf: rejected by runtime, mypy+plugin
Scaler(jnp.zeros(3)).transform(jnp.ones((4, 3), dtype=jnp.int32))

# case method_str_argument: rejected by runtime, mypy+plugin, pyright, basedpyright
Scaler(jnp.zeros(3)).transform("x")

# case method_structure_mismatch: rejected by runtime, mypy+plugin
Scaler(jnp.zeros(3)).fit((jnp.ones((4, 3)), jnp.ones((4, 3))), (jnp.ones(3),))

# case method_trailing_shape_mismatch: rejected by runtime
Scaler(jnp.zeros(3)).fit(jnp.ones((4, 3)), jnp.ones(2))

# case method_return_keeps_structure: rejected by runtime, static
@check
def three(x: tuple[Array, Array, Array]) -> None: ...
y = Scaler(jnp.zeros(3)).transform((jnp.ones((4, 3)), jnp.ones((4, 3))))
three(y)

# case method_batchless_argument: rejected by runtime, mypy+plugin
@check
def g(example: BatchlessDataFixed) -> None:
    Scaler(jnp.zeros(3)).transform(example)
g(jnp.zeros(3))

# case staticmethod_accepts: accepted
Scaler.check_params({"w": jnp.zeros(3)})

# case staticmethod_int_leaf: rejected by runtime, mypy+plugin
Scaler.check_params({"w": jnp.arange(3)})

# case classmethod_accepts: accepted
Scaler.from_data(jnp.zeros((4, 3), dtype=jnp.int32))

# case classmethod_complex_leaf: rejected by runtime, mypy+plugin
Scaler.from_data(jnp.zeros((4, 3), dtype=jnp.complex64))

# case closure_accepts: accepted
def make_loss(target: Array) -> "functools.partial[None]":
    @check
    def loss(params: DictParams, x: Data) -> None: ...
    return functools.partial(loss, {"w": target})
make_loss(jnp.zeros(3))(jnp.zeros((4, 3)))

# case closure_captures_batch: accepted
def make(x: Array) -> None:
    @check
    def inner(y: Data) -> None:
        inner2(x, y)
    @check
    def inner2(a: Data, b: Data) -> None: ...
    inner(jnp.zeros(4))
make(jnp.zeros((4, 3)))

# case closure_batch_mismatch: rejected by runtime
def make(x: Array) -> None:
    @check
    def inner2(a: Data, b: Data) -> None: ...
    inner2(x, jnp.zeros(5))
make(jnp.zeros((4, 3)))

# case partial_binds_params: accepted
@check
def loss(params: Params, x: Data) -> None: ...
functools.partial(loss, {"w": jnp.zeros(3)})(jnp.zeros((4, 3)))

# case partial_int_params: rejected by runtime, mypy+plugin
@check
def loss(params: Params, x: Data) -> None: ...
functools.partial(loss, {"w": jnp.arange(3)})(jnp.zeros((4, 3)))

# case partial_numpy_data: rejected by runtime, static
@check
def loss(params: Params, x: Data) -> None: ...
functools.partial(loss, None)(np.zeros((4, 3)))

# case partial_structure_mismatch: rejected by runtime
@check
def fit(x: DataFixed, mean: BatchlessDataFixed) -> None: ...
functools.partial(fit, (jnp.zeros((4, 3)), jnp.zeros((4, 3))))(jnp.zeros(3))

# case lambda_wrapper: accepted
@check
def scale(x: DataFixed) -> DataFixed:
    return x
apply: Callable[[Array], DataFixed] = lambda x: scale(x)
apply(jnp.zeros((4, 3)))

# case nested_checked_calls: rejected by runtime
@check
def inner(x: RealDataFixed) -> RealDataFixed:
    return x
@check
def outer(x: DataFixed) -> DataFixed:
    return inner(x)
outer(jnp.zeros((4, 3), dtype=jnp.complex64))

# case recursion_over_tree: accepted
@check
def count(p: Params) -> int:
    if isinstance(p, dict):
        return sum(count(v) for v in p.values())
    return 1
count({"a": {"b": jnp.zeros(3)}, "c": jnp.zeros(2)})

# case jit_inside_checked_function: accepted
@check
def step(params: Params, x: Data) -> Data:
    out: Data = jax.jit(lambda d: d)(x)
    return out
step({"w": jnp.zeros(3)}, jnp.zeros((4, 3)))

# case jit_of_checked_function: rejected by runtime, mypy+plugin
@check
def step(params: Params, x: Data) -> Data:
    return x
jax.jit(step)({"w": jnp.zeros(3, dtype=jnp.int32)}, jnp.zeros((4, 3)))

# case grad_of_checked_loss: accepted
@check
def loss(params: DictParams, x: Data) -> Array:
    return (params["w"] ** 2).sum()
jax.grad(loss)({"w": jnp.ones(3)}, jnp.zeros((4, 3)))

# case jit_converts_numpy_leaf: accepted
@check
def step(params: Params) -> None: ...
jax.jit(step)({"w": np.zeros(3)})

# case jit_converts_python_float: accepted
@check
def step(params: Params) -> None: ...
jax.jit(step)(1.0)

# case jit_keeps_str_out: rejected by runtime, mypy+plugin
@check
def step(params: Params) -> None: ...
jax.jit(step)("w")
