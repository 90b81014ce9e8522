import jax
import jax.numpy as jnp

from batchtyping import BatchlessComplexDataFixedT, check


@check
def double(data: BatchlessComplexDataFixedT) -> BatchlessComplexDataFixedT:
    # Keeps the caller's exact type: a tuple in gives the same tuple type out.
    result: BatchlessComplexDataFixedT = jax.tree_util.tree_map(lambda leaf: leaf * 2, data)
    return result


pair = double((jnp.ones(3, jnp.complex64), jnp.ones(3, jnp.complex64)))
first, second = pair  # still a 2-tuple for the checker
