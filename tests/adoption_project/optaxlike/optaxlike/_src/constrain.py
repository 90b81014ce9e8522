"""Gradient transformations used to enforce specific constraints."""

from typing import Any, NamedTuple

import jax
import jax.numpy as jnp

from optaxlike._src import base

NonNegativeParamsState = base.EmptyState


def keep_params_nonnegative() -> base.GradientTransformation:
    """Modifies the updates to keep parameters non-negative, i.e. >= 0."""

    def init_fn(params):
        del params
        return NonNegativeParamsState()

    def update_fn(updates, state, params):
        if params is None:
            raise ValueError(base.NO_PARAMS_MSG)
        updates = jax.tree_util.tree_map(lambda p, u: jnp.where((p + u) < 0.0, -p, u), params, updates)
        return updates, state

    return base.GradientTransformation(init_fn, update_fn)


class ZeroNansState(NamedTuple):
    """Contains a tree with boolean leaves marking where NaNs were found."""

    found_nan: Any


def zero_nans() -> base.GradientTransformation:
    """A transformation which replaces NaNs with 0."""

    def init_fn(params):
        return ZeroNansState(found_nan=jax.tree_util.tree_map(lambda p: jnp.array(False, dtype=jnp.bool_), params))

    def update_fn(updates, opt_state, params=None):
        del params
        opt_state = ZeroNansState(jax.tree_util.tree_map(lambda p: jnp.any(jnp.isnan(p)), updates))
        updates = jax.tree_util.tree_map(lambda p: jnp.where(jnp.isnan(p), jnp.zeros_like(p), p), updates)
        return updates, opt_state

    return base.GradientTransformation(init=init_fn, update=update_fn)
