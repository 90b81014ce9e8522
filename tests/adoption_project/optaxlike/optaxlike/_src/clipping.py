"""Gradient clipping transformations."""

from typing import NamedTuple

import chex
import jax
import jax.numpy as jnp

from optaxlike._src import base, numerics, tree_utils

ClipState = base.EmptyState


def clip(max_delta: chex.Numeric) -> base.GradientTransformation:
    """Clips updates element-wise, to be in ``[-max_delta, +max_delta]``."""

    def init_fn(params):
        del params
        return ClipState()

    def update_fn(updates, state, params=None):
        del params
        updates = jax.tree_util.tree_map(lambda t: jnp.clip(t, -max_delta, max_delta), updates)
        return updates, state

    return base.GradientTransformation(init_fn, update_fn)


ClipByGlobalNormState = base.EmptyState


def clip_by_global_norm(max_norm: float) -> base.GradientTransformation:
    """Clips updates using their global norm."""

    def init_fn(params):
        del params
        return ClipByGlobalNormState()

    def update_fn(updates, state, params=None):
        del params
        g_norm = tree_utils.tree_l2_norm(updates)
        trigger = jnp.squeeze(g_norm < max_norm)

        def clip_fn(t):
            return jax.lax.select(trigger, t, (t / g_norm.astype(t.dtype)) * max_norm)

        updates = jax.tree_util.tree_map(clip_fn, updates)
        return updates, state

    return base.GradientTransformation(init_fn, update_fn)


def unitwise_norm(x: chex.Array) -> chex.Array:
    """Computes norms of each output unit separately."""
    if jnp.squeeze(x).ndim <= 1:
        squared_norm = jnp.sum(numerics.abs_sq(x), keepdims=True)
    else:
        squared_norm = jnp.sum(numerics.abs_sq(x), axis=tuple(range(x.ndim - 1)), keepdims=True)
    return jnp.broadcast_to(jnp.sqrt(squared_norm), x.shape)


class AdaptiveGradClipState(NamedTuple):
    """The adaptive gradient clipping is stateless."""


def adaptive_grad_clip(clipping: float, eps: float = 1e-3) -> base.GradientTransformation:
    """Clips updates to be at most ``clipping * parameter_norm``, unit-wise."""

    def init_fn(params):
        del params
        return AdaptiveGradClipState()

    def update_fn(updates, state, params=None):
        if params is None:
            raise ValueError(base.NO_PARAMS_MSG)
        g_norm = jax.tree_util.tree_map(unitwise_norm, updates)
        p_norm = jax.tree_util.tree_map(unitwise_norm, params)
        max_norm = jax.tree_util.tree_map(lambda x: clipping * jnp.maximum(x, eps), p_norm)

        def select(g, g_n, m_n):
            return jnp.where(g_n > m_n, g * (m_n / jnp.maximum(g_n, 1e-6)), g)

        return jax.tree_util.tree_map(select, updates, g_norm, max_norm), state

    return base.GradientTransformation(init_fn, update_fn)
