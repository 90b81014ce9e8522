"""Losses, written for one example and vmapped over the batch."""

from __future__ import annotations

import functools
from collections.abc import Callable

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import BatchlessRealDataFixed, RealDataFixed, check

PerExampleLoss = Callable[[BatchlessRealDataFixed, BatchlessRealDataFixed], Array]
"""``(prediction, target) -> scalar`` for one example."""


def _leaf_sum(tree: BatchlessRealDataFixed) -> Array:
    leaves: list[Array] = jax.tree_util.tree_leaves(tree)
    return sum((jnp.sum(leaf) for leaf in leaves), start=jnp.zeros(()))


@check
def squared_error(prediction: BatchlessRealDataFixed, target: BatchlessRealDataFixed) -> Array:
    """The summed squared error of one example; prediction and target share one structure."""

    def sq(p: Array, t: Array) -> Array:
        return (p - t) ** 2

    return _leaf_sum(jax.tree_util.tree_map(sq, prediction, target))


@check
def absolute_error(prediction: BatchlessRealDataFixed, target: BatchlessRealDataFixed) -> Array:
    """The summed absolute error of one example."""

    def ab(p: Array, t: Array) -> Array:
        return jnp.abs(p - t)

    return _leaf_sum(jax.tree_util.tree_map(ab, prediction, target))


@check
def huber(
    prediction: BatchlessRealDataFixed, target: BatchlessRealDataFixed, delta: float = 1.0
) -> Array:
    """Quadratic near zero, linear beyond ``delta``: robust to outliers."""

    def hub(p: Array, t: Array) -> Array:
        err = jnp.abs(p - t)
        return jnp.where(err <= delta, 0.5 * err**2, delta * (err - 0.5 * delta))

    return _leaf_sum(jax.tree_util.tree_map(hub, prediction, target))


LOSSES: dict[str, PerExampleLoss] = {
    "squared_error": squared_error,
    "absolute_error": absolute_error,
    "huber": huber,
    "tight_huber": functools.partial(huber, delta=0.1),
}


def per_example(loss: PerExampleLoss) -> Callable[[RealDataFixed, RealDataFixed], Array]:
    """``loss`` over a batch: one value per example."""
    batched: Callable[[RealDataFixed, RealDataFixed], Array] = jax.vmap(loss)
    return batched


per_example_squared_error = jax.vmap(squared_error)
"""``squared_error`` of every example of a batch."""


def mean_loss(loss: PerExampleLoss, prediction: RealDataFixed, target: RealDataFixed) -> Array:
    """The batch mean of a per-example loss."""
    return jnp.mean(per_example(loss)(prediction, target))


def weighted_mean_loss(
    loss: PerExampleLoss, prediction: RealDataFixed, target: RealDataFixed, weights: Array
) -> Array:
    """The weighted batch mean of a per-example loss."""
    values = jax.vmap(loss)(prediction, target)
    return jnp.sum(values * weights) / jnp.maximum(jnp.sum(weights), 1e-12)


def get_loss(name: str) -> PerExampleLoss:
    """The per-example loss called ``name``; a ValueError listing the known ones otherwise."""
    if name not in LOSSES:
        raise ValueError(f"unknown loss {name!r} (known: {', '.join(sorted(LOSSES))})")
    return LOSSES[name]
