"""models: init/apply functions, forward passes and params dicts."""

from typing import Any

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    ArrayData,
    BatchlessRealDataFixed,
    Data,
    DictParams,
    ModuleCallable,
    Params,
    RealDataFixed,
    State,
    check,
)

# bug init_integer_weights: caught by runtime, mypy+plugin
@check
def init(n_in: int, n_out: int) -> Params:
    return {"w": jnp.zeros((n_in, n_out)), "b": jnp.zeros(n_out, dtype=jnp.int32)}
init(3, 2)

# twin init_integer_weights
@check
def init(n_in: int, n_out: int) -> Params:
    return {"w": jnp.zeros((n_in, n_out)), "b": jnp.zeros(n_out)}
init(3, 2)

# bug init_arange_bias: caught by runtime
@check
def init(n: int) -> DictParams:
    return {"w": jnp.ones((n, n)), "b": jnp.arange(n)}
init(3)

# twin init_arange_bias
@check
def init(n: int) -> DictParams:
    return {"w": jnp.ones((n, n)), "b": jnp.arange(n, dtype=jnp.float32)}
init(3)

# bug apply_example_as_batch: caught by runtime, mypy+plugin
@check
def apply(params: DictParams, x: RealDataFixed) -> None: ...
@check
def predict_one(params: DictParams, example: BatchlessRealDataFixed) -> None:
    apply(params, example)
predict_one({"w": jnp.ones((3, 2))}, jnp.ones(3))

# twin apply_example_as_batch
@check
def apply(params: DictParams, x: RealDataFixed) -> None: ...
@check
def predict_one(params: DictParams, example: BatchlessRealDataFixed) -> None:
    apply(params, jax.tree.map(lambda a: a[None], example))
predict_one({"w": jnp.ones((3, 2))}, jnp.ones(3))

# bug forward_missing_rng: caught by runtime, static
@check
def forward(params: Params, data: Data, training: bool, state: State) -> tuple[Data, State]:
    return data, state
model: ModuleCallable = forward
model(None, jnp.ones((4, 3)), True, None, None)

# twin forward_missing_rng
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
model: ModuleCallable = forward
model(None, jnp.ones((4, 3)), True, None, None)

# bug forward_returns_data_only: caught by static
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> Data:
    return data
model: ModuleCallable = forward
model(None, jnp.ones((4, 3)), True, None, None)

# twin forward_returns_data_only
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
model: ModuleCallable = forward
model(None, jnp.ones((4, 3)), True, None, None)

# bug forward_pools_the_batch: caught by runtime
@check
def forward(params: Params, data: ArrayData, training: bool, state: State, rng: Any) -> tuple[ArrayData, State]:
    return jnp.mean(data, axis=0), state
forward(None, jnp.ones((4, 3)), True, None, None)

# twin forward_pools_the_batch
@check
def forward(params: Params, data: ArrayData, training: bool, state: State, rng: Any) -> tuple[ArrayData, State]:
    return jnp.mean(data, axis=1, keepdims=True), state
forward(None, jnp.ones((4, 3)), True, None, None)

# bug jit_forward_traced_training: caught by runtime, mypy+plugin
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    if training:
        data = jax.tree.map(lambda a: a * 0.9, data)
    return data, state
jax.jit(forward)({"w": jnp.ones(3)}, jnp.ones((4, 3)), True, None, None)

# twin jit_forward_traced_training
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    if training:
        data = jax.tree.map(lambda a: a * 0.9, data)
    return data, state
jax.jit(forward, static_argnames="training")({"w": jnp.ones(3)}, jnp.ones((4, 3)), True, None, None)

# bug jit_checked_dropout: caught by runtime, mypy+plugin
@check
def dropout(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return jax.tree.map(lambda a: jnp.where(training, a * 0.5, a), data), state
jax.jit(dropout)(None, jnp.ones((4, 3)), True, None, None)

# twin jit_checked_dropout
@check
def dropout(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return jax.tree.map(lambda a: jnp.where(training, a * 0.5, a), data), state
jax.jit(dropout, static_argnums=2)(None, jnp.ones((4, 3)), True, None, None)

# bug params_list_vs_dict_update: caught by runtime, mypy+plugin
from batchtyping import ParamsT
@check
def sgd(params: ParamsT, grads: ParamsT) -> ParamsT:
    out: ParamsT = jax.tree.map(lambda p, g: p - 0.1 * g, params, grads)
    return out
weights: dict[str, Array] = {"w": jnp.ones(3)}
grads: list[Array] = [jnp.ones(3)]
sgd(weights, grads)

# twin params_list_vs_dict_update
from batchtyping import ParamsT
@check
def sgd(params: ParamsT, grads: ParamsT) -> ParamsT:
    out: ParamsT = jax.tree.map(lambda p, g: p - 0.1 * g, params, grads)
    return out
weights: dict[str, Array] = {"w": jnp.ones(3)}
grads: dict[str, Array] = {"w": jnp.ones(3)}
sgd(weights, grads)

# bug forward_state_string_leaf: caught by runtime, mypy+plugin, pyright
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
forward(None, jnp.ones((4, 3)), True, {"phase": "train"}, None)

# twin forward_state_string_leaf
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
forward(None, jnp.ones((4, 3)), True, {"phase": jnp.zeros(())}, None)

# bug integer_labels_as_data: caught by runtime, mypy+plugin
@check
def loss(params: Params, x: Data, y: Data) -> Array:
    return jnp.zeros(())
loss({"w": jnp.ones(3)}, jnp.ones((4, 3)), jnp.array([0, 1, 1, 0]))

# twin integer_labels_as_data
@check
def loss(params: Params, x: Data, y: Data) -> Array:
    return jnp.zeros(())
loss({"w": jnp.ones(3)}, jnp.ones((4, 3)), jnp.array([0.0, 1.0, 1.0, 0.0]))
