"""Ensembles: several copies of one model, params stacked on a leading axis and vmapped."""

from __future__ import annotations

import jax
import jax.numpy as jnp
from beartype import beartype
from jaxtyping import jaxtyped

from ..modules.basemodule import BaseModule
from ..tree_util import stack_trees, unstack_tree
from ..typing import Any, Data, DataShape, HyperParams, List, ModuleCallable, Params, State, Tuple

try:
    from jax import vmap as _vmap
except ImportError:  # pragma: no cover

    def _vmap(fn, in_axes=0, out_axes=0):
        def batched(*args):
            raise NotImplementedError("vmap is unavailable")

        return batched


class Ensemble(BaseModule):
    """``members`` independently initialised copies; output is their mean (and spread)."""

    def __init__(self, make_member: Any, members: int = 3, return_std: bool = False) -> None:
        super().__init__()
        self.make_member = make_member
        self.members = members
        self.return_std = return_std
        self.template = make_member()
        self.stacked = None
        self.stacked_state = None

    def get_hyperparameters(self) -> HyperParams:
        return {"members": self.members, "return_std": self.return_std, "member": self.template.get_hyperparameters()}

    def is_ready(self) -> bool:
        return self.stacked is not None

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        out = self.template.get_output_shape(input_shape)
        return (2, *out) if self.return_std else out

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        params, states = [], []
        for key in jax.random.split(rng, self.members):
            member = self.make_member()
            member.compile(key, input_shape)
            params.append(member.get_params())
            states.append(member.get_state())
        self.template.compile(rng, input_shape)
        self.stacked = stack_trees(params)
        self.stacked_state = states[0]

    def get_params(self) -> Params:
        return self.stacked

    def set_params(self, params: Params) -> None:
        leaves = jax.tree_util.tree_leaves(params)
        if any(leaf.shape[0] != self.members for leaf in leaves):
            raise ValueError(f"every params leaf needs a leading axis of {self.members} members")
        self.stacked = params

    def get_state(self) -> State:
        return self.stacked_state

    def set_state(self, state: State) -> None:
        self.stacked_state = state

    def member_params(self) -> List[Params]:
        return unstack_tree(self.stacked)

    def _get_callable(self) -> ModuleCallable:
        inner = self.template._get_callable()
        return_std = self.return_std

        @jaxtyped(typechecker=beartype)
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            outs, _ = _vmap(lambda p: inner(p, data, training, state, rng))(params)
            mean = outs.mean(axis=0)
            if return_std:
                return jnp.stack([mean, outs.std(axis=0)], axis=1), state
            return mean, state

        return forward


def disagreement(ensemble: Ensemble, data: Data) -> Data:
    """Per-example spread of the members' predictions."""
    forward = ensemble.template._get_callable()
    outs = [forward(p, data, False, ensemble.get_state(), jax.random.key(0))[0] for p in ensemble.member_params()]
    return jnp.stack(outs).std(axis=0)
