import jax
import jax.numpy as jnp

from batchtyping import DataFixed, check


@check
def clip(data: DataFixed) -> DataFixed:
    # The result has the structure and per-leaf feature shapes of the input.
    result: DataFixed = jax.tree_util.tree_map(lambda leaf: jnp.clip(leaf, -1.0, 1.0), data)
    return result


clip((jnp.ones((8, 3)), jnp.ones((8, 2, 2))))
