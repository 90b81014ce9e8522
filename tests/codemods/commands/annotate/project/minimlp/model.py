"""The model: two dense layers and a call counter; a training step with a nested loss."""

import json

import jax
import jax.numpy as jnp

from minimlp import layers


class MLP:
    def __init__(self, hyperparams):
        self.hyperparams = hyperparams
        self.layers = [layers.dense(hyperparams), layers.dense(hyperparams)]
        self.count = layers.counter(hyperparams)

    def init(self, rng, input_shape):
        rng1, rng2 = jax.random.split(rng)
        p1, _, shape = layers.dense_init(rng1, input_shape, self.hyperparams)
        p2, _, _ = layers.dense_init(rng2, shape, self.hyperparams)
        return (p1, p2), {"calls": jnp.zeros((), dtype=jnp.int32)}

    def get_callable(self):
        first, second = self.layers
        count = self.count

        def forward(params, data, training, state, rng):
            p1, p2 = params
            hidden, _ = first(p1, data, training, (), rng)
            out, _ = second(p2, hidden, training, (), rng)
            out, state = count((), out, training, state, rng)
            return out, state

        return forward

    def make_train_step(self, learning_rate):
        forward = self.get_callable()

        def train_step(params, state, inputs, targets):
            def loss_fn(params):
                predictions, new_state = forward(params, inputs, True, state, None)
                return jnp.mean((predictions - targets) ** 2), new_state

            (loss, state), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
            params = jax.tree_util.tree_map(lambda p, g: p - learning_rate * g, params, grads)
            return params, state, loss

        return train_step

    def save_state(self, path, state):
        with open(path, "w") as file:
            file.write(json.dumps({k: int(v) for k, v in state.items()}))

    def describe(self, state):
        if state["format"] != "v1":
            raise ValueError(state["format"])
        return state["summary"]


def main():
    model = MLP({"width": 4, "activation": "tanh"})
    params, state = model.init(jax.random.PRNGKey(0), (3,))
    train_step = model.make_train_step(0.1)
    inputs = jnp.ones((8, 3))
    targets = jnp.zeros((8, 4))
    for _ in range(3):
        params, state, loss = train_step(params, state, inputs, targets)
    return float(loss), int(state["calls"])
