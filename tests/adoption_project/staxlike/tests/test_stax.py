"""Shapes agree between init_fun and apply_fun, as in jax's stax tests."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from staxlike import stax


def random_inputs(rng, input_shape):
    if type(input_shape) is tuple:
        return rng.randn(*input_shape).astype(np.float32)
    elif type(input_shape) is list:
        return [random_inputs(rng, shape) for shape in input_shape]
    raise TypeError(type(input_shape))


def _check_shape_agreement(init_fun, apply_fun, input_shape):
    rng_key = jax.random.key(0)
    result_shape, params = init_fun(rng_key, input_shape)
    inputs = random_inputs(np.random.RandomState(0), input_shape)
    result = apply_fun(params, inputs, rng=rng_key)
    assert result.shape == result_shape


@pytest.mark.parametrize("out_dim, input_shape", [(2, (3, 4)), (3, (2, 3)), (1, (5, 1, 2))])
def test_dense_shape(out_dim, input_shape):
    init_fun, apply_fun = stax.Dense(out_dim)
    _check_shape_agreement(init_fun, apply_fun, input_shape)


@pytest.mark.parametrize("input_shape", [(2, 3), (4, 2, 3)])
@pytest.mark.parametrize("layer", ["Tanh", "Relu", "LogSoftmax", "Softplus", "Sigmoid", "Elu", "Gelu"])
def test_elementwise_shape(input_shape, layer):
    init_fun, apply_fun = getattr(stax, layer)
    _check_shape_agreement(init_fun, apply_fun, input_shape)


@pytest.mark.parametrize("input_shape", [(2, 3, 4), (2, 5)])
def test_flatten_shape(input_shape):
    init_fun, apply_fun = stax.Flatten
    _check_shape_agreement(init_fun, apply_fun, input_shape)


def test_dropout_shape():
    init_fun, apply_fun = stax.Dropout(0.9)
    _check_shape_agreement(init_fun, apply_fun, (3, 4))


def test_dropout_needs_a_key():
    _, apply_fun = stax.Dropout(0.9)
    with pytest.raises(ValueError, match="PRNG key"):
        apply_fun((), jnp.ones((2, 2)))


def test_fan_in_sum_shape():
    init_fun, apply_fun = stax.FanInSum
    _check_shape_agreement(init_fun, apply_fun, [(2, 3), (2, 3)])


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_fan_in_concat_shape(axis):
    init_fun, apply_fun = stax.FanInConcat(axis)
    _check_shape_agreement(init_fun, apply_fun, [(2, 3), (2, 3), (2, 3)])


def test_batchnorm_shape_nhwc():
    init_fun, apply_fun = stax.BatchNorm(axis=(0, 1))
    input_shape = (4, 5, 6)
    out_shape, params = init_fun(jax.random.key(0), input_shape)
    beta, gamma = params
    assert out_shape == input_shape
    assert beta.shape == gamma.shape == (6,)
    out = apply_fun(params, jnp.ones(input_shape))
    assert out.shape == input_shape


def test_serial_params_are_a_list_of_pairs():
    init_fun, apply_fun = stax.serial(stax.Dense(3), stax.Relu, stax.Dense(2))
    out_shape, params = init_fun(jax.random.key(0), (4, 5))
    assert out_shape == (4, 2)
    assert isinstance(params, list) and len(params) == 3
    (w1, b1), relu, (w2, b2) = params
    assert relu == ()
    assert w1.shape == (5, 3) and w2.shape == (3, 2)
    assert apply_fun(params, jnp.ones((4, 5))).shape == (4, 2)


def test_fan_out_parallel_fan_in():
    init_fun, apply_fun = stax.serial(
        stax.FanOut(2), stax.parallel(stax.Dense(3), stax.Identity), stax.FanInConcat()
    )
    _check_shape_agreement(init_fun, apply_fun, (2, 4))


def test_shape_dependent():
    def make_layer(input_shape):
        return stax.Dense(input_shape[-1] * 2)

    init_fun, apply_fun = stax.shape_dependent(make_layer)
    _check_shape_agreement(init_fun, apply_fun, (2, 3))


def test_num_params_and_output_shapes():
    layer = stax.Dense(4)
    assert stax.output_shapes([(1, 2), (3, 5)], layer) == [(1, 4), (3, 4)]
    _, params = stax.serial(stax.Dense(2), stax.Dense(1))[0](jax.random.key(0), (1, 3))
    assert stax.num_params(params) == 3 * 2 + 2 + 2 + 1
