"""The PyTree containers the library passes around: NamedTuples and registered dataclasses."""

from __future__ import annotations

import dataclasses
from typing import Generic, NamedTuple

import jax
from jax import Array

from batchtyping import BatchlessRealDataFixed, Params, ParamsT, StateT


class Batch(NamedTuple):
    """One mini-batch: inputs and regression targets sharing the leading batch axis."""

    inputs: Array
    targets: Array

    @property
    def size(self) -> int:
        """The number of examples in the batch."""
        return int(self.inputs.shape[0])

    def take(self, start: int, stop: int) -> Batch:
        """The examples ``start:stop`` as a new batch."""
        return Batch(self.inputs[start:stop], self.targets[start:stop])


class AdamState(NamedTuple):
    """Adam's moment estimates, one leaf per parameter leaf, and the step count."""

    mu: Params
    nu: Params
    steps: Array


class MomentumState(NamedTuple):
    """Heavy-ball velocity, one leaf per parameter leaf."""

    velocity: Params


@jax.tree_util.register_dataclass
@dataclasses.dataclass(frozen=True)
class ScalerStats:
    """Per-feature statistics of a fitted scaler: what ``transform`` subtracts and divides by."""

    shift: BatchlessRealDataFixed
    scale: BatchlessRealDataFixed


@jax.tree_util.register_dataclass
@dataclasses.dataclass(frozen=True)
class TrainState(Generic[ParamsT, StateT]):
    """Everything a training loop carries from one step to the next."""

    params: ParamsT
    state: StateT
    opt_state: AdamState
    step: Array


@jax.tree_util.register_pytree_node_class
class RunningMean:
    """An exponential moving average of a scalar metric, usable inside jitted code."""

    def __init__(self, value: Array, decay: float) -> None:
        self.value = value
        self.decay = decay

    def update(self, sample: Array) -> RunningMean:
        """The average after seeing ``sample``."""
        return RunningMean(self.decay * self.value + (1.0 - self.decay) * sample, self.decay)

    def tree_flatten(self) -> tuple[tuple[Array], float]:
        return (self.value,), self.decay

    @classmethod
    def tree_unflatten(cls, decay: float, children: tuple[Array]) -> RunningMean:
        return cls(children[0], decay)
