"""A dense layer ``y = x @ w + b``."""

from typing import Any

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import ArrayData, ArrayDataShape, DictParams, DictState, check
from jaxmodels.initializers import get_initializer, zeros
from jaxmodels.layers.base import Model, last_dim, no_state


def linear_apply(
    params: DictParams, data: ArrayData, training: bool, state: DictState, rng: Any
) -> tuple[ArrayData, DictState]:
    """The forward pass of ``linear``: a matrix product over the last axis, plus a bias."""
    del training, rng
    out = data @ params["w"]
    if "b" in params:
        out = out + params["b"]
    return out, state


def linear(out_features: int, *, bias: bool = True, init: str = "glorot_uniform") -> Model[DictParams, DictState]:
    """A dense layer with ``out_features`` outputs; its input size is inferred at init."""
    w_init = get_initializer(init)

    def initialize(key: Array, input_shape: ArrayDataShape) -> tuple[DictParams, DictState, ArrayDataShape]:
        in_features = last_dim(input_shape, "linear")
        w_key, b_key = jax.random.split(key)
        params: DictParams = {"w": w_init(w_key, (in_features, out_features))}
        if bias:
            params["b"] = zeros(b_key, (out_features,))
        return params, no_state(), (*input_shape[:-1], out_features)

    return Model("linear", initialize, check(linear_apply))


@check
def l2_penalty(params: DictParams) -> Array:
    """The squared norm of a dense layer's weight matrix (biases are not penalised)."""
    return jnp.sum(params["w"] ** 2)
