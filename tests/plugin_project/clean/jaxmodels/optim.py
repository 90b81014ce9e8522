"""Optimisers over arbitrary parameter trees: SGD with momentum and Adam."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import HyperParams, Params, ParamsT, check
from jaxmodels.pytrees import AdamState, MomentumState


class AdamConfig(NamedTuple):
    """Adam's hyperparameters (static: closed over by the jitted step)."""

    learning_rate: float = 1e-3
    b1: float = 0.9
    b2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.0
    max_grad_norm: float | None = None

    @classmethod
    def from_hparams(cls, hparams: HyperParams) -> AdamConfig:
        """The fields of ``hparams`` named like ours; other keys are ignored."""
        known = {k: v for k, v in hparams.items() if k in cls._fields}
        for key, value in known.items():
            if value is not None and not isinstance(value, (int, float)):
                raise TypeError(f"AdamConfig: {key} must be a number, got {value!r}")
        return cls(**known)


def zeros_like(params: ParamsT) -> ParamsT:
    """A tree of zeros with ``params``' structure, shapes and dtypes."""
    def zero(a: Array) -> Array:
        return jnp.zeros_like(a)

    zeros: ParamsT = jax.tree_util.tree_map(zero, params)
    return zeros


@check
def global_norm(tree: Params) -> Array:
    """The L2 norm of all leaves of ``tree`` taken together."""
    leaves: list[Array] = jax.tree_util.tree_leaves(tree)
    return jnp.sqrt(sum((jnp.sum(leaf**2) for leaf in leaves), start=jnp.zeros(())))


@check
def clip_by_global_norm(grads: ParamsT, max_norm: float) -> ParamsT:
    """Scale ``grads`` down so that their global norm is at most ``max_norm``."""
    norm = global_norm(grads)
    factor = jnp.minimum(1.0, max_norm / (norm + 1e-12))

    def scale(g: Array) -> Array:
        return g * factor

    clipped: ParamsT = jax.tree_util.tree_map(scale, grads)
    return clipped


def adam_init(params: Params) -> AdamState:
    """Zero moments and a zero step count."""
    return AdamState(zeros_like(params), zeros_like(params), jnp.zeros((), jnp.int32))


@check
def adam_update(
    params: ParamsT, grads: ParamsT, opt_state: AdamState, config: AdamConfig
) -> tuple[ParamsT, AdamState]:
    """One Adam step; ``params`` and ``grads`` share one structure."""
    if config.max_grad_norm is not None:
        grads = clip_by_global_norm(grads, config.max_grad_norm)
    steps = opt_state.steps + 1
    t = steps.astype(jnp.float32)

    def first(m: Array, g: Array) -> Array:
        return config.b1 * m + (1.0 - config.b1) * g

    def second(v: Array, g: Array) -> Array:
        return config.b2 * v + (1.0 - config.b2) * g**2

    mu: Params = jax.tree_util.tree_map(first, opt_state.mu, grads)
    nu: Params = jax.tree_util.tree_map(second, opt_state.nu, grads)
    mu_scale = 1.0 / (1.0 - config.b1**t)
    nu_scale = 1.0 / (1.0 - config.b2**t)

    def apply(p: Array, m: Array, v: Array) -> Array:
        step = config.learning_rate * (m * mu_scale) / (jnp.sqrt(v * nu_scale) + config.eps)
        return p - step - config.learning_rate * config.weight_decay * p

    new_params: ParamsT = jax.tree_util.tree_map(apply, params, mu, nu)
    return new_params, AdamState(mu, nu, steps)


def momentum_init(params: Params) -> MomentumState:
    """Zero velocity."""
    return MomentumState(zeros_like(params))


@check
def sgd_update(
    params: ParamsT, grads: ParamsT, opt_state: MomentumState, learning_rate: float, momentum: float = 0.9
) -> tuple[ParamsT, MomentumState]:
    """One step of SGD with heavy-ball momentum."""

    def velocity(v: Array, g: Array) -> Array:
        return momentum * v + g

    new_velocity: Params = jax.tree_util.tree_map(velocity, opt_state.velocity, grads)

    def apply(p: Array, v: Array) -> Array:
        return p - learning_rate * v

    new_params: ParamsT = jax.tree_util.tree_map(apply, params, new_velocity)
    return new_params, MomentumState(new_velocity)
