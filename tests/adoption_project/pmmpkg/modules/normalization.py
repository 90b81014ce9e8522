"""Normalisation layers: params are a dict, batch norm keeps its statistics as state."""

from __future__ import annotations

import jax
import jax.numpy as jnp
from beartype import beartype
from jaxtyping import jaxtyped

from ..typing import Any, Data, DataShape, HyperParams, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule


class LayerNorm(BaseModule):
    """Normalises each example over its last axis; params ``{"scale", "offset"}``."""

    def __init__(self, eps: float = 1e-5, learn_offset: bool = True) -> None:
        super().__init__()
        self.eps = eps
        self.learn_offset = learn_offset
        self.params = None

    def get_hyperparameters(self) -> HyperParams:
        return {"eps": self.eps, "learn_offset": self.learn_offset}

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        self.eps = float(hyperparams.get("eps", self.eps))
        self.learn_offset = bool(hyperparams.get("learn_offset", self.learn_offset))

    def is_ready(self) -> bool:
        return self.params is not None

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        width = input_shape[-1]
        self.params = {"scale": jnp.ones((width,)), "offset": jnp.zeros((width,))}

    def get_params(self) -> Params:
        return self.params

    def set_params(self, params: Params) -> None:
        missing = {"scale", "offset"} - set(params.keys())
        if missing:
            raise ValueError(f"LayerNorm params lack {sorted(missing)}")
        self.params = {"scale": params["scale"], "offset": params["offset"]}

    def _get_callable(self) -> ModuleCallable:
        eps = self.eps
        learn_offset = self.learn_offset

        @jaxtyped(typechecker=beartype)
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            mean = data.mean(axis=-1, keepdims=True)
            var = data.var(axis=-1, keepdims=True)
            out = (data - mean) / jnp.sqrt(var + eps) * params["scale"]
            if learn_offset:
                out = out + params["offset"]
            return out, state

        return forward


class BatchNorm(BaseModule):
    """Batch normalisation; state ``{"mean", "var", "count"}`` of running statistics."""

    def __init__(self, momentum: float = 0.9, eps: float = 1e-5) -> None:
        super().__init__()
        self.momentum = momentum
        self.eps = eps
        self.params = None
        self.state = None

    def get_hyperparameters(self) -> HyperParams:
        return {"momentum": self.momentum, "eps": self.eps}

    def is_ready(self) -> bool:
        return self.params is not None

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        width = input_shape[-1]
        self.params = {"scale": jnp.ones((width,)), "offset": jnp.zeros((width,))}
        self.state = {
            "mean": jnp.zeros((width,)),
            "var": jnp.ones((width,)),
            "count": jnp.zeros((), dtype=jnp.int32),
        }

    def get_params(self) -> Params:
        return self.params

    def set_params(self, params: Params) -> None:
        self.params = dict(params)

    def get_state(self) -> State:
        return self.state

    def set_state(self, state: State) -> None:
        if "count" not in state:
            raise ValueError("BatchNorm state needs a 'count'")
        self.state = {"mean": state["mean"], "var": state["var"], "count": state["count"]}

    def _get_callable(self) -> ModuleCallable:
        momentum = self.momentum
        eps = self.eps

        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            if training:
                mean = data.mean(axis=0)
                var = data.var(axis=0)
                new_state = {
                    "mean": momentum * state["mean"] + (1 - momentum) * mean,
                    "var": momentum * state["var"] + (1 - momentum) * var,
                    "count": state["count"] + 1,
                }
            else:
                mean, var, new_state = state["mean"], state["var"], state
            out = (data - mean) / jnp.sqrt(var + eps)
            return out * params["scale"] + params["offset"], new_state

        return forward


def standardize(data: Data, state: State = None) -> Tuple[Data, State]:
    """Standardise with given statistics, or the batch's own when ``state`` is None."""
    if state is None:
        state = {"mean": data.mean(axis=0), "var": data.var(axis=0)}
    return (data - state["mean"]) / jnp.sqrt(state["var"] + 1e-8), state


def running_mean(values: State, new: Data, momentum: float = 0.9) -> State:
    return jax.tree_util.tree_map(lambda v, n: momentum * v + (1 - momentum) * n.mean(0), values, new)
