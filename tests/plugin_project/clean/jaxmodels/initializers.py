"""Weight initialisers: each takes a PRNG key and a shape and returns a float32 array."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import jax
import jax.numpy as jnp
from jax import Array

Initializer = Callable[[Array, tuple[int, ...]], Array]
"""``(key, shape) -> array``."""


def _fans(shape: tuple[int, ...]) -> tuple[int, int]:
    if len(shape) < 2:
        raise ValueError(f"fan-in/fan-out needs a shape of rank >= 2, got {shape}")
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


def zeros(key: Array, shape: tuple[int, ...]) -> Array:
    """All zeros (biases, offsets)."""
    del key
    return jnp.zeros(shape, dtype=jnp.float32)


def ones(key: Array, shape: tuple[int, ...]) -> Array:
    """All ones (normalisation scales)."""
    del key
    return jnp.ones(shape, dtype=jnp.float32)


def glorot_uniform(key: Array, shape: tuple[int, ...]) -> Array:
    """Glorot/Xavier uniform: variance ``2 / (fan_in + fan_out)``."""
    fan_in, fan_out = _fans(shape)
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return jax.random.uniform(key, shape, jnp.float32, -limit, limit)


def he_normal(key: Array, shape: tuple[int, ...]) -> Array:
    """He/Kaiming normal: variance ``2 / fan_in``, for ReLU layers."""
    fan_in, _ = _fans(shape)
    return jax.random.normal(key, shape, jnp.float32) * math.sqrt(2.0 / fan_in)


def scaled_normal(stddev: float) -> Initializer:
    """A normal initialiser with a fixed standard deviation."""

    def init(key: Array, shape: tuple[int, ...]) -> Array:
        return jax.random.normal(key, shape, jnp.float32) * stddev

    return init


INITIALIZERS: dict[str, Initializer] = {
    "zeros": zeros,
    "ones": ones,
    "glorot_uniform": glorot_uniform,
    "he_normal": he_normal,
}


def get_initializer(name: str) -> Initializer:
    """The initialiser registered under ``name``; a ValueError listing the known names otherwise."""
    try:
        return INITIALIZERS[name]
    except KeyError:
        known = ", ".join(sorted(INITIALIZERS))
        raise ValueError(f"unknown initializer {name!r} (known: {known})") from None


def split_keys(key: Array, names: Sequence[str]) -> dict[str, Array]:
    """One independent key per name."""
    keys = jax.random.split(key, len(names))
    return {name: keys[i] for i, name in enumerate(names)}
