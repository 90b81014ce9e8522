import jax
import jax.numpy as jnp

from batchtyping import ComplexDataFixed, check


@check
def rotate(data: ComplexDataFixed) -> ComplexDataFixed:
    result: ComplexDataFixed = jax.tree_util.tree_map(lambda leaf: leaf * 1j, data)
    return result


rotate(jnp.ones((8, 4), dtype=jnp.complex64))
