"""Real/Complex mix-ups."""

import jax.numpy as jnp
from jax import Array

from batchtyping import ComplexDataFixed, RealDataFixed
from jaxmodels.scalers import StandardScaler, column_means
from jaxmodels.spectral import SpectralFeatures, center, log_power, mean_spectrum, power, spectrum


def power_of_real(x: RealDataFixed) -> RealDataFixed:
    return power(x)  # seeded: real data where complex is expected


def means_of_spectrum(x: RealDataFixed) -> object:
    return column_means(spectrum(x))  # seeded: complex data where real is expected


def spectrum_declared_real(x: RealDataFixed) -> RealDataFixed:
    return spectrum(x)  # seeded: complex return where real is declared


def log_power_of_abs(z: Array) -> RealDataFixed:
    return log_power(jnp.abs(z))  # seeded: jnp.abs makes it real


def fft_into_scaler(scaler: StandardScaler, x: Array) -> RealDataFixed:
    return scaler.transform(jnp.fft.fft(x))  # seeded: jnp.fft.fft makes it complex


def centred_on_real_reference(z: ComplexDataFixed, x: RealDataFixed) -> ComplexDataFixed:
    return center(z, column_means(x))  # seeded: real reference for a complex batch


def spectral_fitted_on_spectrum(features: SpectralFeatures, z: ComplexDataFixed) -> SpectralFeatures:
    return features.fit(z)  # seeded: complex data into a method taking real data


def fine(z: ComplexDataFixed) -> ComplexDataFixed:
    return center(z, mean_spectrum(z))
