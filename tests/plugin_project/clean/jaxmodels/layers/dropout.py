"""Dropout: zero a random fraction of the inputs while training."""

from typing import Any

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import ArrayData, ArrayDataShape, DictParams, DictState
from jaxmodels.layers.base import Model, no_params, no_state


def dropout(rate: float) -> Model[DictParams, DictState]:
    """Drop each input with probability ``rate`` in training, rescaling the rest."""
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"dropout: rate must be in [0, 1), got {rate}")
    keep = 1.0 - rate

    def apply(
        params: DictParams, data: ArrayData, training: bool, state: DictState, rng: Any
    ) -> tuple[ArrayData, DictState]:
        del params
        if not training or rate == 0.0:
            return data, state
        if rng is None:
            raise ValueError("dropout: a PRNG key is needed in training")
        mask = jax.random.bernoulli(rng, keep, data.shape)
        return jnp.where(mask, data / keep, 0.0), state

    def initialize(key: Array, input_shape: ArrayDataShape) -> tuple[DictParams, DictState, ArrayDataShape]:
        del key
        return no_params(), no_state(), input_shape

    return Model("dropout", initialize, apply)
