import jax
import jax.numpy as jnp

from batchtyping import DictParams, check


@check
def dense(params: DictParams, x: jax.Array) -> jax.Array:
    return x @ params["w"] + params["b"]  # indexed by key: DictParams


dense({"w": jnp.ones((3, 2)), "b": jnp.zeros(2)}, jnp.ones((4, 3)))
