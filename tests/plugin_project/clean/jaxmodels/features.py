"""The feature pipeline: scale the tabular group, take spectral features of the signal."""

from __future__ import annotations

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import ArrayData, ArrayDataShape, BatchlessRealDataFixed, RealDataFixed
from jaxmodels.data import RawFeatures
from jaxmodels.scalers import StandardScaler
from jaxmodels.shapes import concat_shape, example_shape, rfft_shape
from jaxmodels.spectral import SpectralFeatures


def concat_leaves(tree: RealDataFixed) -> ArrayData:
    """Every leaf of a batch concatenated along the last axis."""
    leaves: list[Array] = jax.tree_util.tree_leaves(tree)
    return jnp.concatenate(leaves, axis=-1)


def add_batch_axis(example: BatchlessRealDataFixed) -> RealDataFixed:
    """A batch of one example."""

    def expand(a: Array) -> Array:
        return a[None]

    batch: RealDataFixed = jax.tree_util.tree_map(expand, example)
    return batch


class FeaturePipeline:
    """Standardised tabular features next to the scaled log-power spectrum of the signal."""

    def __init__(self) -> None:
        self.tabular = StandardScaler()
        self.spectral = SpectralFeatures()
        self.spectral_scaler = StandardScaler()

    def fit(self, raw: RawFeatures) -> FeaturePipeline:
        """Fit every stage on ``raw``."""
        self.tabular.fit(raw.tabular)
        self.spectral_scaler.fit(self.spectral.fit(raw.signal).transform(raw.signal))
        return self

    def transform(self, raw: RawFeatures) -> ArrayData:
        """The model inputs for ``raw``: one array of shape ``(batch, output_features)``."""
        tabular = self.tabular.transform(raw.tabular)
        spectral = self.spectral_scaler.transform(self.spectral.transform(raw.signal))
        return jnp.concatenate([concat_leaves(tabular), concat_leaves(spectral)], axis=-1)

    def transform_example(
        self, tabular: BatchlessRealDataFixed, signal: BatchlessRealDataFixed
    ) -> ArrayData:
        """The model inputs for one example, as a batch of one."""
        raw = RawFeatures(
            concat_leaves(add_batch_axis(tabular)), concat_leaves(add_batch_axis(signal))
        )
        return self.transform(raw)

    def output_shape(self, raw: RawFeatures) -> ArrayDataShape:
        """The shape of one transformed example, from the raw shapes alone."""
        return concat_shape([example_shape(raw.tabular), rfft_shape(example_shape(raw.signal))])
