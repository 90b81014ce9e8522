import jax
import jax.numpy as jnp

from batchtyping import State, check


@check
def tick(state: State) -> State:
    # The returned state must keep the structure and shapes of the state given.
    result: State = jax.tree_util.tree_map(lambda leaf: leaf + 1, state)
    return result


tick({"count": jnp.zeros((), jnp.int32), "mean": jnp.zeros(3)})
