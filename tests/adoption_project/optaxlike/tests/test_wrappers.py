import jax.numpy as jnp

import chex
import optaxlike


def test_apply_if_finite_rejects_nans():
    tx = optaxlike.apply_if_finite(optaxlike.scale(1.0), 2)
    params = [jnp.ones(2)]
    state = tx.init(params)
    out, state = tx.update([jnp.array([jnp.nan, 1.0])], state)
    chex.assert_trees_all_close(out, [jnp.zeros(2)])
    assert int(state.total_notfinite) == 1


def test_multi_steps_accumulates():
    opt = optaxlike.MultiSteps(optaxlike.sgd(1.0), every_k_schedule=2)
    params = {"w": jnp.zeros(2)}
    state = opt.init(params)
    out, state = opt.update({"w": jnp.ones(2)}, state, params)
    chex.assert_trees_all_close(out, {"w": jnp.zeros(2)})
    out, state = opt.update({"w": jnp.full(2, 3.0)}, state, params)
    chex.assert_trees_all_close(out, {"w": jnp.full(2, -2.0)})
    assert int(state.gradient_step) == 1


def test_zero_nans_and_nonnegative():
    tx = optaxlike.zero_nans()
    out, state = tx.update([jnp.array([jnp.nan, 2.0])], tx.init([jnp.ones(2)]))
    chex.assert_trees_all_close(out, [jnp.array([0.0, 2.0])])
    keep = optaxlike.keep_params_nonnegative()
    out, _ = keep.update([jnp.array([-2.0, 1.0])], keep.init(None), [jnp.array([1.0, 1.0])])
    chex.assert_trees_all_close(out, [jnp.array([-1.0, 1.0])])
