"""Optimisers over params trees: SGD, momentum and Adam, with explicit state."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from .typing import Any, Dict, HyperParams, NamedTuple, Params, State, Tuple


class AdamState(NamedTuple):
    count: Any
    mu: Any
    nu: Any


class Optimizer:
    """``init(params) -> state`` and ``update(grads, state, params) -> (updates, state)``."""

    def __init__(self, learning_rate: float = 1e-3) -> None:
        self.learning_rate = learning_rate

    def get_hyperparameters(self) -> HyperParams:
        return {"learning_rate": self.learning_rate}

    def init(self, params: Params) -> State:
        return ()

    def update(self, grads: Params, state: State, params: Params = None) -> Tuple[Params, State]:
        updates = jax.tree_util.tree_map(lambda g: -self.learning_rate * g, grads)
        return updates, state


class SGD(Optimizer):
    pass


class Momentum(Optimizer):
    def __init__(self, learning_rate: float = 1e-2, beta: float = 0.9) -> None:
        super().__init__(learning_rate)
        self.beta = beta

    def get_hyperparameters(self) -> HyperParams:
        return {"learning_rate": self.learning_rate, "beta": self.beta}

    def init(self, params: Params) -> State:
        return jax.tree_util.tree_map(jnp.zeros_like, params)

    def update(self, grads: Params, state: State, params: Params = None) -> Tuple[Params, State]:
        velocity = jax.tree_util.tree_map(lambda v, g: self.beta * v + g, state, grads)
        updates = jax.tree_util.tree_map(lambda v: -self.learning_rate * v, velocity)
        return updates, velocity


class Adam(Optimizer):
    def __init__(
        self,
        learning_rate: float = 1e-3,
        b1: float = 0.9,
        b2: float = 0.999,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(learning_rate)
        self.b1 = b1
        self.b2 = b2
        self.eps = eps
        self.weight_decay = weight_decay

    def get_hyperparameters(self) -> HyperParams:
        return {
            "learning_rate": self.learning_rate,
            "b1": self.b1,
            "b2": self.b2,
            "eps": self.eps,
            "weight_decay": self.weight_decay,
        }

    def init(self, params: Params) -> State:
        zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
        return AdamState(jnp.zeros((), jnp.int32), zeros, zeros)

    def update(self, grads: Params, state: State, params: Params = None) -> Tuple[Params, State]:
        count = state.count + 1
        mu = jax.tree_util.tree_map(lambda m, g: self.b1 * m + (1 - self.b1) * g, state.mu, grads)
        nu = jax.tree_util.tree_map(
            lambda v, g: self.b2 * v + (1 - self.b2) * jnp.abs(g) ** 2, state.nu, grads
        )
        mu_hat = jax.tree_util.tree_map(lambda m: m / (1 - self.b1**count), mu)
        nu_hat = jax.tree_util.tree_map(lambda v: v / (1 - self.b2**count), nu)
        updates = jax.tree_util.tree_map(
            lambda m, v: -self.learning_rate * m / (jnp.sqrt(v) + self.eps), mu_hat, nu_hat
        )
        if self.weight_decay and params is not None:
            updates = jax.tree_util.tree_map(
                lambda u, p: u - self.learning_rate * self.weight_decay * p, updates, params
            )
        return updates, AdamState(count, mu, nu)


def apply_updates(params: Params, updates: Params) -> Params:
    return jax.tree_util.tree_map(lambda p, u: p + u.astype(p.dtype), params, updates)


def clip_by_global_norm(grads: Params, max_norm: float) -> Params:
    leaves = jax.tree_util.tree_leaves(grads)
    norm = jnp.sqrt(sum(jnp.sum(jnp.abs(g) ** 2) for g in leaves))
    factor = jnp.minimum(1.0, max_norm / (norm + 1e-12))
    return jax.tree_util.tree_map(lambda g: g * factor, grads)


OPTIMIZERS: Dict[str, type] = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def make_optimizer(name: str, **hyperparams: Any) -> Optimizer:
    return OPTIMIZERS[name](**hyperparams)
