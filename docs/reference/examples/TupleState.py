import jax.numpy as jnp

from batchtyping import TupleState, check


@check
def update_mean(state: TupleState, x: jnp.ndarray) -> TupleState:
    mean, count = state
    return mean + (x.mean(axis=0) - mean) / (count + 1), count + 1


update_mean((jnp.zeros(3), jnp.zeros((), jnp.int32)), jnp.ones((8, 3)))
