"""Layers: ``init(rng, input_shape, hyperparams)`` and a constructor returning the forward pass."""

import jax
import jax.numpy as jnp


def dense_init(rng, input_shape, hyperparams):
    (n,) = input_shape
    width = hyperparams["width"]
    w = jax.random.normal(rng, (int(n), width)) / jnp.sqrt(n)
    return {"w": w, "b": jnp.zeros((width,))}, (), (width,)


def dense(hyperparams):
    activation = jnp.tanh if hyperparams["activation"] == "tanh" else jax.nn.relu

    def forward(params, data, training, state, rng):
        return activation(data @ params["w"] + params["b"]), state

    return forward


def counter(hyperparams):
    def forward(params, data, training, state, rng):
        if training:
            state = {"calls": state["calls"] + 1}
        return data, state

    return forward


def output_shape(input_shape, hyperparams):
    return input_shape[:-1] + (hyperparams["width"],)
