"""Standardise real-valued data of any fixed structure (an array, a dict of arrays, ...).

``fit_scaler`` computes per-feature statistics over the batch axis; ``transform`` and
``inverse_transform`` apply them leaf by leaf and keep the structure of their input.
"""

import jax
import jax.numpy as jnp

from tinynet.typing import RealDataFixed


def fit_scaler(data: RealDataFixed, epsilon: float = 1e-8):
    """Mean and standard deviation of every feature of every leaf, over the batch axis."""
    mean = jax.tree_util.tree_map(lambda leaf: jnp.mean(leaf, axis=0), data)
    std = jax.tree_util.tree_map(lambda leaf: jnp.std(leaf, axis=0) + epsilon, data)
    return {"mean": mean, "std": std}


def transform(stats, data: RealDataFixed):
    """``data`` with zero mean and unit variance per feature, under the fitted statistics."""
    return jax.tree_util.tree_map(
        lambda leaf, mean, std: (leaf - mean) / std, data, stats["mean"], stats["std"]
    )


def inverse_transform(stats, data: RealDataFixed):
    """Undo ``transform``: back to the units the statistics were fitted in."""
    return jax.tree_util.tree_map(
        lambda leaf, mean, std: leaf * std + mean, data, stats["mean"], stats["std"]
    )


def fit_transform(data: RealDataFixed):
    """Fit a scaler to ``data`` and return ``(stats, transformed data)``."""
    stats = fit_scaler(data)
    return stats, transform(stats, data)
