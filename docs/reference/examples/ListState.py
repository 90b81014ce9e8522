import jax.numpy as jnp

from batchtyping import ListState, check


@check
def reset(state: ListState) -> ListState:
    return [jnp.zeros_like(leaf) for leaf in state]


reset([jnp.ones(3), jnp.ones((2, 2))])
