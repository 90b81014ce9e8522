import jax
import jax.numpy as jnp

from batchtyping import RealDataFixed, check


@check
def standardise(data: RealDataFixed) -> RealDataFixed:
    def leaf_fn(leaf: jax.Array) -> jax.Array:
        return (leaf - leaf.mean(axis=0)) / (leaf.std(axis=0) + 1e-8)

    result: RealDataFixed = jax.tree_util.tree_map(leaf_fn, data)
    return result


standardise({"position": jnp.ones((16, 3)), "velocity": jnp.ones((16, 3))})
