import jax
import jax.numpy as jnp

from batchtyping import ArrayParams, check


@check
def project(params: ArrayParams, x: jax.Array) -> jax.Array:
    # The body uses the parameters as one array (params.shape, x @ params): ArrayParams.
    assert params.shape[0] == x.shape[-1]
    return x @ params


project(jnp.ones((3, 2)), jnp.ones((4, 3)))
