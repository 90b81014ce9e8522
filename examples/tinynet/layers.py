"""Layers: an ``*_init`` function for parameters and state, a constructor for the forward pass.

Every forward pass has the signature ``forward(params, data, training, state, rng)`` and
returns ``(data, state)``; layers without state return the state they were given.
"""

import jax
import jax.numpy as jnp


def linear_init(rng, input_shape, hyperparams, output_size):
    """Parameters of a dense layer mapping ``input_shape`` features to ``output_size``."""
    (n_in,) = input_shape
    w_key, _ = jax.random.split(rng)
    scale = jnp.sqrt(2.0 / (n_in + output_size))
    params = {"w": scale * jax.random.normal(w_key, (n_in, output_size))}
    if hyperparams["use_bias"]:
        params["b"] = jnp.zeros((output_size,))
    return params, (), (output_size,)


def linear(hyperparams):
    """A dense layer: ``data @ w + b``."""
    use_bias = hyperparams["use_bias"]

    def forward(params, data, training, state, rng):
        outputs = data @ params["w"]
        if use_bias:
            outputs = outputs + params["b"]
        return outputs, state

    return forward


def batch_norm_init(rng, input_shape, hyperparams):
    """Scale and offset parameters, and running mean and variance in the state."""
    (n,) = input_shape
    params = {"scale": jnp.ones((n,)), "offset": jnp.zeros((n,))}
    state = {
        "mean": jnp.zeros((n,)),
        "var": jnp.ones((n,)),
        "count": jnp.zeros((), dtype=jnp.int32),
    }
    return params, state, input_shape


def batch_norm(hyperparams):
    """Normalise each feature over the batch while training, with running statistics after."""
    momentum = hyperparams["momentum"]
    epsilon = hyperparams["epsilon"]

    def forward(params, data, training, state, rng):
        if training:
            mean = jnp.mean(data, axis=0)
            var = jnp.var(data, axis=0)
            state = {
                "mean": momentum * state["mean"] + (1.0 - momentum) * mean,
                "var": momentum * state["var"] + (1.0 - momentum) * var,
                "count": state["count"] + 1,
            }
        else:
            mean, var = state["mean"], state["var"]
        normalised = (data - mean) * jax.lax.rsqrt(var + epsilon)
        return normalised * params["scale"] + params["offset"], state

    return forward


def activation(hyperparams):
    """The nonlinearity named by ``hyperparams["activation"]``, as a parameter-free layer."""
    functions = {
        "relu": jax.nn.relu,
        "gelu": jax.nn.gelu,
        "tanh": jnp.tanh,
        "identity": lambda x: x,
    }
    function = functions[hyperparams["activation"]]

    def forward(params, data, training, state, rng):
        return function(data), state

    return forward


def dropout(hyperparams):
    """Zero a ``dropout_rate`` fraction of the features while training; identity otherwise."""
    rate = hyperparams["dropout_rate"]

    def forward(params, data, training, state, rng):
        if not training or rate == 0.0:
            return data, state
        keep = jax.random.bernoulli(rng, 1.0 - rate, data.shape)
        return jnp.where(keep, data / (1.0 - rate), 0.0), state

    return forward


def stateless_init(rng, input_shape, hyperparams):
    """Parameters and state of a layer that has neither."""
    return (), (), input_shape
