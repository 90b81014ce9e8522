import jax.numpy as jnp

import chex
import optaxlike


def test_apply_updates_keeps_dtype():
    params = {"a": jnp.ones(2, jnp.float16)}
    out = optaxlike.apply_updates(params, {"a": jnp.full(2, 0.5, jnp.float32)})
    assert out["a"].dtype == jnp.float16


def test_incremental_and_periodic():
    new, old = (jnp.ones(2),), (jnp.zeros(2),)
    chex.assert_trees_all_close(optaxlike.incremental_update(new, old, 0.25), (jnp.full(2, 0.25),))
    chex.assert_trees_all_close(optaxlike.periodic_update(new, old, jnp.array(4), 2), new)
    chex.assert_trees_all_close(optaxlike.periodic_update(new, old, jnp.array(3), 2), old)
