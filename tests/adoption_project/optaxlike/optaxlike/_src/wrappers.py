"""Transformation wrappers."""

from typing import Any, NamedTuple, Optional, Tuple

import chex
import jax
import jax.numpy as jnp

from optaxlike._src import base, numerics


class ApplyIfFiniteState(NamedTuple):
    notfinite_count: Any
    last_finite: Any
    total_notfinite: Any
    inner_state: Any


def apply_if_finite(inner: base.GradientTransformation, max_consecutive_errors: int) -> base.GradientTransformation:
    """Only apply `inner` if the updates are all finite."""

    def init(params):
        return ApplyIfFiniteState(
            notfinite_count=jnp.zeros([], jnp.int32),
            last_finite=jnp.array(True, jnp.bool_),
            total_notfinite=jnp.zeros([], jnp.int32),
            inner_state=inner.init(params),
        )

    def update(updates, state, params=None):
        inner_state = state.inner_state
        flat_updates = jax.tree_util.tree_leaves(updates)
        isfinite = jnp.all(jnp.array([jnp.all(jnp.isfinite(p)) for p in flat_updates]))
        notfinite_count = jnp.where(isfinite, jnp.zeros([], jnp.int32), numerics.safe_int32_increment(state.notfinite_count))

        def do_update(_):
            return inner.update(updates, inner_state, params)

        def reject_update(_):
            return (jax.tree_util.tree_map(jnp.zeros_like, updates), inner_state)

        updates, new_inner_state = jax.lax.cond(
            jnp.logical_or(isfinite, notfinite_count > max_consecutive_errors), do_update, reject_update, None
        )
        return updates, ApplyIfFiniteState(
            notfinite_count=notfinite_count,
            last_finite=isfinite,
            total_notfinite=jnp.where(isfinite, state.total_notfinite, numerics.safe_int32_increment(state.total_notfinite)),
            inner_state=new_inner_state,
        )

    return base.GradientTransformation(init=init, update=update)


class MultiStepsState(NamedTuple):
    mini_step: chex.Array
    gradient_step: chex.Array
    inner_opt_state: Any
    acc_grads: Any


class MultiSteps:
    """An optimizer wrapper to accumulate gradients over multiple steps."""

    def __init__(self, opt: base.GradientTransformation, every_k_schedule: int):
        self._opt = opt
        self._every_k_schedule = every_k_schedule

    @property
    def inner_opt(self):
        return self._opt

    def init(self, params: Any) -> MultiStepsState:
        init_state = MultiStepsState(
            mini_step=jnp.zeros([], dtype=jnp.int32),
            gradient_step=jnp.zeros([], dtype=jnp.int32),
            inner_opt_state=self._opt.init(params),
            acc_grads=jax.tree_util.tree_map(jnp.zeros_like, params),
        )
        return init_state

    def update(self, updates: base.Updates, state: MultiStepsState, params: Optional[base.Params] = None) -> Tuple[base.Updates, MultiStepsState]:
        k_steps = self._every_k_schedule
        acc_grads = jax.tree_util.tree_map(
            lambda upd, acc: acc + (upd - acc) / (state.mini_step + 1), updates, state.acc_grads
        )

        def final_step(args):
            del args
            final_updates, new_inner_state = self._opt.update(acc_grads, state.inner_opt_state, params=params)
            new_state = MultiStepsState(
                mini_step=jnp.zeros([], dtype=jnp.int32),
                gradient_step=numerics.safe_int32_increment(state.gradient_step),
                inner_opt_state=new_inner_state,
                acc_grads=jax.tree_util.tree_map(jnp.zeros_like, acc_grads),
            )
            return final_updates, new_state

        def mid_step(args):
            del args
            updates_shape_dtype, _ = jax.eval_shape(self._opt.update, acc_grads, state.inner_opt_state, params=params)
            mid_updates = jax.tree_util.tree_map(lambda sd: jnp.zeros(sd.shape, sd.dtype), updates_shape_dtype)
            new_state = MultiStepsState(
                mini_step=numerics.safe_int32_increment(state.mini_step),
                gradient_step=state.gradient_step,
                inner_opt_state=state.inner_opt_state,
                acc_grads=acc_grads,
            )
            return mid_updates, new_state

        return jax.lax.cond(state.mini_step < k_steps - 1, mid_step, final_step, None)

    def gradient_transformation(self) -> base.GradientTransformation:
        return base.GradientTransformation(init=self.init, update=self.update)
