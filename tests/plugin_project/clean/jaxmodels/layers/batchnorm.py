"""Batch normalisation, with running statistics kept in the layer's state."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp
from jax import Array

from batchtyping import ArrayData, ArrayDataShape, DictParams, DictState
from jaxmodels.initializers import ones, zeros
from jaxmodels.layers.base import Layer, Model, last_dim


def _normalize(x: Array, mean: Array, var: Array, eps: float) -> Array:
    return (x - mean) / jnp.sqrt(var + eps)


def batch_norm_apply(momentum: float, eps: float) -> Layer:
    """The forward pass of ``batch_norm``.

    In training it normalises with the batch's statistics and moves the running ones
    towards them; in evaluation it normalises with the running statistics.
    """

    def apply(
        params: DictParams, data: ArrayData, training: bool, state: DictState, rng: Any
    ) -> tuple[ArrayData, DictState]:
        del rng
        reduce_axes = tuple(range(data.ndim - 1))
        if training:
            mean = jnp.mean(data, axis=reduce_axes)
            var = jnp.var(data, axis=reduce_axes)
            new_state: DictState = {
                "mean": momentum * state["mean"] + (1.0 - momentum) * mean,
                "var": momentum * state["var"] + (1.0 - momentum) * var,
                "count": state["count"] + 1,
            }
        else:
            mean, var, new_state = state["mean"], state["var"], state
        out = _normalize(data, mean, var, eps) * params["scale"] + params["offset"]
        return out, new_state

    return apply


def batch_norm(*, momentum: float = 0.9, eps: float = 1e-5) -> Model[DictParams, DictState]:
    """Normalise every feature to zero mean and unit variance, then scale and shift."""
    if not 0.0 <= momentum < 1.0:
        raise ValueError(f"batch_norm: momentum must be in [0, 1), got {momentum}")

    def initialize(key: Array, input_shape: ArrayDataShape) -> tuple[DictParams, DictState, ArrayDataShape]:
        features = (last_dim(input_shape, "batch_norm"),)
        params: DictParams = {"scale": ones(key, features), "offset": zeros(key, features)}
        state: DictState = {
            "mean": zeros(key, features),
            "var": ones(key, features),
            "count": jnp.zeros((), jnp.int32),
        }
        return params, state, input_shape

    return Model("batch_norm", initialize, batch_norm_apply(momentum, eps))


def running_stats(state: DictState) -> tuple[Array, Array]:
    """The running mean and variance a ``batch_norm`` state holds."""
    return state["mean"], state["var"]
