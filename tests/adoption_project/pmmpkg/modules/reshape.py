"""Shape-only modules: flatten, reshape, concatenation of split inputs."""

from __future__ import annotations

import math

import jax.numpy as jnp

from ..typing import Any, Data, DataShape, HyperParams, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule


class Flatten(BaseModule):
    """Flattens each example to one axis."""

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        return (math.prod(input_shape),)

    def _get_callable(self) -> ModuleCallable:
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            return data.reshape(data.shape[0], -1), state

        return forward


class Reshape(BaseModule):
    """Reshapes each example; ``shape=None`` keeps the input shape."""

    def __init__(self, shape: DataShape = None) -> None:
        super().__init__()
        self.shape = shape

    def get_hyperparameters(self) -> HyperParams:
        return {"shape": self.shape}

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        self.shape = hyperparams.get("shape")

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        if self.shape is None:
            return input_shape
        if math.prod(self.shape) != math.prod(input_shape):
            raise ValueError(f"cannot reshape {input_shape} to {self.shape}")
        return tuple(self.shape)

    def _get_callable(self) -> ModuleCallable:
        target = self.output_shape

        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            return data.reshape((data.shape[0], *target)), state

        return forward


def padded_shape(shape: DataShape, multiple: int, axis: int = -1) -> DataShape:
    dims = list(shape)
    dims[axis] = -(-dims[axis] // multiple) * multiple
    return tuple(dims)


def pad_to(data: Data, shape: DataShape = None, value: float = 0.0) -> Data:
    """Pads each example of ``data`` at the end of every axis up to ``shape``."""
    if shape is None:
        return data
    widths = [(0, 0)] + [(0, t - s) for s, t in zip(data.shape[1:], shape)]
    return jnp.pad(data, widths, constant_values=value)


def concat_shapes(shapes: DataShape, axis: int = -1) -> DataShape:
    """The shape of concatenating examples of the given shapes along ``axis``."""
    first = list(shapes[0])
    first[axis] = sum(s[axis] for s in shapes)
    return tuple(first)


def check_shape(data: Data, shape: DataShape = None) -> None:
    if shape is not None and tuple(data.shape[1:]) != tuple(shape):
        raise ValueError(f"expected examples of shape {shape}, got {data.shape[1:]}")
