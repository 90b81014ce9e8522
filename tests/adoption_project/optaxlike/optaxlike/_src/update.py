"""Apply transformed gradient updates to parameters."""

import chex
import jax
import jax.numpy as jnp

from optaxlike._src import base


def apply_updates(params: base.Params, updates: base.Updates) -> base.Params:
    """Applies an update to the corresponding parameters."""
    return jax.tree_util.tree_map(
        lambda p, u: jnp.asarray(p + u).astype(jnp.asarray(p).dtype), params, updates
    )


def incremental_update(new_tensors: base.Params, old_tensors: base.Params, step_size: chex.Numeric) -> base.Params:
    """Incrementally update parameters via polyak averaging."""
    return jax.tree_util.tree_map(
        lambda new, old: step_size * new + (1.0 - step_size) * old, new_tensors, old_tensors
    )


def periodic_update(
    new_tensors: base.Params, old_tensors: base.Params, steps: chex.Array, update_period: int
) -> base.Params:
    """Periodically update all parameters with new values."""
    return jax.lax.cond(
        jnp.mod(steps, update_period) == 0, lambda _: new_tensors, lambda _: old_tensors, None
    )
