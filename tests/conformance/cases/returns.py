"""Returns and annotated assignments: a value must fit the declared alias there too."""

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    BatchlessRealDataFixed,
    ComplexDataFixed,
    Data,
    DataFixed,
    Params,
    RealDataFixed,
    State,
    check,
)


@check
def column_means(x: RealDataFixed) -> BatchlessRealDataFixed:
    out: BatchlessRealDataFixed = jax.tree.map(lambda a: jnp.mean(a, axis=0), x)
    return out

# case batch_returned_as_batch: accepted
@check
def scale(x: RealDataFixed) -> RealDataFixed:
    return x
scale(jnp.ones((4, 3)))

# case means_returned_as_batch: rejected by runtime, mypy+plugin
@check
def scale(x: RealDataFixed) -> RealDataFixed:
    return column_means(x)
scale(jnp.ones((4, 3)))

# case means_assigned_to_a_batch: rejected by runtime, mypy+plugin
@check
def scale(x: RealDataFixed) -> RealDataFixed:
    y: RealDataFixed = column_means(x)
    return y
scale(jnp.ones((4, 3)))

# case means_in_the_forward_pair: rejected by runtime, mypy+plugin
@check
def forward(p: Params, x: RealDataFixed, training: bool, s: State, rng: Array) -> tuple[Data, State]:
    return column_means(x), s
forward((), jnp.ones((4, 3)), False, (), jnp.zeros(2))

# case complex_returned_as_real: rejected by runtime, mypy+plugin
@check
def real_part(z: ComplexDataFixed) -> RealDataFixed:
    return z
real_part(jnp.ones((4, 3), dtype=jnp.complex64))

# case str_returned_as_data: rejected by runtime, mypy+plugin, pyright, basedpyright
@check
def data_of(name: str) -> DataFixed:
    return name
data_of("x")

# case str_leaf_assigned_to_params: rejected by runtime, mypy+plugin, pyright, basedpyright
@check
def init() -> Params:
    params: Params = {"w": "glorot"}
    return params
init()
