"""A sequential model, training and evaluation; no annotations."""

import jax
import jax.numpy as jnp


class Sequential:
    def __init__(self, layers, hyperparams=None):
        self.layers = list(layers)
        self.hyperparams = hyperparams or {"learning_rate": 0.05}

    def compile(self, rng, input_shape):
        for layer, key in zip(self.layers, jax.random.split(rng, len(self.layers))):
            layer.compile(key, input_shape)
            input_shape = layer.get_output_shape(input_shape)
        return input_shape

    def get_params(self):
        return [layer.get_params() for layer in self.layers]

    def set_params(self, params):
        for layer, p in zip(self.layers, params):
            layer.set_params(p)

    def get_state(self):
        return [layer.get_state() for layer in self.layers]

    def set_state(self, state):
        for layer, s in zip(self.layers, state):
            layer.set_state(s)

    def get_output_shape(self, input_shape):
        for layer in self.layers:
            input_shape = layer.get_output_shape(input_shape)
        return input_shape

    def get_callable(self):
        fns = [layer.get_callable() for layer in self.layers]

        def forward(params, data, training, state, rng):
            new_state = []
            for fn, p, s, key in zip(fns, params, state, jax.random.split(rng, len(fns))):
                data, s = fn(p, data, training, s, key)
                new_state.append(s)
            return data, new_state

        return forward


def mse(prediction, target):
    return jnp.mean((prediction - target) ** 2)


def make_loss(forward):
    def loss(params, data, targets, state, rng):
        prediction, new_state = forward(params, data, True, state, rng)
        return mse(prediction, targets), new_state

    return loss


def sgd(params, grads, hyperparams=None):
    lr = (hyperparams or {}).get("learning_rate", 0.05)
    return jax.tree_util.tree_map(lambda p, g: p - lr * g, params, grads)


def train(model, data, targets, steps=3, seed=0):
    rng = jax.random.key(seed)
    model.compile(rng, data.shape[1:])
    forward = model.get_callable()
    grad_fn = jax.jit(jax.value_and_grad(make_loss(forward), has_aux=True))
    params, state = model.get_params(), model.get_state()
    losses = []
    for _ in range(steps):
        rng, key = jax.random.split(rng)
        (value, state), grads = grad_fn(params, data, targets, state, key)
        params = sgd(params, grads, model.hyperparams)
        losses.append(float(value))
    model.set_params(params)
    model.set_state(state)
    return losses


def predict(model, data):
    forward = model.get_callable()
    out, _ = forward(model.get_params(), data, False, model.get_state(), jax.random.key(0))
    return out


def batch_shape(data_shape, batch_size):
    return (batch_size, *data_shape)


def count_params(params):
    return sum(x.size for x in jax.tree_util.tree_leaves(params))
