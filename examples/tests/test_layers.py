import jax
import jax.numpy as jnp
import pytest

from tinynet import batch_norm, batch_norm_init, dropout, linear, linear_init, make_hyperparams


def test_linear_maps_features(key):
    hyperparams = make_hyperparams()
    params, state, output_shape = linear_init(key, (3,), hyperparams, 2)
    outputs, new_state = linear(hyperparams)(params, jnp.ones((4, 3)), False, state, None)
    assert outputs.shape == (4, 2)
    assert output_shape == (2,)
    assert new_state == ()


def test_linear_without_bias(key):
    hyperparams = make_hyperparams(use_bias=False)
    params, state, _ = linear_init(key, (3,), hyperparams, 2)
    assert set(params) == {"w"}
    outputs, _ = linear(hyperparams)(params, jnp.zeros((4, 3)), False, state, None)
    assert jnp.all(outputs == 0.0)


def test_batch_norm_normalises_while_training(key):
    hyperparams = make_hyperparams()
    params, state, _ = batch_norm_init(key, (2,), hyperparams)
    data = jnp.array([[1.0, 10.0], [3.0, 30.0], [5.0, 50.0]])
    outputs, new_state = batch_norm(hyperparams)(params, data, True, state, None)
    assert jnp.allclose(jnp.mean(outputs, axis=0), 0.0, atol=1e-5)
    assert jnp.allclose(jnp.std(outputs, axis=0), 1.0, atol=1e-3)
    assert int(new_state["count"]) == 1
    assert jnp.allclose(new_state["mean"], 0.1 * jnp.array([3.0, 30.0]))


def test_batch_norm_uses_running_statistics_at_inference(key):
    hyperparams = make_hyperparams()
    params, state, _ = batch_norm_init(key, (2,), hyperparams)
    data = jnp.array([[1.0, 2.0], [3.0, 4.0]])
    outputs, new_state = batch_norm(hyperparams)(params, data, False, state, None)
    assert jnp.allclose(outputs, data, atol=1e-4)
    assert new_state is state


def test_dropout_is_identity_at_inference(key):
    data = jnp.ones((4, 5))
    outputs, _ = dropout(make_hyperparams(dropout_rate=0.5))((), data, False, (), key)
    assert jnp.all(outputs == data)


def test_dropout_keeps_the_expected_value(key):
    data = jnp.ones((200, 50))
    outputs, _ = dropout(make_hyperparams(dropout_rate=0.5))((), data, True, (), key)
    assert set(jnp.unique(outputs).tolist()) == {0.0, 2.0}
    assert jnp.mean(outputs) == pytest.approx(1.0, abs=0.05)


def test_layers_run_under_jit(key):
    hyperparams = make_hyperparams()
    params, state, _ = batch_norm_init(key, (2,), hyperparams)
    forward = jax.jit(batch_norm(hyperparams), static_argnums=2)
    outputs, new_state = forward(params, jnp.ones((3, 2)), True, state, None)
    assert outputs.shape == (3, 2)
    assert jax.tree_util.tree_structure(new_state) == jax.tree_util.tree_structure(state)
