"""What the case files share: typed array makers and ``rejected()``.

The makers use ``jnp.broadcast_to``, whose signature is fully typed: ``jnp.ones`` and friends
take a partially unknown ``device`` that pyright's strict mode reports.
"""

from collections.abc import Generator
from contextlib import contextmanager

import jax.numpy as jnp
import numpy as np
import numpy.typing as npt
from jax import Array
from jaxtyping import TypeCheckError


def f32(*shape: int) -> Array:
    """A float32 array of ones."""
    return jnp.broadcast_to(jnp.float32(1), shape)


def i32(*shape: int) -> Array:
    """An int32 array of ones."""
    return jnp.broadcast_to(jnp.int32(1), shape)


def c64(*shape: int) -> Array:
    """A complex64 array of ones."""
    return jnp.broadcast_to(jnp.complex64(1), shape)


def np_f32(*shape: int) -> npt.NDArray[np.float32]:
    """A numpy float32 array: a leaf jax checks reject (it is not a ``jax.Array``)."""
    return np.ones(shape, np.float32)


@contextmanager
def rejected(error: type[Exception] = TypeCheckError) -> Generator[None]:
    """The runtime must reject the block with exactly ``error``, as the checkers do."""
    try:
        yield
    except error as exc:
        if type(exc) is not error:
            raise
    else:
        raise AssertionError("the runtime accepted a line the static checkers reject")
