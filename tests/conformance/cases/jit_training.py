"""jit training flag: jax.jit traces a forward pass's training flag unless it is static, so branching on it fails."""

from typing import Any

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import Data, Params, State, check

# case jit_forward_branches_on_training: rejected by runtime, mypy+plugin
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    if training:
        data = jax.tree.map(lambda a: a * 0.5, data)
    return data, state
jax.jit(forward)({"w": jnp.zeros(3)}, jnp.zeros((4, 3)), True, None, None)

# case jit_forward_static_argnames: accepted
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    if training:
        data = jax.tree.map(lambda a: a * 0.5, data)
    return data, state
jax.jit(forward, static_argnames="training")({"w": jnp.zeros(3)}, jnp.zeros((4, 3)), True, None, None)

# case jit_forward_static_argnums: accepted
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    if not training:
        return data, state
    return jax.tree.map(lambda a: a * 0.5, data), state
jax.jit(forward, static_argnums=2)({"w": jnp.zeros(3)}, jnp.zeros((4, 3)), False, None, None)

# case jit_forward_static_argnames_tuple: accepted
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    if training:
        data = jax.tree.map(lambda a: a * 0.5, data)
    return data, state
jax.jit(forward, static_argnames=("training",))({"w": jnp.zeros(3)}, jnp.zeros((4, 3)), True, None, None)

# case jit_forward_not_training_first: rejected by runtime, mypy+plugin
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    if not training:
        return data, state
    return jax.tree.map(lambda a: a * 0.5, data), state
jax.jit(forward)({"w": jnp.zeros(3)}, jnp.zeros((4, 3)), False, None, None)

# case jit_forward_training_and_rng: rejected by runtime, mypy+plugin
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    if training and rng is not None:
        data = jax.tree.map(lambda a: a * 0.5, data)
    return data, state
jax.jit(forward)({"w": jnp.zeros(3)}, jnp.zeros((4, 3)), True, None, jax.random.key(0))

# case jit_checked_forward_lax_cond: rejected by runtime, mypy+plugin
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    out = jax.lax.cond(training, lambda d: d, lambda d: d, data)
    return out, state
jax.jit(forward)({"w": jnp.zeros(3)}, jnp.zeros((4, 3)), True, None, None)

# case jit_forward_lax_cond: accepted
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    out = jax.lax.cond(training, lambda d: d, lambda d: d, data)
    return out, state
jax.jit(forward)({"w": jnp.zeros(3)}, jnp.zeros((4, 3)), True, None, None)

# case jit_forward_where_on_training: accepted
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return jax.tree.map(lambda a: jnp.where(training, a * 0.5, a), data), state
jax.jit(forward)({"w": jnp.zeros(3)}, jnp.zeros((4, 3)), True, None, None)

# case jit_checked_forward_static_training: accepted
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    out = jax.lax.cond(training, lambda d: d, lambda d: d, data)
    return out, state
jax.jit(forward, static_argnames="training")({"w": jnp.zeros(3)}, jnp.zeros((4, 3)), True, None, None)

# case jit_decorator_branches_on_flag: rejected by runtime, mypy+plugin
@jax.jit
def dropout(x: Array, training: bool) -> Array:
    if training:
        return x * 0.5
    return x
dropout(jnp.zeros((4, 3)), True)

# case jit_decorator_flag_with_default: accepted
@jax.jit
def dropout(x: Array, training: bool = False) -> Array:
    if training:
        return x * 0.5
    return x
dropout(jnp.zeros((4, 3)))
