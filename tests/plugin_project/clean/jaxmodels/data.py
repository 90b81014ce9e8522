"""Synthetic regression data: tabular features plus a noisy signal, and mini-batching."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import ArrayData, DataFixed, HyperParams, RealDataFixed, check
from jaxmodels.pytrees import Batch


class RawFeatures(NamedTuple):
    """The two feature groups of the synthetic task, batched."""

    tabular: Array
    signal: Array


class Dataset(NamedTuple):
    """Raw features and targets of a whole split."""

    features: RawFeatures
    targets: Array

    def __len__(self) -> int:
        return int(self.targets.shape[0])


def make_regression(key: Array, num_examples: int, hparams: HyperParams) -> Dataset:
    """A smooth function of the tabular features and of the signal's dominant frequency."""
    n_tab = int(hparams["tabular_features"])
    n_sig = int(hparams["signal_length"])
    k_tab, k_freq, k_noise, k_w = jax.random.split(key, 4)
    tabular = jax.random.normal(k_tab, (num_examples, n_tab))
    freq = jax.random.uniform(k_freq, (num_examples, 1), minval=1.0, maxval=n_sig / 4)
    t = jnp.arange(n_sig, dtype=jnp.float32) / n_sig
    signal = jnp.sin(2 * math.pi * freq * t) + 0.1 * jax.random.normal(k_noise, (num_examples, n_sig))
    weights = jax.random.normal(k_w, (n_tab, 1)) / math.sqrt(n_tab)
    targets = jnp.tanh(tabular @ weights) + 0.05 * freq
    return Dataset(RawFeatures(tabular, signal), targets)


def split(dataset: Dataset, fraction: float) -> tuple[Dataset, Dataset]:
    """The first ``fraction`` of the examples and the rest."""
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"split: fraction must be in (0, 1), got {fraction}")
    cut = int(len(dataset) * fraction)

    def head(a: Array) -> Array:
        return a[:cut]

    def tail(a: Array) -> Array:
        return a[cut:]

    first: Dataset = jax.tree_util.tree_map(head, dataset)
    rest: Dataset = jax.tree_util.tree_map(tail, dataset)
    return first, rest


@check
def shuffle_examples(
    inputs: DataFixed, targets: RealDataFixed, key: Array
) -> tuple[DataFixed, RealDataFixed]:
    """Inputs and targets in one random order: two trees, each with its own structure."""
    leaves: list[Array] = jax.tree_util.tree_leaves(targets)
    order = jax.random.permutation(key, leaves[0].shape[0])

    def take(a: Array) -> Array:
        return a[order]

    shuffled_inputs: DataFixed = jax.tree_util.tree_map(take, inputs)
    shuffled_targets: RealDataFixed = jax.tree_util.tree_map(take, targets)
    return shuffled_inputs, shuffled_targets


def batches(
    inputs: ArrayData, targets: ArrayData, batch_size: int, *, key: Array | None = None
) -> Iterator[Batch]:
    """Mini-batches of ``batch_size`` examples (the last one may be smaller), shuffled with ``key``."""
    n = int(inputs.shape[0])
    if int(targets.shape[0]) != n:
        raise ValueError(f"batches: {n} inputs but {targets.shape[0]} targets")
    order = jax.random.permutation(key, n) if key is not None else jnp.arange(n)
    data = Batch(inputs[order], targets[order])
    for start in range(0, n, batch_size):
        yield data.take(start, min(start + batch_size, n))
