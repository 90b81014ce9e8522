"""Multiplicative envelopes: params are a list of dicts, one per spin channel."""

from typing import Sequence

import jax.numpy as jnp


def init_isotropic(natom: int, output_dims: Sequence[int]):
    return [{"pi": jnp.ones((natom, dim)), "sigma": jnp.ones((natom, dim))} for dim in output_dims]


def apply_isotropic(r_ae, params, orbitals):
    """``orbitals * sum_atoms pi exp(-sigma r)``."""
    envelope = jnp.sum(params["pi"] * jnp.exp(-r_ae * params["sigma"]), axis=1)
    return orbitals * envelope


def envelope_decay(params) -> jnp.ndarray:
    """The slowest decay rate of each channel."""
    return jnp.stack([jnp.min(p["sigma"]) for p in params])
