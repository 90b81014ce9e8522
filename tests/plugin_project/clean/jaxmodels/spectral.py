"""A complex-valued feature path: spectra of real signals, centred and turned back into reals."""

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    BatchlessComplexDataFixed,
    BatchlessRealDataFixed,
    ComplexDataFixed,
    RealDataFixed,
    check,
)


def _rfft(a: Array) -> Array:
    return jnp.fft.rfft(a, axis=-1)


def _power(z: Array) -> Array:
    return jnp.abs(z) ** 2


@check
def spectrum(x: RealDataFixed) -> ComplexDataFixed:
    """The one-sided Fourier spectrum of every leaf along its last axis."""
    spectra: ComplexDataFixed = jax.tree_util.tree_map(_rfft, x)
    return spectra


@check
def example_spectrum(x: BatchlessRealDataFixed) -> BatchlessComplexDataFixed:
    """``spectrum`` of one example."""
    spectra: BatchlessComplexDataFixed = jax.tree_util.tree_map(_rfft, x)
    return spectra


@check
def mean_spectrum(z: ComplexDataFixed) -> BatchlessComplexDataFixed:
    """The average spectrum over the batch: a reference to centre against."""

    def mean(a: Array) -> Array:
        return jnp.mean(a, axis=0)

    means: BatchlessComplexDataFixed = jax.tree_util.tree_map(mean, z)
    return means


@check
def center(z: ComplexDataFixed, reference: BatchlessComplexDataFixed) -> ComplexDataFixed:
    """Subtract a reference spectrum from every example; both share one structure."""

    def sub(a: Array, r: Array) -> Array:
        return a - r

    centred: ComplexDataFixed = jax.tree_util.tree_map(sub, z, reference)
    return centred


@check
def power(z: ComplexDataFixed) -> RealDataFixed:
    """``|z|**2`` leaf by leaf: back to real data."""
    powers: RealDataFixed = jax.tree_util.tree_map(_power, z)
    return powers


@check
def log_power(z: ComplexDataFixed, floor: float = 1e-6) -> RealDataFixed:
    """``log(|z|**2 + floor)``: a compressed power spectrum."""

    def log(a: Array) -> Array:
        return jnp.log(_power(a) + floor)

    logs: RealDataFixed = jax.tree_util.tree_map(log, z)
    return logs


@check
def phase(z: ComplexDataFixed) -> RealDataFixed:
    """The angle of every coefficient, in radians."""
    angles: RealDataFixed = jax.tree_util.tree_map(jnp.angle, z)
    return angles


class SpectralFeatures:
    """Log-power spectra centred on the spectrum of the data they were fitted on."""

    def __init__(self, floor: float = 1e-6) -> None:
        self.floor = floor
        self.reference: BatchlessComplexDataFixed = None

    def fit(self, x: RealDataFixed) -> "SpectralFeatures":
        """Remember the mean spectrum of ``x``."""
        self.reference = mean_spectrum(spectrum(x))
        return self

    def transform(self, x: RealDataFixed) -> RealDataFixed:
        """The centred log-power spectrum of every example of ``x``."""
        if self.reference is None:
            raise RuntimeError("SpectralFeatures: call fit() before transform()")
        return log_power(center(spectrum(x), self.reference), self.floor)
