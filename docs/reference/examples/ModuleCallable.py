from typing import Any

import jax.numpy as jnp

from batchtyping import Data, DictParams, ModuleCallable, State, check


def linear() -> ModuleCallable[DictParams]:
    @check
    def forward(
        params: DictParams, data: Data, training: bool, state: State, rng: Any
    ) -> tuple[Data, State]:
        return jnp.asarray(data) @ params["w"], state

    return forward


module = linear()
outputs, state = module({"w": jnp.ones((3, 2))}, jnp.ones((8, 3)), False, (), None)
