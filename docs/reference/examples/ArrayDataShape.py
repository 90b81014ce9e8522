import jax.numpy as jnp

from batchtyping import ArrayDataShape, check


@check
def zeros_like_example(input_shape: ArrayDataShape, batch_size: int) -> jnp.ndarray:
    (n,) = input_shape  # unpacked: ArrayDataShape, not DataShape
    return jnp.zeros((batch_size, n or 1))


zeros_like_example((3,), 8)
zeros_like_example((None,), 8)  # None: a size not known yet
