import jax
import jax.numpy as jnp

from batchtyping import BatchlessRealDataFixed, check


@check
def per_example_loss(prediction: BatchlessRealDataFixed, target: BatchlessRealDataFixed) -> jax.Array:
    # One example: vmap it over a batch (the mypy plugin flags a direct call on a batch).
    return jnp.sum((jnp.asarray(prediction) - jnp.asarray(target)) ** 2)


per_example_loss(jnp.ones(3), jnp.zeros(3))
jax.vmap(per_example_loss)(jnp.ones((8, 3)), jnp.zeros((8, 3)))
