"""A trainable bias added to every example: params are one array."""

from __future__ import annotations

import jax
import jax.numpy as jnp
from beartype import beartype
from jaxtyping import jaxtyped

from ..typing import Any, Data, DataShape, HyperParams, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule


class Bias(BaseModule):
    """``y = x + b`` with ``b`` of the example shape (or a scalar)."""

    def __init__(self, init_magnitude: float = 1e-2, scalar: bool = False, real: bool = True) -> None:
        super().__init__()
        self.init_magnitude = init_magnitude
        self.scalar = scalar
        self.real = real
        self.bias: Params = None

    def get_hyperparameters(self) -> HyperParams:
        return {"init_magnitude": self.init_magnitude, "scalar": self.scalar, "real": self.real}

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        self.init_magnitude = float(hyperparams.get("init_magnitude", self.init_magnitude))
        self.scalar = bool(hyperparams.get("scalar", self.scalar))
        self.real = bool(hyperparams.get("real", self.real))

    def is_ready(self) -> bool:
        return self.bias is not None

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        shape = (1,) if self.scalar else tuple(input_shape)
        if self.real:
            self.bias = self.init_magnitude * jax.random.normal(rng, shape)
        else:
            kr, ki = jax.random.split(rng)
            self.bias = self.init_magnitude * (
                jax.random.normal(kr, shape) + 1j * jax.random.normal(ki, shape)
            )

    def get_params(self) -> Params:
        return self.bias

    def set_params(self, params: Params) -> None:
        if self.bias is not None and params.shape != self.bias.shape:
            raise ValueError(f"bias has shape {self.bias.shape}, got {params.shape}")
        if params.ndim == 0:
            raise ValueError("bias must have at least one axis")
        self.bias = params

    def get_num_trainable_floats(self) -> int:
        params = self.get_params()
        if params is None:
            return 0
        return params.size * (1 if self.real else 2)

    def _get_callable(self) -> ModuleCallable:
        scalar = self.scalar

        @jaxtyped(typechecker=beartype)
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            if scalar:
                return data + params[0], state
            return data + params[None, ...], state

        return forward


def shift(data: Data, params: Params) -> Data:
    """The bias alone, without a module: ``data + params``."""
    return data + jnp.asarray(params)
