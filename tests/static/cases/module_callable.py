"""ModuleCallable: the forward pass, its type parameters and their defaults."""

from typing import Any

from jax import Array
from typing_extensions import assert_type

from _helpers import f32, i32, rejected
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


@check
def apply(module: ModuleCallable, params: Params, data: Data, state: State) -> tuple[Data, State]:
    return module(params, data, True, state, None)


@check
def apply_dict(
    module: ModuleCallable[DictParams, DictState],
    params: DictParams,
    data: Data,
    state: DictState,
) -> tuple[Data, DictState]:
    return module(params, data, True, state, None)


def identity(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state


def dense(
    params: DictParams, data: Data, training: bool, state: DictState, rng: Any
) -> tuple[Data, DictState]:
    return data, {"count": state["count"] + 1}


def on_arrays(
    params: DictParams, data: Array, training: bool, state: DictState, rng: Any
) -> tuple[Array, DictState]:
    return data * params["w"], state


def pair_state(
    params: Params, data: Data, training: bool, state: tuple[Array, Array], rng: Any
) -> tuple[Data, tuple[Array, Array]]:
    return data, (state[1], state[0])


def keyed_only(params: DictParams, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    _ = params["w"]  # indexes its params by key: not a bare ModuleCallable
    return data, state


def four_arguments(params: Params, data: Data, training: bool, state: State) -> tuple[Data, State]:
    return data, state


def data_only(params: DictParams, data: Data, training: bool, state: DictState, rng: Any) -> Data:
    return data


def tuple_state(
    params: DictParams, data: Data, training: bool, state: DictState, rng: Any
) -> tuple[Data, TupleState]:
    return data, (state["count"],)


# Accepted: bare ModuleCallable is the seed's type; the parameters narrow it.
plain: ModuleCallable = identity
keyed: ModuleCallable[DictParams, DictState] = dense
arrays_only: ModuleCallable[DictParams, DictState, Array] = on_arrays
paired: ModuleCallable[Params, tuple[Array, Array]] = pair_state
assert_type(paired(None, f32(3), True, (i32(), i32()), None)[1], tuple[Array, Array])
assert_type(keyed({"w": f32(2)}, f32(3), False, {"count": i32()}, None), tuple[Data, DictState])
assert_type(arrays_only({"w": f32(3)}, f32(3), False, {}, None), tuple[Array, DictState])
assert_type(plain(None, f32(3), True, None, None), tuple[Data, State])
apply(identity, {"w": f32(2)}, f32(3, 2), {"count": i32()})
apply_dict(dense, {"w": f32(2)}, f32(3, 2), {"count": i32()})

# Rejected by the checkers and by the runtime.
with rejected(TypeError):
    apply(four_arguments, {"w": f32(2)}, f32(3, 2), {})  # type: ignore[arg-type]
with rejected():
    apply_dict(data_only, {"w": f32(2)}, f32(3, 2), {"count": i32()})  # type: ignore[arg-type]
with rejected():
    apply_dict(tuple_state, {"w": f32(2)}, f32(3, 2), {"count": i32()})  # type: ignore[arg-type]
with rejected():
    apply(3, {"w": f32(2)}, f32(3, 2), {})  # type: ignore[arg-type]
with rejected(TypeError):
    apply(keyed_only, (f32(2),), f32(3, 2), {})  # type: ignore[arg-type]
