"""Polynomial feature maps: params are a tuple ``(coefficients, offsets)``."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ..typing import Any, Data, DataShape, HyperParams, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule


class Polynomial(BaseModule):
    """``y_j = sum_k c_jk (x_j - o_j)^k`` for each feature ``j``."""

    def __init__(self, degree: int = 3, init_scale: float = 0.1) -> None:
        super().__init__()
        self.degree = degree
        self.init_scale = init_scale
        self.coefficients = None
        self.offsets = None

    def get_hyperparameters(self) -> HyperParams:
        return {"degree": self.degree, "init_scale": self.init_scale}

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        self.degree = int(hyperparams.get("degree", self.degree))
        self.init_scale = float(hyperparams.get("init_scale", self.init_scale))

    def is_ready(self) -> bool:
        return self.coefficients is not None

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        features = input_shape[-1]
        self.coefficients = self.init_scale * jax.random.normal(rng, (features, self.degree + 1))
        self.offsets = jnp.zeros((features,))

    def get_params(self) -> Params:
        return self.coefficients, self.offsets

    def set_params(self, params: Params) -> None:
        coefficients, offsets = params
        if coefficients.shape[-1] != self.degree + 1:
            raise ValueError(f"expected {self.degree + 1} coefficients per feature, got {coefficients.shape[-1]}")
        self.coefficients, self.offsets = coefficients, offsets

    def _get_callable(self) -> ModuleCallable:
        degree = self.degree

        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            coefficients, offsets = params
            shifted = data - offsets
            powers = jnp.stack([shifted**k for k in range(degree + 1)], axis=-1)
            return jnp.sum(powers * coefficients, axis=-1), state

        return forward


def chebyshev_features(data: Data, degree: int, shape: DataShape = None) -> Data:
    """Chebyshev polynomials ``T_0..T_degree`` of each feature, concatenated."""
    if shape is not None and tuple(data.shape[1:]) != tuple(shape):
        raise ValueError(f"expected examples of shape {shape}")
    terms = [jnp.ones_like(data), data]
    for _ in range(2, degree + 1):
        terms.append(2 * data * terms[-1] - terms[-2])
    return jnp.concatenate(terms[: degree + 1], axis=-1)
