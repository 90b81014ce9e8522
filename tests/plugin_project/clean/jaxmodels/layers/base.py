"""What a layer is: an initialiser that infers shapes, and a forward pass."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Generic, TypeAlias

from jax import Array
from typing_extensions import TypeVar

from batchtyping import ArrayData, ArrayDataShape, DictParams, DictState, ModuleCallable, Params, State

P = TypeVar("P", bound=Params)
S = TypeVar("S", bound=State)

Layer: TypeAlias = ModuleCallable[DictParams, DictState, ArrayData]
"""A forward pass over one array whose params and state are str-keyed dicts."""

Init = Callable[[Array, ArrayDataShape], tuple[P, S, ArrayDataShape]]
"""``(key, input shape) -> (params, state, output shape)``; shapes exclude the batch axis."""


@dataclasses.dataclass(frozen=True)
class Model(Generic[P, S]):
    """An initialiser and the forward pass it initialises, with a name for messages."""

    name: str
    init: Callable[[Array, ArrayDataShape], tuple[P, S, ArrayDataShape]]
    apply: ModuleCallable[P, S, ArrayData]

    def initialize(self, key: Array, input_shape: ArrayDataShape) -> tuple[P, S]:
        """Params and state for inputs of ``input_shape``, checking the shape is fully known."""
        if any(size is None for size in input_shape):
            raise ValueError(f"{self.name}: cannot initialise for an unknown size in {input_shape}")
        params, state, _ = self.init(key, input_shape)
        return params, state

    def output_shape(self, key: Array, input_shape: ArrayDataShape) -> ArrayDataShape:
        """The shape of one output example, inferred by initialising."""
        return self.init(key, input_shape)[2]


def no_params() -> DictParams:
    """The params of a layer that has none."""
    return {}


def no_state() -> DictState:
    """The state of a layer that has none."""
    return {}


def last_dim(shape: ArrayDataShape, layer: str) -> int:
    """The feature size of ``shape``; a clear error when it is missing or unknown."""
    if not shape:
        raise ValueError(f"{layer}: expected at least one feature axis, got shape {shape}")
    size = shape[-1]
    if size is None:
        raise ValueError(f"{layer}: the feature size of {shape} must be known")
    return size
