import jax
import jax.numpy as jnp

from batchtyping import BatchlessDataFixed, DataFixed, check


@check
def first_example(data: DataFixed) -> BatchlessDataFixed:
    # Same structure and feature shapes as `data`, without the batch axis.
    result: BatchlessDataFixed = jax.tree_util.tree_map(lambda leaf: leaf[0], data)
    return result


first_example({"x": jnp.ones((8, 3)), "y": jnp.ones((8, 1))})
