import jax
import jax.numpy as jnp

from batchtyping import Data, check


@check
def batch_size(data: Data) -> int:
    # Any tree of arrays that share one leading batch axis.
    return int(jax.tree_util.tree_leaves(data)[0].shape[0])


batch_size({"image": jnp.ones((8, 4, 4)), "label": jnp.zeros((8,))})
batch_size(jnp.ones((8, 3)))
