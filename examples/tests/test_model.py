import jax
import jax.numpy as jnp
import pytest

from tinynet import make_hyperparams, mlp, mlp_init
from tinynet.config import validate
from tinynet.model import count_params


def test_mlp_shapes(key, small_hyperparams):
    params, state, output_shape = mlp_init(key, (6,), small_hyperparams)
    outputs, new_state = mlp(small_hyperparams)(params, jnp.ones((5, 6)), True, state, key)
    assert output_shape == (1,)
    assert outputs.shape == (5, 1)
    assert jax.tree_util.tree_structure(new_state) == jax.tree_util.tree_structure(state)


def test_mlp_counts_parameters(key):
    hyperparams = make_hyperparams(hidden_sizes=[4], batch_norm=False, dropout_rate=0.0)
    params, _, _ = mlp_init(key, (3,), hyperparams)
    assert count_params(params) == 3 * 4 + 4 + 4 * 1 + 1


def test_mlp_inference_is_deterministic(key, small_hyperparams):
    params, state, _ = mlp_init(key, (6,), small_hyperparams)
    forward = mlp(small_hyperparams)
    data = jax.random.normal(key, (5, 6))
    first, _ = forward(params, data, False, state, None)
    second, _ = forward(params, data, False, state, None)
    assert jnp.all(first == second)


def test_unknown_hyperparameter_is_rejected():
    with pytest.raises(ValueError, match="unknown hyperparameters: hiden_sizes"):
        make_hyperparams(hiden_sizes=[3])


def test_bad_activation_is_rejected():
    hyperparams = make_hyperparams()
    hyperparams["activation"] = "swish"
    with pytest.raises(ValueError, match="activation must be one of"):
        validate(hyperparams)
