"""A lookahead optimization wrapper."""

from typing import NamedTuple, Tuple

import jax
import jax.numpy as jnp

from optaxlike._src import base


class LookaheadState(NamedTuple):
    fast_state: base.OptState
    steps_since_sync: jnp.ndarray


class LookaheadParams(NamedTuple):
    """Holds a pair of slow and fast parameters for the lookahead optimizer."""

    fast: base.Params
    slow: base.Params

    @classmethod
    def init_synced(cls, params: base.Params) -> "LookaheadParams":
        return LookaheadParams(fast=params, slow=params)


def _lookahead_update(updates: base.Updates, sync_next: jnp.ndarray, params: LookaheadParams, slow_step_size: float) -> LookaheadParams:
    def apply(fast, slow, upd):
        new_fast = fast + upd
        slow_update = slow_step_size * (new_fast - slow)
        return jnp.where(sync_next, slow_update - fast, upd), jnp.where(sync_next, slow_update, jnp.zeros_like(slow))

    pairs = jax.tree_util.tree_map(apply, params.fast, params.slow, updates)
    fast_updates = jax.tree_util.tree_map(lambda p: p[0], pairs, is_leaf=lambda x: isinstance(x, tuple))
    slow_updates = jax.tree_util.tree_map(lambda p: p[1], pairs, is_leaf=lambda x: isinstance(x, tuple))
    return LookaheadParams(fast=fast_updates, slow=slow_updates)


def lookahead(fast_optimizer: base.GradientTransformation, sync_period: int, slow_step_size: float) -> base.GradientTransformation:
    """Lookahead optimizer: params must be a ``LookaheadParams``."""
    if sync_period < 1:
        raise ValueError("Synchronization period must be >= 1.")

    def init_fn(params: LookaheadParams) -> LookaheadState:
        return LookaheadState(fast_state=fast_optimizer.init(params.fast), steps_since_sync=jnp.zeros([], jnp.int32))

    def update_fn(updates: base.Updates, state: LookaheadState, params: LookaheadParams) -> Tuple[LookaheadParams, LookaheadState]:
        updates, fast_state = fast_optimizer.update(updates, state.fast_state, params.fast)
        sync_next = state.steps_since_sync == sync_period - 1
        updates = _lookahead_update(updates, sync_next, params, slow_step_size)
        steps_since_sync = (state.steps_since_sync + 1) % sync_period
        return updates, LookaheadState(fast_state=fast_state, steps_since_sync=steps_since_sync)

    return base.GradientTransformation(init_fn, update_fn)
