import jax
import jax.numpy as jnp

from batchtyping import Params, check


@check
def l2(params: Params) -> jax.Array:
    # Only passes the tree on: any layout of float arrays is accepted.
    return sum((jnp.sum(p**2) for p in jax.tree_util.tree_leaves(params)), jnp.zeros(()))


l2({"dense": {"w": jnp.ones((3, 2)), "b": jnp.zeros(2)}, "scale": jnp.ones(())})
l2([jnp.ones(4), (jnp.ones((2, 2)),)])
