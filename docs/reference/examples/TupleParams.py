import jax
import jax.numpy as jnp

from batchtyping import TupleParams, check


@check
def affine(params: TupleParams, x: jax.Array) -> jax.Array:
    w, b = params  # the body unpacks the tuple: TupleParams, not Params
    return x @ w + b


affine((jnp.ones((3, 2)), jnp.zeros(2)), jnp.ones((4, 3)))
