"""Base interfaces and datatypes."""

from typing import Any, Callable, NamedTuple, Optional, Protocol, Tuple

import chex
import jax
import jax.numpy as jnp

NO_PARAMS_MSG = (
    "You are using a transformation that requires the current value of "
    "parameters, but you are not passing `params` when calling `update`."
)

PyTree = Any
Shape = Tuple[int, ...]

OptState = chex.ArrayTree  # States are arbitrary nests of `jnp.ndarrays`.
Params = chex.ArrayTree  # Parameters are arbitrary nests of `jnp.ndarrays`.
Updates = Params  # Gradient updates are of the same type as parameters.

Schedule = Callable[[chex.Numeric], chex.Numeric]


class TransformInitFn(Protocol):
    """A callable type for the `init` step of a `GradientTransformation`."""

    def __call__(self, params: Params) -> OptState:
        """The `init` function."""


class TransformUpdateFn(Protocol):
    """A callable type for the `update` step of a `GradientTransformation`."""

    def __call__(
        self, updates: Updates, state: OptState, params: Optional[Params] = None
    ) -> Tuple[Updates, OptState]:
        """The `update` function."""


class GradientTransformation(NamedTuple):
    """A pair of pure functions implementing a gradient transformation."""

    init: TransformInitFn
    update: TransformUpdateFn


class EmptyState(NamedTuple):
    """An empty state for the simplest stateless transformations."""


def identity() -> GradientTransformation:
    """Stateless identity transformation that leaves input gradients untouched."""

    def init_fn(_):
        return EmptyState()

    def update_fn(updates, state, params=None):
        del params
        return updates, state

    return GradientTransformation(init_fn, update_fn)


def set_to_zero() -> GradientTransformation:
    """Stateless transformation that maps input gradients to zero."""

    def init_fn(params):
        del params
        return EmptyState()

    def update_fn(updates, state, params=None):
        del params
        return jax.tree_util.tree_map(jnp.zeros_like, updates), state

    return GradientTransformation(init_fn, update_fn)


def stateless(f: Callable[[Updates, Optional[Params]], Updates]) -> GradientTransformation:
    """Creates a stateless transformation from an update-like function."""

    def init_fn(_):
        return EmptyState()

    def update_fn(updates, state, params=None):
        del state
        return f(updates, params), EmptyState()

    return GradientTransformation(init_fn, update_fn)
