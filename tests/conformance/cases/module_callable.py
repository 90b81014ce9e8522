"""ModuleCallable shape: a forward pass is (params, data, training, state, rng) -> (data, state)."""

from typing import Any

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    Data,
    DictParams,
    DictState,
    ModuleCallable,
    Params,
    State,
    TupleState,
    check,
)

# case forward_pass_fits: accepted
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
@check
def apply(module: ModuleCallable, params: Params, x: Data, state: State) -> tuple[Data, State]:
    return module(params, x, True, state, None)
apply(forward, {"w": jnp.zeros(3)}, jnp.zeros((4, 3)), None)

# case module_returned_from_factory: accepted
def make() -> ModuleCallable:
    @check
    def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
        return data, state
    return forward
make()(None, jnp.zeros((4, 3)), False, None, jax.random.key(0))

# case module_assigned_to_variable: accepted
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), False, {"n": jnp.zeros(())}, None)

# case module_lambda: accepted
module: ModuleCallable = lambda params, data, training, state, rng: (data, state)
module(None, jnp.zeros((4, 3)), False, None, None)

# case module_extra_defaulted_parameter: accepted
@check
def forward(
    params: Params, data: Data, training: bool, state: State, rng: Any, scale: float = 1.0
) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), False, None, None)

# case module_missing_rng: rejected by runtime, static
@check
def forward(params: Params, data: Data, training: bool, state: State) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), False, None, None)

# case module_extra_required_parameter: rejected by runtime, static
@check
def forward(
    params: Params, data: Data, training: bool, state: State, rng: Any, depth: int
) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), False, None, None)

# case module_training_and_state_swapped: rejected by runtime, static
@check
def forward(params: Params, data: Data, state: State, training: bool, rng: Any) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), False, None, None)

# case module_returns_data_only: rejected by runtime, static
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> Data:
    return data
@check
def apply(module: ModuleCallable, x: Data) -> tuple[Data, State]:
    return module(None, x, False, None, None)
apply(forward, jnp.zeros((4, 3)))

# case checked_module_returns_data_only: rejected by runtime, static
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> Data:
    return data
@check
def apply(module: ModuleCallable, x: Data) -> tuple[Data, State]:
    return module(None, x, False, None, None)
apply(forward, jnp.zeros((4, 3)))

# case module_passed_with_missing_rng: rejected by runtime, static
def forward(params: Params, data: Data, training: bool, state: State) -> tuple[Data, State]:
    return data, state
@check
def apply(module: ModuleCallable, x: Data) -> tuple[Data, State]:
    return module(None, x, False, None, None)
apply(forward, jnp.zeros((4, 3)))

# case module_passed_with_data_first: rejected by runtime
@check
def forward(data: Data, params: Params, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
@check
def apply(module: ModuleCallable, x: Data) -> tuple[Data, State]:
    return module({"w": jnp.zeros(3)}, x, False, None, None)
apply(forward, jnp.zeros((4, 3)))

# case module_returns_triple: rejected by runtime, static
def forward(
    params: Params, data: Data, training: bool, state: State, rng: Any
) -> tuple[Data, State, Array]:
    return data, state, jnp.zeros(())
@check
def apply(module: ModuleCallable, x: Data) -> tuple[Data, State]:
    return module(None, x, False, None, None)
apply(forward, jnp.zeros((4, 3)))

# case module_not_callable: rejected by runtime, static
@check
def apply(module: ModuleCallable, x: Data) -> None: ...
apply({"w": jnp.zeros(3)}, jnp.zeros((4, 3)))

# case module_dict_params_fits_dict_module: accepted
@check
def forward(
    params: DictParams, data: Data, training: bool, state: State, rng: Any
) -> tuple[Data, State]:
    return data, state
module: ModuleCallable[DictParams] = forward
module({"scale": jnp.ones(())}, jnp.zeros((4, 3)), False, None, None)

# case module_dict_params_as_bare_module: rejected by runtime, static
@check
def forward(
    params: DictParams, data: Data, training: bool, state: State, rng: Any
) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module((jnp.ones(()),), jnp.zeros((4, 3)), False, None, None)

# case module_dict_state_fits: accepted
@check
def forward(
    params: Params, data: Data, training: bool, state: DictState, rng: Any
) -> tuple[Data, DictState]:
    return data, {"count": state["count"] + 1}
module: ModuleCallable[Params, DictState] = forward
module(None, jnp.zeros((4, 3)), False, {"count": jnp.zeros(())}, None)

# case module_state_structure_changes: rejected by runtime, static
@check
def forward(
    params: Params, data: Data, training: bool, state: tuple[Array, Array], rng: Any
) -> tuple[Data, tuple[Array]]:
    return data, (state[0],)
module: ModuleCallable[Params, tuple[Array, Array]] = forward
@check
def step(state: tuple[Array, Array]) -> tuple[Array, Array]:
    return module(None, jnp.zeros((4, 3)), True, state, None)[1]
step((jnp.zeros(3), jnp.zeros(3)))

# case module_tuple_state_fits: accepted
@check
def forward(
    params: Params, data: Data, training: bool, state: TupleState, rng: Any
) -> tuple[Data, TupleState]:
    return data, state
module: ModuleCallable[Params, TupleState] = forward
module(None, jnp.zeros((4, 3)), False, (jnp.zeros(3),), None)

# case module_array_data_only: accepted
@check
def forward(
    params: Params, data: Array, training: bool, state: State, rng: Any
) -> tuple[Array, State]:
    return data, state
module: ModuleCallable[Params, State, Array] = forward
module(None, jnp.zeros((4, 3)), False, None, None)

# case module_keyword_names_free: accepted
@check
def forward(p: Params, x: Data, train: bool, s: State, key: Any) -> tuple[Data, State]:
    return x, s
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), True, None, None)

# case module_called_with_int_params: rejected by runtime
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module(jnp.arange(3), jnp.zeros((4, 3)), True, None, None)

# case module_called_with_str_state: rejected by runtime, pyright, basedpyright
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), True, "state", None)

# case module_training_not_bool: rejected by runtime, static
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), jnp.zeros(()), None, None)

# case module_batch_changes: rejected by runtime
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    out: Data = jax.tree.map(lambda a: a[:2], data)
    return out, state
module: ModuleCallable = forward
module(None, jnp.zeros((4, 3)), True, None, None)

# case bound_method_as_module: accepted
class Dense:
    @check
    def apply(self, params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
        return data, state
module: ModuleCallable = Dense().apply
module(None, jnp.zeros((4, 3)), False, None, None)

# case bound_method_wrong_arity: rejected by runtime, static
class Dense:
    @check
    def apply(self, params: Params, data: Data, state: State) -> tuple[Data, State]:
        return data, state
module: ModuleCallable = Dense().apply
module(None, jnp.zeros((4, 3)), False, None, None)

# case callable_object_as_module: accepted
class Identity:
    @check
    def __call__(self, params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
        return data, state
module: ModuleCallable = Identity()
module(None, jnp.zeros((4, 3)), False, None, None)

# case jitted_forward_as_module: accepted
@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state
module: ModuleCallable = jax.jit(forward, static_argnums=2)
module(None, jnp.zeros((4, 3)), False, None, None)
