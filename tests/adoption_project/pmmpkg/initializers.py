"""Weight initialisers."""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp

from .typing import Any, Tuple


def glorot_normal(rng: Any, shape: Tuple[int, ...], dtype: Any = jnp.float32) -> jax.Array:
    fan_in, fan_out = shape[-2], shape[-1]
    std = math.sqrt(2.0 / (fan_in + fan_out))
    return std * jax.random.normal(rng, shape, dtype)


def he_normal(rng: Any, shape: Tuple[int, ...], dtype: Any = jnp.float32) -> jax.Array:
    std = math.sqrt(2.0 / shape[-2])
    return std * jax.random.normal(rng, shape, dtype)


def uniform(rng: Any, shape: Tuple[int, ...], scale: float = 1e-2) -> jax.Array:
    return jax.random.uniform(rng, shape, minval=-scale, maxval=scale)


def complex_normal(rng: Any, shape: Tuple[int, ...], scale: float = 1.0) -> jax.Array:
    kr, ki = jax.random.split(rng)
    real = jax.random.normal(kr, shape)
    imag = jax.random.normal(ki, shape)
    return scale * (real + 1j * imag) / math.sqrt(2.0)


def hermitian(rng: Any, n: int, count: int = 1, scale: float = 1.0) -> jax.Array:
    """``count`` random Hermitian ``n x n`` matrices, stacked."""
    a = complex_normal(rng, (count, n, n), scale)
    return (a + jnp.conj(jnp.swapaxes(a, -1, -2))) / 2.0


def orthogonal(rng: Any, n: int) -> jax.Array:
    q, r = jnp.linalg.qr(jax.random.normal(rng, (n, n)))
    return q * jnp.sign(jnp.diag(r))[None, :]
