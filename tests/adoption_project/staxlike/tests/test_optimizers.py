"""Optimizers minimise simple functions over nested params."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from staxlike import optimizers


def _run(opt, x0, loss, steps=5):
    opt_init, opt_update, get_params = opt
    opt_state = opt_init(x0)
    for i in range(steps):
        opt_state = opt_update(i, jax.grad(loss)(get_params(opt_state)), opt_state)
    return get_params(opt_state)


def quadratic(params):
    return sum(jnp.sum(leaf**2) for leaf in jax.tree_util.tree_leaves(params))


@pytest.mark.parametrize(
    "make",
    [
        lambda: optimizers.sgd(0.1),
        lambda: optimizers.momentum(0.1, 0.9),
        lambda: optimizers.adam(0.1),
        lambda: optimizers.sgd(optimizers.exponential_decay(0.1, 10, 0.5)),
        lambda: optimizers.sgd(optimizers.piecewise_constant([2], [0.1, 0.05])),
    ],
    ids=["sgd", "momentum", "adam", "sgd-decay", "sgd-piecewise"],
)
def test_minimises_over_a_list_of_pairs(make):
    x0 = [(jnp.ones((2, 2)), jnp.ones(2)), (), (jnp.ones((2, 1)), jnp.ones(1))]
    x = _run(make(), x0, quadratic)
    assert quadratic(x) < quadratic(x0)
    assert jax.tree_util.tree_structure(x) == jax.tree_util.tree_structure(x0)


def test_state_holds_a_list():
    opt_init, _, _ = optimizers.momentum(0.1, 0.9)
    state = opt_init((jnp.ones(2), jnp.zeros(3)))
    assert isinstance(state.packed_state, list)
    assert len(state.packed_state) == 2


def test_mismatched_gradient_tree():
    opt_init, opt_update, _ = optimizers.sgd(0.1)
    state = opt_init((jnp.ones(2), jnp.ones(2)))
    with pytest.raises(TypeError, match="did not match"):
        opt_update(0, [jnp.ones(2), jnp.ones(2)], state)


def test_pack_unpack_round_trip():
    opt_init, _, get_params = optimizers.adam(0.1)
    state = opt_init({"a": jnp.ones(2), "b": [jnp.zeros(1)]})
    again = optimizers.pack_optimizer_state(optimizers.unpack_optimizer_state(state))
    np.testing.assert_allclose(get_params(again)["a"], 1.0)


def test_clip_and_norm():
    g = [jnp.array([3.0, 4.0])]
    assert float(optimizers.l2_norm(g)) == pytest.approx(5.0)
    clipped = optimizers.clip_grads(g, 1.0)
    assert float(optimizers.l2_norm(clipped)) == pytest.approx(1.0, rel=1e-5)


def test_hyperparameters_are_python_floats():
    hyper = optimizers.Hyperparameters(0.1, 0.5)
    assert hyper.get_params() == (0.1, 0.5, 0.0)
    hyper.set_params((0.2, 0.3, 0.0))
    assert hyper.step_size == 0.2
    with pytest.raises(TypeError):
        optimizers.make_schedule([0.1, 0.2])
