"""Utilities to ensure the implementation is safe wrt numerical issues."""

import chex
import jax.numpy as jnp


def abs_sq(x: chex.Array) -> chex.Array:
    """Returns the squared norm of a (maybe complex) array."""
    if not isinstance(x, (jnp.ndarray,)):
        raise ValueError(f"`abs_sq` accepts only NDarrays, got: {x}.")
    return (x.conj() * x).real


def safe_norm(x: chex.Array, min_norm: chex.Numeric, ord=None, axis=None, keepdims=False) -> chex.Array:
    """Returns jnp.maximum(jnp.linalg.norm(x), min_norm) with correct gradients."""
    norm = jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=True)
    x = jnp.where(norm <= min_norm, jnp.ones_like(x), x)
    norm = jnp.squeeze(norm, axis=axis) if not keepdims else norm
    masked_norm = jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)
    return jnp.where(norm <= min_norm, min_norm, masked_norm)


def safe_int32_increment(count: chex.Numeric) -> chex.Numeric:
    """Increments int32 counter by one, saturating at the maximum."""
    max_int32_value = jnp.iinfo(jnp.int32).max
    one = jnp.array(1, dtype=jnp.int32)
    return jnp.where(count < max_int32_value, count + one, max_int32_value)
