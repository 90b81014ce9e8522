"""Parameter-free element-wise layers."""

from collections.abc import Callable
from typing import Any

import jax.numpy as jnp
from jax import Array

from batchtyping import ArrayData, ArrayDataShape, DictParams, DictState
from jaxmodels.layers.base import Layer, Model, no_params, no_state


def _relu(x: Array) -> Array:
    return jnp.maximum(x, 0.0)


def _gelu(x: Array) -> Array:
    return 0.5 * x * (1.0 + jnp.tanh(0.7978845608 * (x + 0.044715 * x**3)))


ACTIVATIONS: dict[str, Callable[[Array], Array]] = {
    "relu": _relu,
    "gelu": _gelu,
    "tanh": jnp.tanh,
    "identity": lambda x: x,
}


def elementwise(fn: Callable[[Array], Array]) -> Layer:
    """A forward pass applying ``fn`` to every element and passing the state through."""

    def apply(
        params: DictParams, data: ArrayData, training: bool, state: DictState, rng: Any
    ) -> tuple[ArrayData, DictState]:
        del params, training, rng
        return fn(data), state

    return apply


def activation(name: str) -> Model[DictParams, DictState]:
    """The activation layer called ``name`` (``relu``, ``gelu``, ``tanh``, ``identity``)."""
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r} (known: {', '.join(sorted(ACTIVATIONS))})")

    def initialize(key: Array, input_shape: ArrayDataShape) -> tuple[DictParams, DictState, ArrayDataShape]:
        del key
        return no_params(), no_state(), input_shape

    return Model(name, initialize, elementwise(ACTIVATIONS[name]))


def relu() -> Model[DictParams, DictState]:
    """``max(x, 0)``."""
    return activation("relu")


def gelu() -> Model[DictParams, DictState]:
    """The tanh approximation of GELU."""
    return activation("gelu")


def tanh() -> Model[DictParams, DictState]:
    """``tanh(x)``."""
    return activation("tanh")
