"""Batched/batchless mix-ups; every seeded line is reported (expected.txt)."""

from __future__ import annotations

import functools

import jax
from jax import Array

from batchtyping import BatchlessRealDataFixed, RealDataFixed, State
from jaxmodels.losses import per_example_squared_error, squared_error
from jaxmodels.scalers import StandardScaler, column_means, standardize_batch, standardize_example


def loss_of_whole_batch(prediction: RealDataFixed, target: RealDataFixed) -> Array:
    return squared_error(prediction, target)  # seeded: per-example function called on the batch


def vmapped_loss_of_one_example(prediction: BatchlessRealDataFixed, target: BatchlessRealDataFixed) -> Array:
    return per_example_squared_error(prediction, target)  # seeded: vmapped function, batchless data


def inline_vmap_of_one_example(prediction: BatchlessRealDataFixed, target: BatchlessRealDataFixed) -> Array:
    return jax.vmap(squared_error)(prediction, target)  # seeded: vmapped function, batchless data


def means_returned_as_batch(x: RealDataFixed) -> RealDataFixed:
    return column_means(x)  # seeded: batchless value returned where a batch is declared


def scale_one_example(scaler: StandardScaler, example: BatchlessRealDataFixed) -> RealDataFixed:
    return scaler.transform(example)  # seeded: method expecting a batch, given one example


def scale_batch_as_example(scaler: StandardScaler, batch: RealDataFixed) -> BatchlessRealDataFixed:
    stats = scaler.stats
    return standardize_example(batch, stats.shift, stats.scale)  # seeded: batch where one example is expected


def shared_stats_mapped_over(scaler: StandardScaler, batch: RealDataFixed) -> RealDataFixed:
    stats = scaler.stats
    return standardize_batch(batch, batch, stats.scale)  # seeded: in_axes=None argument given a batch


def partial_example_scaler(scaler: StandardScaler, batch: RealDataFixed) -> BatchlessRealDataFixed:
    scale = functools.partial(standardize_example, shift=scaler.stats.shift, scale=scaler.stats.scale)
    return scale(batch)  # seeded: through functools.partial


def one_example_closure(example: BatchlessRealDataFixed) -> Array:
    def loss(target: RealDataFixed) -> Array:
        return per_example_squared_error(example, target).sum()  # seeded: closure variable, batchless

    return loss(example)  # seeded: batchless argument to a closure expecting a batch


def suppressed(prediction: RealDataFixed, target: RealDataFixed) -> Array:
    return squared_error(prediction, target)  # type: ignore[batch-dim]


def forward_returning_means(
    params: object, data: RealDataFixed, training: bool, state: State, rng: Array
) -> tuple[RealDataFixed, State]:
    return column_means(data), state  # seeded: batchless data in the (data, state) pair a forward pass returns


def means_kept_as_batch(x: RealDataFixed) -> None:
    batch: RealDataFixed = column_means(x)  # seeded: batchless value assigned to a batched variable
    del batch
