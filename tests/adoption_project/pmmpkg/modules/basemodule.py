"""The base class every module derives from."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ..typing import (
    Any,
    Data,
    DataShape,
    HyperParams,
    ModuleCallable,
    Params,
    State,
    Tuple,
)


class BaseModule:
    """A module: hyperparameters, trainable params, private state and a forward pass.

    Subclasses override ``compile`` (build params for an input shape), ``get_output_shape``,
    ``get_params``/``set_params``, ``get_hyperparameters``/``set_hyperparameters`` and
    ``_get_callable`` (the pure forward pass).
    """

    def __init__(self) -> None:
        self.input_shape: DataShape = None
        self.output_shape: DataShape = None

    # ----------------------------------------------------------------- naming
    @property
    def name(self) -> str:
        return type(self).__name__

    def __repr__(self) -> str:
        hyper = ", ".join(f"{k}={v!r}" for k, v in sorted(self.get_hyperparameters().items()))
        return f"{self.name}({hyper})"

    # ----------------------------------------------------------------- status
    def is_ready(self) -> bool:
        return self.input_shape is not None

    def _require_ready(self) -> None:
        if not self.is_ready():
            raise RuntimeError(f"{self.name} is not compiled: call compile(rng, input_shape) first")

    # ----------------------------------------------------------------- hyperparameters
    def get_hyperparameters(self) -> HyperParams:
        return {}

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        if hyperparams:
            raise ValueError(f"{self.name} has no hyperparameters, got {sorted(hyperparams)}")

    # ----------------------------------------------------------------- params
    def get_params(self) -> Params:
        return ()

    def set_params(self, params: Params) -> None:
        if params is not None and jax.tree_util.tree_leaves(params):
            raise ValueError(f"{self.name} has no trainable parameters")

    def get_num_trainable_floats(self) -> int:
        params = self.get_params()
        total = 0
        for leaf in jax.tree_util.tree_leaves(params):
            size = int(np.prod(leaf.shape))
            total += 2 * size if jnp.iscomplexobj(leaf) else size
        return total

    # ----------------------------------------------------------------- state
    def get_state(self) -> State:
        return ()

    def set_state(self, state: State) -> None:
        if state is not None and jax.tree_util.tree_leaves(state):
            raise ValueError(f"{self.name} has no state")

    # ----------------------------------------------------------------- shapes
    def compile(self, rng: Any, input_shape: DataShape) -> None:
        self.input_shape = input_shape
        self.output_shape = self.get_output_shape(input_shape)

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        return input_shape

    # ----------------------------------------------------------------- forward pass
    def _get_callable(self) -> ModuleCallable:
        def identity(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            return data, state

        return identity

    def get_callable(self) -> ModuleCallable:
        self._require_ready()
        return self._get_callable()

    def __call__(
        self,
        data: Data,
        training: bool = False,
        rng: Any = None,
    ) -> Data:
        """Apply the module with its current params and state (state updates are stored)."""
        forward = self.get_callable()
        if rng is None:
            rng = jax.random.key(0)
        output, new_state = forward(self.get_params(), data, training, self.get_state(), rng)
        self.set_state(new_state)
        return output
