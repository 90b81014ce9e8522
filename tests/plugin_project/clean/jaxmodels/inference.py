"""Inference helpers: per-example diagnostics vmapped over a batch, and single-example prediction."""

from __future__ import annotations

import functools
from collections.abc import Callable

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import ArrayData, BatchlessRealDataFixed, ParamsT, RealDataFixed, StateT, check
from jaxmodels.features import add_batch_axis, concat_leaves
from jaxmodels.pytrees import ScalerStats
from jaxmodels.scalers import standardize


@check
def example_residual(
    prediction: BatchlessRealDataFixed, target: BatchlessRealDataFixed, scale: BatchlessRealDataFixed
) -> BatchlessRealDataFixed:
    """``(target - prediction) / scale`` for one example."""

    def residual(p: Array, t: Array, s: Array) -> Array:
        return (t - p) / s

    out: BatchlessRealDataFixed = jax.tree_util.tree_map(residual, prediction, target, scale)
    return out


batch_residuals = jax.vmap(example_residual, in_axes=(0, 0, None))
"""``example_residual`` for every example of a batch, with one shared scale."""


def standardized_residuals(
    prediction: RealDataFixed, target: RealDataFixed, scale: BatchlessRealDataFixed
) -> RealDataFixed:
    """The residuals of a batch in units of ``scale``."""
    residuals: RealDataFixed = batch_residuals(prediction, target, scale)
    return residuals


def outliers(prediction: RealDataFixed, target: RealDataFixed, scale: BatchlessRealDataFixed, limit: float) -> Array:
    """A boolean per example: whether any residual exceeds ``limit`` scales."""
    leaves: list[Array] = jax.tree_util.tree_leaves(standardized_residuals(prediction, target, scale))
    per_leaf = [jnp.any(jnp.abs(leaf.reshape(leaf.shape[0], -1)) > limit, axis=1) for leaf in leaves]
    return jnp.any(jnp.stack(per_leaf), axis=0)


def scaler_fn(stats: ScalerStats) -> Callable[[RealDataFixed], RealDataFixed]:
    """``standardize`` with fixed statistics, as a one-argument function."""
    return functools.partial(standardize, shift=stats.shift, scale=stats.scale)


def predict_one(
    predict: Callable[[ParamsT, StateT, ArrayData], ArrayData],
    params: ParamsT,
    state: StateT,
    example: BatchlessRealDataFixed,
) -> Array:
    """The prediction for one example (run as a batch of one)."""
    return predict(params, state, concat_leaves(add_batch_axis(example)))[0]
