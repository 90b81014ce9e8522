import jax
import jax.numpy as jnp

from batchtyping import ListParams, check


@check
def deep_linear(params: ListParams, x: jax.Array) -> jax.Array:
    for w in params:  # one weight matrix per layer
        x = x @ w
    return x


deep_linear([jnp.ones((3, 4)), jnp.ones((4, 2))], jnp.ones((5, 3)))
