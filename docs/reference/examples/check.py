import jax
import jax.numpy as jnp

from batchtyping import Data, check


@jax.jit  # jit on top, check underneath: the check runs once per trace
@check
def add(x: Data, y: Data) -> Data:
    return jnp.asarray(x) + jnp.asarray(y)


add(jnp.ones((8, 3)), jnp.ones((8, 3)))
try:
    add(jnp.ones((8, 3)), jnp.ones((4, 3)))  # batch sizes 8 and 4
except Exception as error:  # jaxtyping's TypeCheckError
    print(type(error).__name__)
