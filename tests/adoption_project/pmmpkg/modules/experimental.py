"""Work in progress: an attention block (does not parse yet)."""

from __future__ import annotations

import jax.numpy as jnp

from ..typing import Any, Data, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule


class SelfAttention(BaseModule):
    def __init__(self, heads: int = 2) -> None:
        super().__init__()
        self.heads = heads

    def _get_callable(self) -> ModuleCallable:
        def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> Tuple[Data, State]:
            q, k, v = params
            scores = jnp.einsum("bid,bjd->bij", data @ q, data @ k
            return jnp.einsum("bij,bjd->bid", jax.nn.softmax(scores), data @ v), state

        return forward
