import jax
import jax.numpy as jnp

from batchtyping import RealDataFixedT, check


@check
def double(data: RealDataFixedT) -> RealDataFixedT:
    # Keeps the caller's exact type: a tuple in gives the same tuple type out.
    result: RealDataFixedT = jax.tree_util.tree_map(lambda leaf: leaf * 2, data)
    return result


pair = double((jnp.ones((8, 3)), jnp.ones((8, 3))))
first, second = pair  # still a 2-tuple for the checker
