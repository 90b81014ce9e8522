"""Synthetic data sets and batching helpers."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from .typing import Any, Data, DataShape, Dict, List, Tuple


def make_regression(
    rng: Any, n: int = 64, features: int = 3, noise: float = 0.0
) -> Tuple[Data, Data]:
    kx, kw, kn = jax.random.split(rng, 3)
    x = jax.random.normal(kx, (n, features))
    w = jax.random.normal(kw, (features, 1))
    y = jnp.sin(x @ w) + noise * jax.random.normal(kn, (n, 1))
    return x, y


def make_classification(rng: Any, n: int = 64, features: int = 2, classes: int = 3) -> Tuple[Data, Data]:
    kc, kx = jax.random.split(rng)
    centers = 3.0 * jax.random.normal(kc, (classes, features))
    labels = jnp.arange(n) % classes
    x = centers[labels] + jax.random.normal(kx, (n, features))
    return x, labels


def make_spectra(rng: Any, n: int = 32, size: int = 4) -> Tuple[Data, Data]:
    """Inputs ``g`` and the lowest eigenvalue of ``H0 + g H1`` as targets."""
    k0, k1, kg = jax.random.split(rng, 3)
    a = jax.random.normal(k0, (size, size))
    b = jax.random.normal(k1, (size, size))
    h0, h1 = (a + a.T) / 2, (b + b.T) / 2
    g = jax.random.uniform(kg, (n, 1), minval=-1.0, maxval=1.0)
    eigs = jnp.linalg.eigvalsh(h0[None] + g[:, :, None] * h1[None])
    return g, eigs[:, :1]


def train_test_split(x: Data, y: Data, fraction: float = 0.8) -> Tuple[Data, Data, Data, Data]:
    cut = int(fraction * x.shape[0])
    return x[:cut], y[:cut], x[cut:], y[cut:]


def example_shape(data: Data) -> DataShape:
    return jax.tree_util.tree_map(lambda leaf: tuple(leaf.shape[1:]), data)


def batch_size_of(data: Data) -> int:
    sizes = {leaf.shape[0] for leaf in jax.tree_util.tree_leaves(data)}
    if len(sizes) != 1:
        raise ValueError(f"leaves disagree on the batch size: {sorted(sizes)}")
    return sizes.pop()


def normalize(x: Data, stats: Dict[str, Any] = None) -> Tuple[Data, Dict[str, Any]]:
    if stats is None:
        stats = {"mean": x.mean(axis=0), "std": x.std(axis=0) + 1e-8}
    return (x - stats["mean"]) / stats["std"], stats


def denormalize(x: Data, stats: Dict[str, Any]) -> Data:
    return x * stats["std"] + stats["mean"]


def one_hot(labels: Data, classes: int) -> Data:
    return jax.nn.one_hot(labels, classes)


def concat_batches(parts: List[Data]) -> Data:
    return jax.tree_util.tree_map(lambda *xs: jnp.concatenate(xs, axis=0), *parts)
