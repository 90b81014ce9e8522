"""Scalers over fixed-structure real data: fit on a batch, transform batches or single examples.

The functional forms are checked at run time: the batch, the shift and the scale of one call
must share one structure (``RealDataFixed`` binds it), and each batchless leaf must have the
trailing shape of the matching batch leaf.
"""

from __future__ import annotations

from typing import Literal

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import BatchlessRealDataFixed, RealDataFixed, RealDataFixedT, check
from jaxmodels.pytrees import ScalerStats


class NotFittedError(RuntimeError):
    """A scaler was used before ``fit``."""


def _column_mean(a: Array) -> Array:
    return jnp.mean(a, axis=0)


def _column_min(a: Array) -> Array:
    return jnp.min(a, axis=0)


def _safe(scale: Array, eps: float) -> Array:
    return jnp.where(scale < eps, 1.0, scale)


@check
def column_means(x: RealDataFixed) -> BatchlessRealDataFixed:
    """The mean of every leaf over the batch axis."""
    means: BatchlessRealDataFixed = jax.tree_util.tree_map(_column_mean, x)
    return means


@check
def column_stds(x: RealDataFixed, eps: float = 1e-6) -> BatchlessRealDataFixed:
    """The standard deviation of every leaf over the batch axis; tiny ones become 1."""

    def std(a: Array) -> Array:
        return _safe(jnp.std(a, axis=0), eps)

    stds: BatchlessRealDataFixed = jax.tree_util.tree_map(std, x)
    return stds


In = Literal["In"]
"""The structure name of model inputs (several structures in one signature)."""
Out = Literal["Out"]
"""The structure name of model targets."""


@check
def input_and_target_stds(
    x: RealDataFixed[In], y: RealDataFixed[Out], eps: float = 1e-6
) -> tuple[BatchlessRealDataFixed[In], BatchlessRealDataFixed[Out]]:
    """The per-feature standard deviations of inputs and of targets: one batch, two structures."""
    return column_stds(x, eps), column_stds(y, eps)


@check
def column_ranges(x: RealDataFixed, eps: float = 1e-6) -> tuple[BatchlessRealDataFixed, BatchlessRealDataFixed]:
    """The minimum and the (max - min) range of every leaf over the batch axis."""

    def spread(a: Array) -> Array:
        return _safe(jnp.max(a, axis=0) - jnp.min(a, axis=0), eps)

    lows: BatchlessRealDataFixed = jax.tree_util.tree_map(_column_min, x)
    spreads: BatchlessRealDataFixed = jax.tree_util.tree_map(spread, x)
    return lows, spreads


@check
def standardize(
    x: RealDataFixedT, shift: BatchlessRealDataFixed, scale: BatchlessRealDataFixed
) -> RealDataFixedT:
    """``(x - shift) / scale`` leaf by leaf; the three trees share one structure."""

    def affine(a: Array, s: Array, c: Array) -> Array:
        return (a - s) / c

    out: RealDataFixedT = jax.tree_util.tree_map(affine, x, shift, scale)
    return out


@check
def unstandardize(
    y: RealDataFixedT, shift: BatchlessRealDataFixed, scale: BatchlessRealDataFixed
) -> RealDataFixedT:
    """The inverse of ``standardize``: ``y * scale + shift``."""

    def affine(a: Array, s: Array, c: Array) -> Array:
        return a * c + s

    out: RealDataFixedT = jax.tree_util.tree_map(affine, y, shift, scale)
    return out


@check
def standardize_example(
    x: BatchlessRealDataFixed, shift: BatchlessRealDataFixed, scale: BatchlessRealDataFixed
) -> BatchlessRealDataFixed:
    """``standardize`` for one example (no batch axis)."""

    def affine(a: Array, s: Array, c: Array) -> Array:
        return (a - s) / c

    out: BatchlessRealDataFixed = jax.tree_util.tree_map(affine, x, shift, scale)
    return out


standardize_batch = jax.vmap(standardize_example, in_axes=(0, None, None))
"""``standardize_example`` mapped over a batch; the statistics are shared."""


class _Scaler:
    """Shared machinery: the fitted statistics and the transforms that use them."""

    name = "scaler"

    def __init__(self, eps: float = 1e-6) -> None:
        self.eps = eps
        self._stats: ScalerStats | None = None

    def _fit_stats(self, x: RealDataFixed) -> ScalerStats:
        raise NotImplementedError

    def fit(self, x: RealDataFixed) -> _Scaler:
        """Learn the statistics of ``x``; returns the scaler itself."""
        self._stats = self._fit_stats(x)
        return self

    @property
    def stats(self) -> ScalerStats:
        """The fitted statistics; ``NotFittedError`` before ``fit``."""
        if self._stats is None:
            raise NotFittedError(f"{self.name}: call fit() before transforming")
        return self._stats

    @property
    def is_fitted(self) -> bool:
        """Whether ``fit`` has been called."""
        return self._stats is not None

    def transform(self, x: RealDataFixed) -> RealDataFixed:
        """Scale a batch with the fitted statistics."""
        return standardize(x, self.stats.shift, self.stats.scale)

    def inverse_transform(self, y: RealDataFixed) -> RealDataFixed:
        """Undo ``transform``."""
        return unstandardize(y, self.stats.shift, self.stats.scale)

    def transform_example(self, x: BatchlessRealDataFixed) -> BatchlessRealDataFixed:
        """Scale one example with the fitted statistics."""
        return standardize_example(x, self.stats.shift, self.stats.scale)

    def fit_transform(self, x: RealDataFixed) -> RealDataFixed:
        """``fit(x)`` then ``transform(x)``."""
        return self.fit(x).transform(x)


class StandardScaler(_Scaler):
    """Zero mean and unit variance per feature."""

    name = "StandardScaler"

    def _fit_stats(self, x: RealDataFixed) -> ScalerStats:
        return ScalerStats(column_means(x), column_stds(x, self.eps))


class MinMaxScaler(_Scaler):
    """Every feature into ``[0, 1]`` over the fitted batch."""

    name = "MinMaxScaler"

    def _fit_stats(self, x: RealDataFixed) -> ScalerStats:
        lows, spreads = column_ranges(x, self.eps)
        return ScalerStats(lows, spreads)
