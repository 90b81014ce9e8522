"""Ready-made parametric matrix models, and forward passes built from plain functions."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ..modules import (
    Activation,
    AffineHermitianMatrix,
    Bias,
    Eigenvalues,
    Linear,
    LowRankHermitianMatrix,
    MultiLayerPerceptron,
)
from ..typing import Any, Data, DataShape, List, ModuleCallable, Params, State, Tuple
from .sequential import SequentialModel


def eigenvalue_model(matrix_size: int = 4, num_eig: int = 1, bias: bool = True) -> SequentialModel:
    """``x -> lowest eigenvalues of M(x)`` (+ a trainable bias)."""
    modules = [AffineHermitianMatrix(matrix_size), Eigenvalues(num_eig)]
    if bias:
        modules.append(Bias(scalar=True))
    return SequentialModel(modules)


def low_rank_model(matrix_size: int = 4, rank: int = 2, num_eig: int = 1) -> SequentialModel:
    return SequentialModel([LowRankHermitianMatrix(matrix_size, rank), Eigenvalues(num_eig)])


def mlp_model(widths: List[int], activation: str = "tanh") -> SequentialModel:
    return SequentialModel([MultiLayerPerceptron(widths, activation)])


def dense_stack(widths: List[int], activation: str = "relu") -> SequentialModel:
    modules = []
    for i, width in enumerate(widths):
        modules.append(Linear(width))
        if i < len(widths) - 1:
            modules.append(Activation(activation))
    return SequentialModel(modules)


def compose(first: ModuleCallable, second: ModuleCallable) -> ModuleCallable:
    """Chains two forward passes; params and state are pairs."""

    def forward(
        params: Params, data: Data, training: bool, state: State, rng: Any
    ) -> Tuple[Data, State]:
        k1, k2 = jax.random.split(rng)
        p1, p2 = params
        s1, s2 = state
        mid, s1 = first(p1, data, training, s1, k1)
        out, s2 = second(p2, mid, training, s2, k2)
        return out, (s1, s2)

    return forward


def linear_forward(scale: float = 1.0) -> ModuleCallable:
    """A forward pass over params ``{"w", "b"}`` (a dict)."""

    def forward(
        params: Params, data: Data, training: bool, state: State, rng: Any
    ) -> Tuple[Data, State]:
        return scale * (data @ params["w"] + params["b"]), state

    return forward


def init_linear(rng: Any, input_shape: DataShape, features: int) -> Tuple[Params, State]:
    (fan_in,) = input_shape
    w = jax.random.normal(rng, (fan_in, features)) / jnp.sqrt(fan_in)
    return {"w": w, "b": jnp.zeros((features,))}, ()


def polynomial_forward(degree: int) -> ModuleCallable:
    """Params one array of ``degree + 1`` coefficients."""

    def forward(
        params: Params, data: Data, training: bool, state: State, rng: Any
    ) -> Tuple[Data, State]:
        powers = jnp.stack([data**k for k in range(params.shape[0])], axis=-1)
        return powers @ params, state

    return forward
