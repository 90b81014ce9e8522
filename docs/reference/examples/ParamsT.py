import jax
import jax.numpy as jnp

from batchtyping import ParamsT, check


@check
def scale(params: ParamsT, factor: float) -> ParamsT:
    # The caller gets back its own params type (here dict[str, Array]), not a bare Params.
    result: ParamsT = jax.tree_util.tree_map(lambda p: p * factor, params)
    return result


halved = scale({"w": jnp.ones((3, 2))}, 0.5)
halved["w"]  # still a dict for the checker
