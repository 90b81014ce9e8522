import jax.numpy as jnp

from batchtyping import DictState, check


@check
def count_step(state: DictState) -> DictState:
    return {**state, "count": state["count"] + 1}


count_step({"count": jnp.zeros((), jnp.int32), "mean": jnp.zeros(3)})
