"""Gradient transformations."""

from typing import Any, NamedTuple, Optional

import chex
import jax
import jax.numpy as jnp

from optaxlike._src import base, numerics, tree_utils


class ScaleState(NamedTuple):
    """The scale transformation is stateless."""


def scale(step_size: float) -> base.GradientTransformation:
    """Scale updates by some fixed scalar `step_size`."""

    def init_fn(params):
        del params
        return ScaleState()

    def update_fn(updates, state, params=None):
        del params
        updates = jax.tree_util.tree_map(lambda g: step_size * g, updates)
        return updates, state

    return base.GradientTransformation(init_fn, update_fn)


class ScaleByAdamState(NamedTuple):
    """State for the Adam algorithm."""

    count: chex.Array
    mu: base.Updates
    nu: base.Updates


def scale_by_adam(
    b1: float = 0.9,
    b2: float = 0.999,
    eps: float = 1e-8,
    eps_root: float = 0.0,
    mu_dtype: Optional[Any] = None,
) -> base.GradientTransformation:
    """Rescale updates according to the Adam algorithm."""

    def init_fn(params):
        mu = tree_utils.tree_zeros_like(params, dtype=mu_dtype)
        nu = tree_utils.tree_zeros_like(params)
        return ScaleByAdamState(count=jnp.zeros([], jnp.int32), mu=mu, nu=nu)

    def update_fn(updates, state, params=None):
        del params
        mu = tree_utils.tree_update_moment(updates, state.mu, b1, 1)
        nu = tree_utils.tree_update_moment_per_elem_norm(updates, state.nu, b2, 2)
        count_inc = numerics.safe_int32_increment(state.count)
        mu_hat = tree_utils.tree_bias_correction(mu, b1, count_inc)
        nu_hat = tree_utils.tree_bias_correction(nu, b2, count_inc)
        updates = jax.tree_util.tree_map(lambda m, v: m / (jnp.sqrt(v + eps_root) + eps), mu_hat, nu_hat)
        mu = tree_utils.tree_cast(mu, mu_dtype)
        return updates, ScaleByAdamState(count=count_inc, mu=mu, nu=nu)

    return base.GradientTransformation(init_fn, update_fn)


class ScaleByRmsState(NamedTuple):
    """State for exponential root mean-squared (RMS)-normalized updates."""

    nu: base.Updates


def scale_by_rms(decay: float = 0.9, eps: float = 1e-8, initial_scale: float = 0.0) -> base.GradientTransformation:
    """Rescale updates by the root of the exp. moving avg of the square."""

    def init_fn(params):
        nu = jax.tree_util.tree_map(lambda n: jnp.full_like(n, initial_scale), params)
        return ScaleByRmsState(nu=nu)

    def update_fn(updates, state, params=None):
        del params
        nu = tree_utils.tree_update_moment_per_elem_norm(updates, state.nu, decay, 2)
        updates = jax.tree_util.tree_map(lambda g, n: g * jax.lax.rsqrt(n + eps), updates, nu)
        return updates, ScaleByRmsState(nu=nu)

    return base.GradientTransformation(init_fn, update_fn)


class TraceState(NamedTuple):
    """Holds an aggregation of past updates."""

    trace: base.Params


def trace(decay: float, nesterov: bool = False, accumulator_dtype: Optional[Any] = None) -> base.GradientTransformation:
    """Compute a trace of past updates (momentum)."""

    def init_fn(params):
        return TraceState(trace=tree_utils.tree_zeros_like(params, dtype=accumulator_dtype))

    def update_fn(updates, state, params=None):
        del params
        f = lambda g, t: g + decay * t
        new_trace = jax.tree_util.tree_map(f, updates, state.trace)
        updates = jax.tree_util.tree_map(f, updates, new_trace) if nesterov else new_trace
        new_trace = tree_utils.tree_cast(new_trace, accumulator_dtype)
        return updates, TraceState(trace=new_trace)

    return base.GradientTransformation(init_fn, update_fn)


class AddDecayedWeightsState(NamedTuple):
    """Stateless transformation."""


def add_decayed_weights(weight_decay: float = 0.0, mask=None) -> base.GradientTransformation:
    """Add parameter scaled by `weight_decay`."""

    def init_fn(params):
        del params
        return AddDecayedWeightsState()

    def update_fn(updates, state, params=None):
        if params is None:
            raise ValueError(base.NO_PARAMS_MSG)
        updates = jax.tree_util.tree_map(lambda g, p: g + weight_decay * p, updates, params)
        return updates, state

    if mask is not None:
        from optaxlike._src.combine import masked

        return masked(base.GradientTransformation(init_fn, update_fn), mask)
    return base.GradientTransformation(init_fn, update_fn)


class ScaleByScheduleState(NamedTuple):
    """Maintains count for scale scheduling."""

    count: chex.Array


def scale_by_schedule(step_size_fn: base.Schedule) -> base.GradientTransformation:
    """Scale updates using a custom schedule for the `step_size`."""

    def init_fn(params):
        del params
        return ScaleByScheduleState(count=jnp.zeros([], jnp.int32))

    def update_fn(updates, state, params=None):
        del params
        step_size = step_size_fn(state.count)
        updates = jax.tree_util.tree_map(lambda g: jnp.array(step_size, dtype=g.dtype) * g, updates)
        return updates, ScaleByScheduleState(count=numerics.safe_int32_increment(state.count))

    return base.GradientTransformation(init_fn, update_fn)


def scale_by_learning_rate(learning_rate, flip_sign: bool = True) -> base.GradientTransformation:
    m = -1 if flip_sign else 1
    if callable(learning_rate):
        return scale_by_schedule(lambda count: m * learning_rate(count))
    return scale(m * learning_rate)
