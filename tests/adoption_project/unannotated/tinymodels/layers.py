"""Layers with hyperparameters, params, state and a forward pass; no annotations."""

import jax
import jax.numpy as jnp


class Layer:
    def __init__(self, hyperparams=None):
        self.hyperparams = dict(hyperparams or {})
        self.params = None
        self.state = ()
        self.input_shape = None

    def get_hyperparameters(self):
        return dict(self.hyperparams)

    def set_hyperparameters(self, hyperparams):
        self.hyperparams = dict(hyperparams)

    def compile(self, rng, input_shape):
        self.input_shape = input_shape
        self.params = self.init_params(rng, input_shape)
        self.state = self.init_state(input_shape)

    def init_params(self, rng, input_shape):
        return ()

    def init_state(self, input_shape):
        return ()

    def get_params(self):
        return self.params

    def set_params(self, params):
        self.params = params

    def get_state(self):
        return self.state

    def set_state(self, state):
        self.state = state

    def get_output_shape(self, input_shape):
        return input_shape

    def get_callable(self):
        def forward(params, data, training, state, rng):
            return data, state

        return forward


class Dense(Layer):
    def init_params(self, rng, input_shape):
        width = self.hyperparams.get("width", 4)
        w = jax.random.normal(rng, (input_shape[-1], width)) / jnp.sqrt(input_shape[-1])
        return {"w": w, "b": jnp.zeros((width,))}

    def get_output_shape(self, input_shape):
        return (*input_shape[:-1], self.hyperparams.get("width", 4))

    def get_callable(self):
        def forward(params, data, training, state, rng):
            return data @ params["w"] + params["b"], state

        return forward


class Scale(Layer):
    def init_params(self, rng, input_shape):
        return jnp.ones(input_shape[-1:])

    def get_callable(self):
        def forward(params, data, training, state, rng):
            return data * params, state

        return forward


class Counter(Layer):
    """Counts training calls in its state."""

    def init_state(self, input_shape):
        return {"calls": jnp.zeros((), jnp.int32)}

    def get_callable(self):
        def forward(params, data, training, state, rng):
            if training:
                state = {"calls": state["calls"] + 1}
            return data, state

        return forward


class Dropout(Layer):
    def get_callable(self):
        rate = self.hyperparams.get("rate", 0.5)

        def forward(params, data, training, state, rng):
            if not training:
                return data, state
            keep = jax.random.bernoulli(rng, 1 - rate, data.shape)
            return jnp.where(keep, data / (1 - rate), 0.0), state

        return forward


class Activation(Layer):
    def get_callable(self):
        name = self.hyperparams.get("name", "tanh")
        fn = {"tanh": jnp.tanh, "relu": jax.nn.relu}[name]

        def forward(params, data, training, state, rng):
            return fn(data), state

        return forward
