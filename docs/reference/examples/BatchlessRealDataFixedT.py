import jax
import jax.numpy as jnp

from batchtyping import BatchlessRealDataFixedT, check


@check
def double(data: BatchlessRealDataFixedT) -> BatchlessRealDataFixedT:
    # Keeps the caller's exact type: a tuple in gives the same tuple type out.
    result: BatchlessRealDataFixedT = jax.tree_util.tree_map(lambda leaf: leaf * 2, data)
    return result


pair = double((jnp.ones(3), jnp.ones(3)))
first, second = pair  # still a 2-tuple for the checker
