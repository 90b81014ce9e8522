import jax.numpy as jnp

from batchtyping import ArrayData, check


@check
def center(x: ArrayData) -> ArrayData:
    # One array; its leading axis is the batch (bound to the same size for x and the result).
    return x - jnp.mean(x, axis=0)


center(jnp.ones((8, 3)))
