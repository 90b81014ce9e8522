"""Combinators: a residual connection and parallel branches."""

from __future__ import annotations

import jax

from ..modules.basemodule import BaseModule
from ..typing import Any, Data, DataShape, HyperParams, List, ModuleCallable, Params, State, Tuple


class Residual(BaseModule):
    """``x + f(x)``: params and state are the wrapped module's."""

    def __init__(self, inner: BaseModule) -> None:
        super().__init__()
        self.inner = inner

    def is_ready(self) -> bool:
        return self.inner.is_ready()

    def get_hyperparameters(self) -> HyperParams:
        return {"inner": (type(self.inner).__name__, self.inner.get_hyperparameters())}

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        self.inner.compile(rng, input_shape)
        if self.inner.get_output_shape(input_shape) != input_shape:
            raise ValueError("a residual block must keep the shape")

    def get_params(self) -> Params:
        return self.inner.get_params()

    def set_params(self, params: Params) -> None:
        self.inner.set_params(params)

    def get_state(self) -> State:
        return self.inner.get_state()

    def set_state(self, state: State) -> None:
        self.inner.set_state(state)

    def _get_callable(self) -> ModuleCallable:
        inner = self.inner._get_callable()

        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            out, new_state = inner(params, data, training, state, rng)
            return data + out, new_state

        return forward


class Parallel(BaseModule):
    """Sums (or concatenates) the outputs of several branches; params is a dict by branch."""

    def __init__(self, branches: List[BaseModule], combine: str = "sum") -> None:
        super().__init__()
        if combine not in ("sum", "concat"):
            raise ValueError(f"combine must be 'sum' or 'concat', got {combine!r}")
        self.branches = list(branches)
        self.combine = combine

    def _names(self) -> List[str]:
        return [f"{i}_{type(b).__name__}" for i, b in enumerate(self.branches)]

    def is_ready(self) -> bool:
        return all(b.is_ready() for b in self.branches)

    def get_hyperparameters(self) -> HyperParams:
        return {"combine": self.combine, "branches": [b.get_hyperparameters() for b in self.branches]}

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        shapes = [b.get_output_shape(input_shape) for b in self.branches]
        if self.combine == "sum":
            if any(s != shapes[0] for s in shapes):
                raise ValueError(f"branches disagree on their output shapes: {shapes}")
            return shapes[0]
        return (*shapes[0][:-1], sum(s[-1] for s in shapes))

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        for key, branch in zip(jax.random.split(rng, len(self.branches)), self.branches):
            branch.compile(key, input_shape)

    def get_params(self) -> Params:
        return {name: b.get_params() for name, b in zip(self._names(), self.branches)}

    def set_params(self, params: Params) -> None:
        for name, branch in zip(self._names(), self.branches):
            branch.set_params(params[name])

    def get_state(self) -> State:
        return {name: b.get_state() for name, b in zip(self._names(), self.branches)}

    def set_state(self, state: State) -> None:
        for name, branch in zip(self._names(), self.branches):
            branch.set_state(state[name])

    def _get_callable(self) -> ModuleCallable:
        names = self._names()
        fns = [b._get_callable() for b in self.branches]
        combine = self.combine

        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            outs = []
            new_state = {}
            for name, fn, key in zip(names, fns, jax.random.split(rng, len(fns))):
                out, new_state[name] = fn(params[name], data, training, state[name], key)
                outs.append(out)
            if combine == "sum":
                return sum(outs[1:], outs[0]), new_state
            return jax.numpy.concatenate(outs, axis=-1), new_state

        return forward
