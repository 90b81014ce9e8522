"""A multilayer perceptron as one module: params are a tuple of ``(w, b)`` pairs."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ..initializers import glorot_normal
from ..typing import Any, Data, DataShape, HyperParams, List, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule
from .nonlinear import ACTIVATIONS


class MultiLayerPerceptron(BaseModule):
    def __init__(self, widths: List[int], activation: str = "tanh", final_activation: bool = False) -> None:
        super().__init__()
        self.widths = list(widths)
        self.activation = activation
        self.final_activation = final_activation
        self.layers = None

    def get_hyperparameters(self) -> HyperParams:
        return {
            "widths": self.widths,
            "activation": self.activation,
            "final_activation": self.final_activation,
        }

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        self.widths = list(hyperparams["widths"])
        self.activation = hyperparams.get("activation", self.activation)
        self.final_activation = hyperparams.get("final_activation", self.final_activation)

    def is_ready(self) -> bool:
        return self.layers is not None

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        return (*input_shape[:-1], self.widths[-1])

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        sizes = [input_shape[-1], *self.widths]
        keys = jax.random.split(rng, len(self.widths))
        self.layers = tuple(
            (glorot_normal(k, (m, n)), jnp.zeros((n,))) for k, m, n in zip(keys, sizes[:-1], sizes[1:])
        )

    def get_params(self) -> Params:
        return self.layers

    def set_params(self, params: Params) -> None:
        if len(params) != len(self.widths):
            raise ValueError(f"expected {len(self.widths)} layers, got {len(params)}")
        self.layers = tuple((w, b) for w, b in params)

    def _get_callable(self) -> ModuleCallable:
        act = ACTIVATIONS[self.activation]
        final = self.final_activation

        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            x = data
            for i, (w, b) in enumerate(params):
                x = x @ w + b
                if i < len(params) - 1 or final:
                    x = act(x)
            return x, state

        return forward


def mlp_apply(params: Params, x: Data, activation: str = "tanh") -> Data:
    act = ACTIVATIONS[activation]
    *hidden, last = params
    for w, b in hidden:
        x = act(x @ w + b)
    w, b = last
    return x @ w + b
