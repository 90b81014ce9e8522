"""A model that applies modules one after the other."""

from __future__ import annotations

import jax

from ..modules.basemodule import BaseModule
from ..typing import (
    Any,
    Data,
    DataShape,
    HyperParams,
    List,
    ModuleCallable,
    Params,
    State,
    Tuple,
)


class SequentialModel(BaseModule):
    """Params and state are tuples with one entry per module."""

    def __init__(self, modules: List[BaseModule] = None) -> None:
        super().__init__()
        self.modules = list(modules) if modules is not None else []

    def append(self, module: BaseModule) -> None:
        if self.is_ready():
            raise RuntimeError("cannot add a module to a compiled model")
        self.modules.append(module)

    def __len__(self) -> int:
        return len(self.modules)

    def __getitem__(self, index: int) -> BaseModule:
        return self.modules[index]

    @property
    def name(self) -> str:
        return "SequentialModel(" + ", ".join(m.name for m in self.modules) + ")"

    def is_ready(self) -> bool:
        return bool(self.modules) and all(m.is_ready() for m in self.modules)

    def get_hyperparameters(self) -> HyperParams:
        return {"modules": [(type(m).__name__, m.get_hyperparameters()) for m in self.modules]}

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        entries = hyperparams["modules"]
        if len(entries) != len(self.modules):
            raise ValueError(f"expected {len(self.modules)} modules, got {len(entries)}")
        for module, (_, hyper) in zip(self.modules, entries):
            module.set_hyperparameters(hyper)

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        self.input_shape = input_shape
        shape = input_shape
        keys = jax.random.split(rng, max(len(self.modules), 1))
        for key, module in zip(keys, self.modules):
            module.compile(key, shape)
            shape = module.get_output_shape(shape)
        self.output_shape = shape

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        shape = input_shape
        for module in self.modules:
            shape = module.get_output_shape(shape)
        return shape

    def get_params(self) -> Params:
        return tuple(m.get_params() for m in self.modules)

    def set_params(self, params: Params) -> None:
        if len(params) != len(self.modules):
            raise ValueError(f"expected params for {len(self.modules)} modules, got {len(params)}")
        for module, p in zip(self.modules, params):
            module.set_params(p)

    def get_state(self) -> State:
        return tuple(m.get_state() for m in self.modules)

    def set_state(self, state: State) -> None:
        for module, s in zip(self.modules, state):
            module.set_state(s)

    def get_num_trainable_floats(self) -> int:
        return sum(m.get_num_trainable_floats() for m in self.modules)

    def _get_callable(self) -> ModuleCallable:
        callables = [m._get_callable() for m in self.modules]

        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            keys = jax.random.split(rng, len(callables))
            new_states = []
            for fn, p, s, key in zip(callables, params, state, keys):
                data, s = fn(p, data, training, s, key)
                new_states.append(s)
            return data, tuple(new_states)

        return forward

    def predict(self, data: Data, batch_size: int = None) -> Data:
        """Inference in batches (no state update)."""
        forward = jax.jit(self.get_callable(), static_argnums=2)
        params, state = self.get_params(), self.get_state()
        rng = jax.random.key(0)
        if batch_size is None:
            return forward(params, data, False, state, rng)[0]
        outputs = []
        for start in range(0, data.shape[0], batch_size):
            out, _ = forward(params, data[start : start + batch_size], False, state, rng)
            outputs.append(out)
        return jax.numpy.concatenate(outputs, axis=0)
