"""Training: a jitted, run-time-checked step and the loop around it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import ArrayData, ArrayDataShape, ParamsT, StateT, check
from jaxmodels.layers.base import Model
from jaxmodels.losses import PerExampleLoss, per_example
from jaxmodels.optim import AdamConfig, adam_init, adam_update
from jaxmodels.pytrees import AdamState, Batch, RunningMean, TrainState

StepFn = Callable[[TrainState[ParamsT, StateT], Batch, Array], tuple[TrainState[ParamsT, StateT], Array]]
"""``(train state, batch, key) -> (train state, loss)``."""

F = TypeVar("F", bound=Callable[..., Any])


def jit(fn: F) -> F:
    """``jax.jit`` keeping ``fn``'s signature for the type checkers."""
    return cast(F, jax.jit(fn))


def make_loss_fn(
    model: Model[ParamsT, StateT], loss: PerExampleLoss
) -> Callable[[ParamsT, StateT, Batch, Array], tuple[Array, StateT]]:
    """The mean loss of ``model`` on a batch, and the model's updated state."""
    forward = model.apply
    batched_loss = per_example(loss)

    def loss_fn(params: ParamsT, state: StateT, batch: Batch, rng: Array) -> tuple[Array, StateT]:
        prediction, new_state = forward(params, batch.inputs, True, state, rng)
        return jnp.mean(batched_loss(prediction, batch.targets)), new_state

    return loss_fn


def make_train_step(
    model: Model[ParamsT, StateT], loss: PerExampleLoss, config: AdamConfig
) -> StepFn[ParamsT, StateT]:
    """One optimisation step, checked by batchtyping under ``jax.jit``."""
    loss_fn = make_loss_fn(model, loss)
    grad_fn = jax.value_and_grad(loss_fn, has_aux=True)

    @check
    def update(
        params: ParamsT, state: StateT, opt_state: AdamState, batch: Batch, rng: Array
    ) -> tuple[ParamsT, StateT, AdamState, Array]:
        (value, new_state), grads = grad_fn(params, state, batch, rng)
        new_params, new_opt_state = adam_update(params, grads, opt_state, config)
        return new_params, new_state, new_opt_state, value

    jitted_update = jit(update)

    def step(train_state: TrainState[ParamsT, StateT], batch: Batch, rng: Array) -> tuple[
        TrainState[ParamsT, StateT], Array
    ]:
        params, state, opt_state, value = jitted_update(
            train_state.params, train_state.state, train_state.opt_state, batch, rng
        )
        return TrainState(params, state, opt_state, train_state.step + 1), value

    return step


def make_predict(model: Model[ParamsT, StateT]) -> Callable[[ParamsT, StateT, ArrayData], ArrayData]:
    """The model in evaluation mode, jitted and checked."""
    forward = model.apply

    @check
    def predict(params: ParamsT, state: StateT, inputs: ArrayData) -> ArrayData:
        prediction, _ = forward(params, inputs, False, state, None)
        return prediction

    return jit(predict)


def init_train_state(
    model: Model[ParamsT, StateT], key: Array, input_shape: ArrayDataShape
) -> TrainState[ParamsT, StateT]:
    """Fresh params, state and optimiser state for inputs of ``input_shape``."""
    params, state = model.initialize(key, input_shape)
    return TrainState(params, state, adam_init(params), jnp.zeros((), jnp.int32))


@dataclass
class History:
    """What ``fit`` saw: the loss of every step and its running average."""

    losses: list[float] = field(default_factory=list[float])
    smoothed: RunningMean = field(default_factory=lambda: RunningMean(jnp.zeros(()), 0.9))

    def record(self, value: Array) -> None:
        """Add one step's loss."""
        self.losses.append(float(value))
        self.smoothed = self.smoothed.update(value)


def fit(
    model: Model[ParamsT, StateT],
    batches: Iterable[Batch],
    input_shape: ArrayDataShape,
    *,
    loss: PerExampleLoss,
    config: AdamConfig,
    key: Array,
) -> tuple[TrainState[ParamsT, StateT], History]:
    """Train ``model`` for one pass over ``batches``."""
    init_key, key = jax.random.split(key)
    train_state = init_train_state(model, init_key, input_shape)
    step = make_train_step(model, loss, config)
    history = History()
    for batch in batches:
        key, step_key = jax.random.split(key)
        train_state, value = step(train_state, batch, step_key)
        history.record(value)
    return train_state, history
