import jax.numpy as jnp
import pytest

import chex
import optaxlike


def test_chain_applies_in_order():
    tx = optaxlike.chain(optaxlike.scale(2.0), optaxlike.clip(1.0))
    out, _ = tx.update([jnp.array([0.2, 0.8])], tx.init([jnp.zeros(2)]))
    chex.assert_trees_all_close(out, [jnp.array([0.4, 1.0])])


def test_chain_state_mismatch():
    tx = optaxlike.chain(optaxlike.scale(2.0))
    with pytest.raises(ValueError, match="same in chain"):
        tx.update([jnp.ones(1)], ((), ()))


def test_masked_leaves_the_rest():
    params = {"w": jnp.ones(2), "b": jnp.ones(1)}
    tx = optaxlike.masked(optaxlike.scale(0.0), {"w": True, "b": False})
    out, _ = tx.update(params, tx.init(params), params)
    chex.assert_trees_all_close(out, {"w": jnp.zeros(2), "b": jnp.ones(1)})


def test_identity_and_zero():
    u = (jnp.ones(2),)
    assert optaxlike.identity().update(u, ())[0] is u
    chex.assert_trees_all_close(optaxlike.set_to_zero().update(u, ())[0], (jnp.zeros(2),))
