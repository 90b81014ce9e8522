"""Combinators: build one forward pass out of others, as closures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import jax
from jax import Array

from batchtyping import ArrayData, ArrayDataShape, DictParams, DictState, ModuleCallable, ParamsT, StateT
from jaxmodels.layers.base import Model

SequentialParams = tuple[DictParams, ...]
"""The params of a sequential of basic layers."""
SequentialState = tuple[DictState, ...]
"""The state of a sequential of basic layers."""


def chain(
    layers: Sequence[ModuleCallable[ParamsT, StateT, ArrayData]],
) -> ModuleCallable[tuple[ParamsT, ...], tuple[StateT, ...], ArrayData]:
    """One forward pass running ``layers`` in order, each with its own params, state and key."""

    def apply(
        params: tuple[ParamsT, ...],
        data: ArrayData,
        training: bool,
        state: tuple[StateT, ...],
        rng: Any,
    ) -> tuple[ArrayData, tuple[StateT, ...]]:
        if len(params) != len(layers) or len(state) != len(layers):
            raise ValueError(
                f"sequential: {len(layers)} layers but {len(params)} params and {len(state)} states"
            )
        keys = jax.random.split(rng, len(layers)) if rng is not None else [None] * len(layers)
        new_states: list[StateT] = []
        for layer, layer_params, layer_state, key in zip(layers, params, state, keys):
            data, layer_state = layer(layer_params, data, training, layer_state, key)
            new_states.append(layer_state)
        return data, tuple(new_states)

    return apply


def sequential(*models: Model[ParamsT, StateT]) -> Model[tuple[ParamsT, ...], tuple[StateT, ...]]:
    """Run ``models`` one after the other; shapes are inferred layer by layer."""
    if not models:
        raise ValueError("sequential: needs at least one layer")

    def initialize(
        key: Array, input_shape: ArrayDataShape
    ) -> tuple[tuple[ParamsT, ...], tuple[StateT, ...], ArrayDataShape]:
        keys = jax.random.split(key, len(models))
        params: list[ParamsT] = []
        states: list[StateT] = []
        shape = input_shape
        for model, model_key in zip(models, keys):
            layer_params, layer_state, shape = model.init(model_key, shape)
            params.append(layer_params)
            states.append(layer_state)
        return tuple(params), tuple(states), shape

    name = " -> ".join(model.name for model in models)
    return Model(name, initialize, chain([model.apply for model in models]))


def skip(block: ModuleCallable[ParamsT, StateT, ArrayData]) -> ModuleCallable[ParamsT, StateT, ArrayData]:
    """A forward pass adding ``block``'s output to its input."""

    def apply(
        params: ParamsT, data: ArrayData, training: bool, state: StateT, rng: Any
    ) -> tuple[ArrayData, StateT]:
        out, new_state = block(params, data, training, state, rng)
        return data + out, new_state

    return apply


def residual(block: Model[ParamsT, StateT]) -> Model[ParamsT, StateT]:
    """``x + block(x)``; ``block`` must keep the shape of its input."""

    def initialize(key: Array, input_shape: ArrayDataShape) -> tuple[ParamsT, StateT, ArrayDataShape]:
        params, state, output_shape = block.init(key, input_shape)
        if output_shape != input_shape:
            raise ValueError(
                f"residual: the block maps {input_shape} to {output_shape}; it must keep the shape"
            )
        return params, state, input_shape

    return Model(f"residual({block.name})", initialize, skip(block.apply))
