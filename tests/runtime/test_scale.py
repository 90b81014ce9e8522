"""Huge trees complete (linear time; the ratios are measured in benchmarks/runtime_check.py)."""

from __future__ import annotations

import time
from typing import Any

import jax.numpy as jnp
import pytest
from jaxtyping import TypeCheckError

import batchtyping as bt
from batchtyping import check

LEAVES = 10_000


@check
def forward(params: bt.Params, data: bt.DataFixed, training: bool, state: bt.State,
            rng: Any) -> tuple[bt.DataFixed, bt.State]:
    return data, state


def test_a_ten_thousand_leaf_forward_pass_completes() -> None:
    leaf, batch = jnp.ones(3), jnp.ones((8, 3))
    params = {f"p{i}": leaf for i in range(LEAVES)}
    data = [{"x": batch} for _ in range(LEAVES)]
    state = tuple(jnp.ones(2, jnp.int32) for _ in range(LEAVES))
    start = time.perf_counter()
    out, new_state = forward(params, data, True, state, None)
    assert time.perf_counter() - start < 30
    assert out is data and new_state is state
    data[-1] = {"x": jnp.ones((7, 3))}
    with pytest.raises(TypeCheckError, match=r'data\[9999\]\["x"\]: shape \(7, 3\): batch_size is 8'):
        forward(params, data, True, state, None)


def test_an_eight_thousand_leaf_data_fixed_pair_completes() -> None:
    @check
    def center(x: bt.DataFixed, mean: bt.BatchlessDataFixed) -> bt.DataFixed:
        return x

    x = {f"k{i}": jnp.ones((4, 2)) for i in range(8_000)}
    mean = {f"k{i}": jnp.ones(2) for i in range(8_000)}
    start = time.perf_counter()
    center(x, mean)
    assert time.perf_counter() - start < 30


def test_a_deep_tree_gives_a_bounded_message() -> None:
    tree: Any = jnp.ones(2, jnp.int32)
    for _ in range(300):
        tree = [tree]

    @check
    def f(params: bt.Params) -> None: ...

    with pytest.raises(TypeCheckError) as info:
        f(tree)
    line = str(info.value).splitlines()[1]
    assert line == ("  params" + "[0]" * 20 + "..." + "[0]" * 20
                    + ": dtype int32, expected Inexact (a float or complex dtype)")


def test_concurrent_calls_keep_their_own_bindings() -> None:
    from concurrent.futures import ThreadPoolExecutor

    @check
    def add(x: bt.Data, y: bt.ArrayData) -> bt.Data:
        return x

    def calls(batch: int) -> list[bool]:
        verdicts = []
        for i in range(30):
            try:
                add({"a": jnp.ones((batch, 2))}, jnp.ones(batch + i % 2))
                verdicts.append(True)
            except TypeCheckError:
                verdicts.append(False)
        return verdicts

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(calls, [1, 2, 3, 4, 5, 6, 7, 8]))
    assert results == [[i % 2 == 0 for i in range(30)]] * 8


def test_jaxtypings_off_switch_turns_check_off() -> None:
    import jaxtyping

    @check
    def f(params: bt.Params) -> bt.Params:
        return params

    jaxtyping.config.update("jaxtyping_disable", True)
    try:
        assert f("not params") == "not params"
    finally:
        jaxtyping.config.update("jaxtyping_disable", False)
    with pytest.raises(TypeCheckError):
        f("not params")
