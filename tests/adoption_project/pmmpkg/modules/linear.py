"""Dense layers: params are a tuple ``(w, b)``."""

from __future__ import annotations

import jax
import jax.numpy as jnp
from beartype import beartype
from jaxtyping import jaxtyped

from ..initializers import glorot_normal
from ..typing import Any, Data, DataShape, HyperParams, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule


class Linear(BaseModule):
    """``y = x @ w + b`` on the last axis."""

    def __init__(self, features: int, use_bias: bool = True) -> None:
        super().__init__()
        self.features = features
        self.use_bias = use_bias
        self.w = None
        self.b = None

    def get_hyperparameters(self) -> HyperParams:
        return {"features": self.features, "use_bias": self.use_bias}

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        self.features = int(hyperparams["features"])
        self.use_bias = bool(hyperparams.get("use_bias", True))

    def is_ready(self) -> bool:
        return self.w is not None

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        return (*input_shape[:-1], self.features)

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        fan_in = input_shape[-1]
        self.w = glorot_normal(rng, (fan_in, self.features))
        self.b = jnp.zeros((self.features,))

    def get_params(self) -> Params:
        return (self.w, self.b)

    def set_params(self, params: Params) -> None:
        w, b = params
        if self.w is not None and w.shape != self.w.shape:
            raise ValueError(f"w has shape {self.w.shape}, got {w.shape}")
        self.w = w
        self.b = b

    def _get_callable(self) -> ModuleCallable:
        use_bias = self.use_bias

        @jaxtyped(typechecker=beartype)
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            out = data @ params[0]
            if use_bias:
                out = out + params[1]
            return out, state

        return forward


class Scale(BaseModule):
    """Multiplies by a trainable scalar: params are a one-element tuple."""

    def __init__(self, init: float = 1.0) -> None:
        super().__init__()
        self.init = init
        self.scale = None

    def get_hyperparameters(self) -> HyperParams:
        return {"init": self.init}

    def is_ready(self) -> bool:
        return self.scale is not None

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        self.scale = jnp.asarray(self.init)

    def get_params(self) -> Params:
        return (self.scale,)

    def set_params(self, params: Params) -> None:
        (self.scale,) = params

    def _get_callable(self) -> ModuleCallable:
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            return data * params[0], state

        return forward


def dense(params: Params, x: Data) -> Data:
    """A bare dense map, ``x @ w + b``."""
    w, b = params
    return jnp.dot(x, w) + b


def init_dense(rng: Any, fan_in: int, fan_out: int) -> Params:
    kw, _ = jax.random.split(rng)
    return glorot_normal(kw, (fan_in, fan_out)), jnp.zeros((fan_out,))
