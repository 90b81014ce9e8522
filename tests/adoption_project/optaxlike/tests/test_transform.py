import jax.numpy as jnp
import pytest

import chex
import optaxlike
from optaxlike._src import transform

UPDATES = (jnp.array([1.0, 2.0]), [jnp.array(3.0)])


def test_scale():
    tx = optaxlike.scale(-2.0)
    out, _ = tx.update(UPDATES, tx.init(UPDATES))
    chex.assert_trees_all_close(out, (jnp.array([-2.0, -4.0]), [jnp.array(-6.0)]))


def test_trace_accumulates():
    tx = optaxlike.trace(decay=0.5)
    state = tx.init(UPDATES)
    _, state = tx.update(UPDATES, state)
    out, _ = tx.update(UPDATES, state)
    chex.assert_trees_all_close(out, (jnp.array([1.5, 3.0]), [jnp.array(4.5)]))


def test_add_decayed_weights_needs_params():
    tx = optaxlike.add_decayed_weights(0.1)
    state = tx.init(UPDATES)
    with pytest.raises(ValueError, match="requires the current value"):
        tx.update(UPDATES, state)
    out, _ = tx.update(UPDATES, state, UPDATES)
    chex.assert_trees_all_close(out, (jnp.array([1.1, 2.2]), [jnp.array(3.3)]))


def test_adam_and_rms_first_step():
    for tx in (optaxlike.scale_by_adam(), optaxlike.scale_by_rms()):
        out, state = tx.update(UPDATES, tx.init(UPDATES))
        chex.assert_tree_all_finite(out)


def test_schedule_counts():
    tx = optaxlike.scale_by_schedule(lambda count: 1.0 / (count + 1))
    state = tx.init(UPDATES)
    _, state = tx.update(UPDATES, state)
    out, state = tx.update(UPDATES, state)
    assert int(state.count) == 2
    chex.assert_trees_all_close(out, (jnp.array([0.5, 1.0]), [jnp.array(1.5)]))


def test_learning_rate_sign():
    out, _ = transform.scale_by_learning_rate(0.5).update(UPDATES, ())
    chex.assert_trees_all_close(out, (jnp.array([-0.5, -1.0]), [jnp.array(-1.5)]))
