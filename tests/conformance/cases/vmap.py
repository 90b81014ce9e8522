"""vmap: jax.vmap adds the batch axis a Batchless function lacks."""

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    ArrayData,
    BatchlessDataFixed,
    BatchlessRealDataFixed,
    DataFixed,
    Params,
    RealDataFixed,
    check,
)

# case vmap_batchless_function: accepted
@check
def per_example(x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
jax.vmap(per_example)(jnp.zeros((4, 3)))

# case vmap_tree_of_examples: accepted
@check
def per_example(x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
jax.vmap(per_example)({"a": jnp.zeros((4, 3)), "b": jnp.zeros((4, 2, 2))})

# case vmap_examples_without_axes: rejected by runtime
@check
def per_example(x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
jax.vmap(per_example)(jnp.zeros(4))

# case vmap_called_with_batchless: rejected by runtime, mypy+plugin
@check
def per_example(x: BatchlessRealDataFixed) -> BatchlessRealDataFixed:
    return x
@check
def g(example: BatchlessRealDataFixed) -> None:
    jax.vmap(per_example)(example)
g(jnp.zeros(3))

# case vmap_called_with_batched: accepted
@check
def per_example(x: BatchlessRealDataFixed) -> BatchlessRealDataFixed:
    return x
@check
def g(x: RealDataFixed) -> None:
    jax.vmap(per_example)(x)
g(jnp.zeros((4, 3)))

# case vmap_result_is_batched: accepted
@check
def per_example(x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
@check
def scale(x: DataFixed) -> None: ...
@check
def g(x: DataFixed) -> None:
    scale(jax.vmap(per_example)(x))
g(jnp.zeros((4, 3)))

# case vmap_result_to_batchless: rejected by runtime, mypy+plugin
@check
def per_example(x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
@check
def center(x: BatchlessDataFixed, mean: BatchlessDataFixed) -> None: ...
@check
def g(x: DataFixed) -> None:
    center(jax.vmap(per_example)(x), jnp.zeros(3))
g(jnp.zeros((4, 3)))

# case vmap_in_axes_none: accepted
@check
def center(x: BatchlessDataFixed, mean: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
@check
def g(x: DataFixed, mean: BatchlessDataFixed) -> None:
    jax.vmap(center, in_axes=(0, None))(x, mean)
g(jnp.zeros((4, 3)), jnp.zeros(3))

# case vmap_in_axes_none_given_batch: rejected by runtime, mypy+plugin
@check
def center(x: BatchlessDataFixed, mean: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
@check
def g(x: DataFixed) -> None:
    jax.vmap(center, in_axes=(0, None))(x, x)
g(jnp.zeros((4, 3)))

# case vmap_per_example_loss: accepted
@check
def loss(params: Params, x: BatchlessDataFixed) -> Array:
    return jnp.zeros(())
@check
def g(params: Params, x: DataFixed) -> Array:
    return jax.vmap(loss, in_axes=(None, 0))(params, x).mean()
g({"w": jnp.zeros(3)}, jnp.zeros((4, 3)))

# case vmap_int_params: rejected by runtime, mypy+plugin
@check
def loss(params: Params, x: BatchlessDataFixed) -> Array:
    return jnp.zeros(())
jax.vmap(loss, in_axes=(None, 0))({"w": jnp.arange(3)}, jnp.zeros((4, 3)))

# case vmap_array_data_inside: accepted
@check
def per_row(x: ArrayData) -> ArrayData:
    return x
jax.vmap(per_row)(jnp.zeros((4, 3)))

# case vmap_array_data_scalar_rows: rejected by runtime
@check
def per_row(x: ArrayData) -> ArrayData:
    return x
jax.vmap(per_row)(jnp.zeros(4))

# case vmap_nonzero_axis_unknown: accepted
@check
def per_example(x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
@check
def g(example: BatchlessDataFixed) -> None:
    jax.vmap(per_example, in_axes=1)(example)
g(jnp.zeros((3, 2)))

# case vmap_of_jit: accepted
@check
def per_example(x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
jax.vmap(jax.jit(per_example))(jnp.zeros((4, 3)))

# case jit_of_vmap_batch_mismatch: rejected by runtime
@check
def pair(x: BatchlessDataFixed, y: BatchlessDataFixed) -> None: ...
jax.jit(jax.vmap(pair))(jnp.zeros((4, 3)), jnp.zeros((4, 5)))

# case vmap_decorator_called_with_batchless: rejected by runtime, mypy+plugin
@jax.vmap
@check
def per_example(x: BatchlessRealDataFixed) -> BatchlessRealDataFixed:
    return x
@check
def g(example: BatchlessRealDataFixed) -> None:
    per_example(example)
g(jnp.zeros(3))

# case vmap_decorator_called_with_batch: accepted
@jax.vmap
@check
def per_example(x: BatchlessRealDataFixed) -> BatchlessRealDataFixed:
    return x
@check
def g(x: RealDataFixed) -> None:
    per_example(x)
g(jnp.zeros((4, 3)))

# case vmap_partial_per_example: accepted
import functools
@check
def loss(params: Params, x: BatchlessDataFixed) -> Array:
    return jnp.zeros(())
@check
def g(params: Params, x: DataFixed) -> None:
    jax.vmap(functools.partial(loss, params))(x)
g({"w": jnp.zeros(3)}, jnp.zeros((4, 3)))
