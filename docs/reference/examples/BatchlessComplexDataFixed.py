import jax
import jax.numpy as jnp

from batchtyping import BatchlessComplexDataFixed, check


@check
def spectrum(signal: BatchlessComplexDataFixed) -> BatchlessComplexDataFixed:
    result: BatchlessComplexDataFixed = jax.tree_util.tree_map(jnp.fft.fft, signal)
    return result


spectrum(jnp.ones(16, dtype=jnp.complex64))
