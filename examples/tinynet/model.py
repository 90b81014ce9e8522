"""The multilayer perceptron: hidden blocks (linear, batch norm, activation, dropout), then a linear head.

The parameters and the state of the network are tuples with one entry per layer, in order.
"""

import jax

from tinynet import layers


def _layer_specs(hyperparams):
    """``(init, forward, output_size)`` for each layer, as the hyperparameters describe them."""
    specs = []
    for size in hyperparams["hidden_sizes"]:
        specs.append((layers.linear_init, layers.linear(hyperparams), size))
        if hyperparams["batch_norm"]:
            specs.append((layers.batch_norm_init, layers.batch_norm(hyperparams), None))
        specs.append((layers.stateless_init, layers.activation(hyperparams), None))
        if hyperparams["dropout_rate"] > 0.0:
            specs.append((layers.stateless_init, layers.dropout(hyperparams), None))
    specs.append((layers.linear_init, layers.linear(hyperparams), hyperparams["output_size"]))
    return specs


def mlp_init(rng, input_shape, hyperparams):
    """Parameters, state and output shape of ``mlp(hyperparams)`` for inputs of ``input_shape``."""
    all_params, all_state = [], []
    shape = input_shape
    for init, _, size in _layer_specs(hyperparams):
        rng, layer_rng = jax.random.split(rng)
        if size is None:
            params, state, shape = init(layer_rng, shape, hyperparams)
        else:
            params, state, shape = init(layer_rng, shape, hyperparams, size)
        all_params.append(params)
        all_state.append(state)
    return tuple(all_params), tuple(all_state), shape


def mlp(hyperparams):
    """The forward pass of the network."""
    forwards = [forward for _, forward, _ in _layer_specs(hyperparams)]

    def forward(params, data, training, state, rng):
        keys = jax.random.split(rng, len(forwards)) if rng is not None else [None] * len(forwards)
        new_state = []
        for layer, layer_params, layer_state, key in zip(forwards, params, state, keys):
            data, layer_state = layer(layer_params, data, training, layer_state, key)
            new_state.append(layer_state)
        return data, tuple(new_state)

    return forward


def count_params(params):
    """The number of scalars in a parameter tree."""
    return sum(leaf.size for leaf in jax.tree_util.tree_leaves(params))
