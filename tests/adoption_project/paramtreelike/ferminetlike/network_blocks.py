"""Neural network building blocks."""

from typing import MutableMapping, Optional, Sequence

import jax
import jax.numpy as jnp


def init_linear_layer(key, in_dim: int, out_dim: int, include_bias: bool = True) -> MutableMapping[str, jnp.ndarray]:
    """Random initialisation of a linear layer: a dict ``{"w", "b"}``."""
    key1, key2 = jax.random.split(key)
    weight = jax.random.normal(key1, shape=(in_dim, out_dim)) / jnp.sqrt(float(in_dim))
    if include_bias:
        bias = jax.random.normal(key2, shape=(out_dim,))
        return {"w": weight, "b": bias}
    return {"w": weight}


def linear_layer(x: jnp.ndarray, w: jnp.ndarray, b: Optional[jnp.ndarray] = None) -> jnp.ndarray:
    """Evaluates a linear layer, x w + b."""
    y = jnp.dot(x, w)
    return y + b if b is not None else y


vmap_linear_layer = jax.vmap(linear_layer, in_axes=(0, None, None), out_axes=0)


def slogdet(x):
    """Computes sign and log of determinants of matrices (n x n, or 1 x 1)."""
    if x.shape[-1] == 1:
        sign = jnp.sign(x[..., 0, 0])
        logdet = jnp.log(jnp.abs(x[..., 0, 0]))
    else:
        sign, logdet = jnp.linalg.slogdet(x)
    return sign, logdet


def logdet_matmul(xs: Sequence[jnp.ndarray], w: Optional[jnp.ndarray] = None):
    """Combines determinants and takes dot product with weights in log-domain."""
    dets = [x.reshape(-1) for x in xs if x.shape[-1] == 1]
    dets = jnp.prod(jnp.stack([d for d in dets]), axis=0) if dets else 1
    slogdets = [slogdet(x) for x in xs if x.shape[-1] > 1]
    sign_in, logdet = jax.tree_util.tree_map(lambda *a: sum(a) if False else jnp.stack(a), *slogdets) if slogdets else (jnp.ones(1), jnp.zeros(1))
    sign_in = jnp.prod(sign_in, axis=0) if slogdets else 1.0
    logdet = jnp.sum(logdet, axis=0) if slogdets else 0.0
    maxlogdet = jnp.max(logdet)
    det = sign_in * dets * jnp.exp(logdet - maxlogdet)
    result = jnp.sum(det) if w is None else jnp.matmul(det, w)[0]
    sign_out = jnp.sign(result)
    log_out = jnp.log(jnp.abs(result)) + maxlogdet
    return sign_out, log_out


def array_partitions(sizes: Sequence[int]) -> Sequence[int]:
    """Returns the indices for splitting an array into separate partitions."""
    return [sum(sizes[: i + 1]) for i in range(len(sizes) - 1)]
