"""Evaluation metrics over batches of real-valued predictions."""

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import RealDataFixed, check


@check
def mean_squared_error(prediction: RealDataFixed, target: RealDataFixed) -> Array:
    """The mean over examples and leaves of the squared error."""

    def mse(p: Array, t: Array) -> Array:
        return jnp.mean((p - t) ** 2)

    values: list[Array] = jax.tree_util.tree_leaves(jax.tree_util.tree_map(mse, prediction, target))
    return jnp.mean(jnp.stack(values))


@check
def r2_score(prediction: RealDataFixed, target: RealDataFixed) -> Array:
    """The coefficient of determination, averaged over the leaves."""

    def r2(p: Array, t: Array) -> Array:
        residual = jnp.sum((t - p) ** 2)
        total = jnp.sum((t - jnp.mean(t, axis=0)) ** 2)
        return 1.0 - residual / jnp.maximum(total, 1e-12)

    values: list[Array] = jax.tree_util.tree_leaves(jax.tree_util.tree_map(r2, prediction, target))
    return jnp.mean(jnp.stack(values))


def summarize(prediction: RealDataFixed, target: RealDataFixed) -> dict[str, float]:
    """Every metric as a plain float, for logging."""
    return {
        "mse": float(mean_squared_error(prediction, target)),
        "r2": float(r2_score(prediction, target)),
    }
