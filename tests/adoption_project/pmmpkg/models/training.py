"""Training loops over a compiled model."""

from __future__ import annotations

import dataclasses
import time

import jax
import jax.numpy as jnp

from .. import optim
from ..losses import get_loss
from ..typing import Any, Callable, Data, List, ModuleCallable, Params, State, Tuple


@dataclasses.dataclass
class TrainResult:
    losses: List[float]
    params: Params
    state: State
    seconds: float


def make_loss(forward: ModuleCallable, loss: Callable[[Data, Data], Any]) -> Callable[..., Any]:
    """``(params, x, y, state, rng) -> (loss, new_state)`` for ``jax.value_and_grad``."""

    def objective(params: Params, x: Data, y: Data, state: State, rng: Any) -> Tuple[Any, State]:
        prediction, new_state = forward(params, x, True, state, rng)
        return loss(prediction, y), new_state

    return objective


def make_step(forward: ModuleCallable, loss: Callable[[Data, Data], Any], optimizer: optim.Optimizer):
    grad_fn = jax.value_and_grad(make_loss(forward, loss), has_aux=True)

    @jax.jit
    def step(params, opt_state, x, y, state, rng):
        (value, new_state), grads = grad_fn(params, x, y, state, rng)
        grads = jax.tree_util.tree_map(jnp.conj, grads)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        return optim.apply_updates(params, updates), opt_state, new_state, value

    return step


def batches(x: Data, y: Data, batch_size: int, rng: Any) -> List[Tuple[Data, Data]]:
    n = x.shape[0]
    order = jax.random.permutation(rng, n)
    return [
        (x[order[i : i + batch_size]], y[order[i : i + batch_size]]) for i in range(0, n, batch_size)
    ]


def fit(
    model: Any,
    x: Data,
    y: Data,
    loss: str = "mse",
    optimizer: optim.Optimizer = None,
    epochs: int = 10,
    batch_size: int = 32,
    seed: int = 0,
    callback: Callable[[int, float], None] | None = None,
) -> TrainResult:
    """Trains ``model`` in place and returns the loss history."""
    start = time.perf_counter()
    rng = jax.random.key(seed)
    if not model.is_ready():
        rng, init_rng = jax.random.split(rng)
        model.compile(init_rng, tuple(x.shape[1:]))
    optimizer = optimizer or optim.Adam(1e-2)
    step = make_step(model.get_callable(), get_loss(loss), optimizer)
    params, state = model.get_params(), model.get_state()
    opt_state = optimizer.init(params)
    history = []
    for epoch in range(epochs):
        rng, perm_rng = jax.random.split(rng)
        total = 0.0
        count = 0
        for xb, yb in batches(x, y, batch_size, perm_rng):
            rng, step_rng = jax.random.split(rng)
            params, opt_state, state, value = step(params, opt_state, xb, yb, state, step_rng)
            total += float(value) * xb.shape[0]
            count += xb.shape[0]
        history.append(total / count)
        if callback is not None:
            callback(epoch, history[-1])
    model.set_params(params)
    model.set_state(state)
    return TrainResult(history, params, state, time.perf_counter() - start)


def evaluate(model: Any, x: Data, y: Data, loss: str = "mse") -> float:
    prediction = model(x)
    return float(get_loss(loss)(prediction, y))
