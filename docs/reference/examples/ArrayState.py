import jax.numpy as jnp

from batchtyping import ArrayState, check


@check
def count_step(state: ArrayState) -> ArrayState:
    # The state is one array (an int32 step counter): any numeric dtype, any shape.
    return state + 1


count_step(jnp.zeros((), jnp.int32))
