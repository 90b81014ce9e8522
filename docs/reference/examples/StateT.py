import jax
import jax.numpy as jnp

from batchtyping import StateT, check


@check
def decay(state: StateT, rate: float) -> StateT:
    # State in = state out: the caller keeps its own state type.
    result: StateT = jax.tree_util.tree_map(lambda s: s * rate, state)
    return result


state = decay({"mean": jnp.ones(3), "var": jnp.ones(3)}, 0.9)
state["mean"]  # still a dict for the checker
