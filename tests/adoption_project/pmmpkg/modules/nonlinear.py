"""Elementwise nonlinearities, with variants chosen at import time."""

from __future__ import annotations

import jax
import jax.numpy as jnp
from beartype import beartype
from jaxtyping import jaxtyped

from ..typing import Any, Callable, Data, HyperParams, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule

_HAS_NATIVE_GELU = hasattr(jax.nn, "gelu")

if _HAS_NATIVE_GELU:

    def gelu(x: Data, approximate=True):
        return jax.nn.gelu(x, approximate=approximate)

else:  # pragma: no cover - old jax

    def gelu(x, approximate: bool = True):
        return 0.5 * x * (1.0 + jnp.tanh(0.7978845608 * (x + 0.044715 * x**3)))


if hasattr(jnp, "sinc"):

    def sinc(x: Data) -> Data:
        return jnp.sinc(x)

else:  # pragma: no cover

    def sinc(x):
        return jnp.where(x == 0, 1.0, jnp.sin(jnp.pi * x) / (jnp.pi * x))


def complex_relu(x: Data) -> Data:
    return jax.nn.relu(x.real) + 1j * jax.nn.relu(x.imag)


ACTIVATIONS: dict[str, Callable[..., Any]] = {
    "relu": jax.nn.relu,
    "tanh": jnp.tanh,
    "sigmoid": jax.nn.sigmoid,
    "gelu": gelu,
    "sinc": sinc,
    "complex_relu": complex_relu,
    "softplus": jax.nn.softplus,
}


class Activation(BaseModule):
    """Applies a named activation function."""

    def __init__(self, name: str = "relu") -> None:
        super().__init__()
        if name not in ACTIVATIONS:
            raise ValueError(f"unknown activation {name!r}; one of {sorted(ACTIVATIONS)}")
        self.activation = name

    def get_hyperparameters(self) -> HyperParams:
        return {"name": self.activation}

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        self.activation = str(hyperparams["name"])

    def _get_callable(self) -> ModuleCallable:
        fn = ACTIVATIONS[self.activation]

        @jaxtyped(typechecker=beartype)
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            return fn(data), state

        return forward


class PReLU(BaseModule):
    """Parametric ReLU: params are one array of slopes, one per feature."""

    def __init__(self, init_slope: float = 0.25) -> None:
        super().__init__()
        self.init_slope = init_slope
        self.slopes = None

    def get_hyperparameters(self) -> HyperParams:
        return {"init_slope": self.init_slope}

    def is_ready(self) -> bool:
        return self.slopes is not None

    def compile(self, rng, input_shape) -> None:
        super().compile(rng, input_shape)
        self.slopes = jnp.full((input_shape[-1],), self.init_slope)

    def get_params(self) -> Params:
        return self.slopes

    def set_params(self, params: Params) -> None:
        if params.ndim != 1:
            raise ValueError(f"PReLU slopes must be 1-D, got shape {params.shape}")
        self.slopes = params

    def _get_callable(self) -> ModuleCallable:
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            return jnp.where(data >= 0, data, params * data), state

        return forward


class Dropout(BaseModule):
    """Drops features at random while training."""

    def __init__(self, rate: float = 0.1) -> None:
        super().__init__()
        self.rate = rate

    def get_hyperparameters(self) -> HyperParams:
        return {"rate": self.rate}

    def _get_callable(self) -> ModuleCallable:
        rate = self.rate

        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            if not training or rate == 0.0:
                return data, state
            keep = jax.random.bernoulli(rng, 1.0 - rate, data.shape)
            return jnp.where(keep, data / (1.0 - rate), 0.0), state

        return forward
