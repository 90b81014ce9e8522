"""The State family binds structure and per-leaf shapes between a call's state argument
and the state it returns, whatever spelling each side uses."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import pytest
from jaxtyping import TypeCheckError

import batchtyping as bt
from batchtyping import check
from tests.test_runtime import MODES, f32, i32, run

SPELLINGS = ["State", "DictState", "StateT"]


def _step(argument: str, returned: str, body: Any) -> Any:
    """``check`` on ``step(params, x, state: argument) -> tuple[Data, returned]``."""

    def step(params: Any, x: Any, state: Any) -> Any:
        return x, body(state)

    step.__annotations__ = {"params": bt.DictParams, "x": bt.Data, "state": getattr(bt, argument),
                            "return": tuple[bt.Data, getattr(bt, returned)]}
    return check(step)


def _drop_var(state: dict[str, jax.Array]) -> dict[str, jax.Array]:
    return {"mean": state["mean"] * 0.9}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("argument", SPELLINGS)
@pytest.mark.parametrize("returned", SPELLINGS)
def test_a_batch_norm_step_that_drops_a_key_is_rejected(mode: str, argument: str, returned: str) -> None:
    params, x, state = {"scale": f32(3)}, f32(4, 3), {"mean": f32(3), "var": f32(3)}
    run(mode, _step(argument, returned, lambda s: jax.tree.map(lambda a: a * 0.9, s)), params, x, state)
    with pytest.raises(TypeCheckError, match=r'missing leaves \["var"\]'):
        run(mode, _step(argument, returned, _drop_var), params, x, state)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("spelling", ["TupleState", "ListState", "State"])
def test_a_step_that_reshapes_every_leaf_is_rejected(mode: str, spelling: str) -> None:
    kind = tuple if spelling != "ListState" else list
    alias = getattr(bt, spelling)

    def keep(state: Any) -> Any:
        return kind(a + 1 for a in state)

    def reshape(state: Any) -> Any:
        return kind(a.reshape(-1, 1) for a in state)

    for fn in (keep, reshape):  # local names: string annotations would not resolve
        fn.__annotations__ = {"state": alias, "return": alias}
    keep, reshape = check(keep), check(reshape)

    state = kind([i32(3), f32(2)])
    run(mode, keep, state)
    with pytest.raises(TypeCheckError) as info:
        run(mode, reshape, state)
    assert str(info.value).splitlines()[1:] == [
        f'  return[0]: shape (3, 1): the "State" structure of argument "state" binds this '
        "leaf's ?*d to (3,), (3, 1) here",
        f'  return[1]: shape (2, 1): the "State" structure of argument "state" binds this '
        "leaf's ?*d to (2,), (2, 1) here",
    ]


def test_mixed_spellings_bind_the_argument_and_the_return() -> None:
    @check
    def step(a: bt.TupleState, how: int) -> bt.State:
        return a if how == 0 else (i32(), f32(3)) if how == 1 else [i32(), f32(2)]

    step((i32(), f32(2)), 0)
    with pytest.raises(TypeCheckError, match="State"):
        step((i32(), f32(2)), 1)  # a leaf's shape changed
    with pytest.raises(TypeCheckError) as info:
        step((i32(), f32(2)), 2)  # a list's structure is not a tuple's
    assert 'tree structure differs from the "State" structure of argument "a"' in str(info.value)


def test_two_state_arguments_of_different_spellings_are_independent() -> None:
    """As in jaxtyping: only ``State`` itself binds across arguments."""

    @check
    def merge(a: bt.TupleState, b: bt.State) -> bt.State:
        return b

    out = merge((i32(), f32(2)), [i32(), f32(3)])  # other structures and shapes: accepted
    assert isinstance(out, list) and out[1].shape == (3,)


def test_a_state_of_a_registered_node_class_binds_too() -> None:
    from tests.test_runtime import Box

    @check
    def grow(state: bt.State) -> bt.State:
        return Box(jnp.concatenate([state.value, state.value]))

    with pytest.raises(TypeCheckError, match=r"binds this leaf's \?\*d to \(2,\), \(4,\) here"):
        grow(Box(i32(2)))


def test_two_different_states_in_one_signature_stay_independent() -> None:
    """jaxtyping accepts a State and a DictState of other structures side by side: so do we;
    one state argument still binds the returned state (the tests above)."""
    import jax.numpy as jnp

    from batchtyping import DictState, State, check

    @check
    def count(state: State, counter: DictState) -> DictState:
        return counter

    out = count({"mean": jnp.zeros(3)}, {"step": jnp.zeros((), jnp.int32)})
    assert set(out) == {"step"}
