"""State, TupleState, ListState, DictState, ArrayState and StateT."""

from jax import Array
from typing_extensions import assert_type

from _helpers import c64, f32, i32, np_f32, rejected
from batchtyping import ArrayState, DictState, ListState, State, StateT, TupleState, check


@check
def takes_state(state: State) -> State:
    return state


@check
def takes_tuple(state: TupleState) -> TupleState:
    return state


@check
def takes_list(state: ListState) -> ListState:
    return state


@check
def takes_dict(state: DictState) -> DictState:
    return state


@check
def takes_array(state: ArrayState) -> ArrayState:
    return state


@check
def keep(state: StateT) -> StateT:
    return state


# Accepted.
counters: dict[str, Array] = {"count": i32(), "mean": f32(3)}
takes_state(counters)
takes_state((i32(2), [f32()]))
takes_state(None)
takes_state({})
assert_type(keep(counters), dict[str, Array])
assert_type(keep((i32(), f32(2))), tuple[Array, Array])
takes_tuple((i32(), f32(3)))
takes_tuple(())
takes_list([i32()])
assert_type(takes_dict(counters)["count"], Array)
assert_type(takes_array(i32()), Array)
takes_array(f32(3))
takes_array(c64(2, 2))
takes_state(takes_array(i32()))

# Rejected by the checkers and by the runtime.
with rejected():
    takes_state({"count": 0})  # type: ignore[dict-item]
with rejected():
    takes_state({"mean": np_f32(2)})  # type: ignore[dict-item]
with rejected():
    takes_state({0, 1})  # type: ignore[arg-type]
with rejected():
    takes_tuple([i32()])  # type: ignore[arg-type]
with rejected():
    takes_tuple((0,))  # type: ignore[arg-type]
with rejected():
    takes_list((i32(),))  # type: ignore[arg-type]
with rejected():
    takes_dict({0: i32()})  # type: ignore[dict-item]
with rejected():
    keep({"count": 0})  # type: ignore[type-var]
with rejected():
    takes_array(counters)  # type: ignore[arg-type]
with rejected():
    takes_array(None)  # type: ignore[arg-type]
with rejected():
    takes_array(0)  # type: ignore[arg-type]
with rejected():
    takes_array(np_f32(2))  # type: ignore[arg-type]
