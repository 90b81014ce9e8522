"""Per-call cost of ``batchtyping.check`` next to ``jaxtyped(typechecker=beartype)``.

    python benchmarks/runtime_check.py                    # 1 / 10 / 100 / 1,000 leaves
    python benchmarks/runtime_check.py --sizes 1 10 --budget 0.02   # a smoke run

In one process, for each signature and size, the same call is timed undecorated, under
``batchtyping.check`` and under the reference ``jaxtyped(typechecker=beartype)``
(``timeit`` with the process's CPU time as its clock, which the other processes of a shared
machine disturb less than wall time; the best of ``--repeat`` rounds of calls lasting about
``--budget`` CPU seconds each; the reference gets fewer calls at large sizes, at least one
per round). Leaves are
float32 arrays of shape (8, 3) (params: (3,), state: int32 (2,)) in a dict per argument.

Signatures: ``Params`` (one argument, returned), a ``DataFixed`` pair
(``(x: DataFixed, y: DataFixed) -> DataFixed``) and a full forward pass
(``(params: Params, data: DataFixed, training: bool, state: State, rng) -> (DataFixed, State)``).
"leaves checked" counts every leaf of every argument and of the return value. Targets:
reference / check >= 20 at every size; check within 10 us + 1 us per leaf checked.
"""

from __future__ import annotations

import argparse
import time
import timeit
from collections.abc import Callable
from typing import Any

import jax.numpy as jnp

import batchtyping as bt
from batchtyping._call import check, reference

TARGET_RATIO = 20.0


def params_fn(params: bt.Params) -> bt.Params:
    return params


def pair_fn(x: bt.DataFixed, y: bt.DataFixed) -> bt.DataFixed:
    return x


def forward_fn(params: bt.Params, data: bt.DataFixed, training: bool, state: bt.State,
               rng: Any) -> tuple[bt.DataFixed, bt.State]:
    return data, state


def _cases(n: int) -> list[tuple[str, Callable[..., Any], tuple[Any, ...], int]]:
    params = {f"p{i}": jnp.ones(3) for i in range(n)}
    data = {f"x{i}": jnp.ones((8, 3)) for i in range(n)}
    state = {f"s{i}": jnp.ones(2, jnp.int32) for i in range(n)}
    return [
        ("Params", params_fn, (params,), 2 * n),
        ("DataFixed pair", pair_fn, (data, data), 3 * n),
        ("forward pass", forward_fn, (params, data, True, state, None), 5 * n),
    ]


def _per_call(fn: Callable[..., Any], args: tuple[Any, ...], budget: float, repeat: int) -> float:
    fn(*args)  # compile / warm caches
    start = time.process_time()
    fn(*args)
    once = max(time.process_time() - start, 1e-7)
    number = max(1, int(budget / once))
    rounds = timeit.repeat(lambda: fn(*args), number=number, repeat=repeat, timer=time.process_time)
    return min(rounds) / number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--budget", type=float, default=0.2, help="seconds per round")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    header = ("| signature | leaves per argument | leaves checked | plain us | check us "
              "| jaxtyped+beartype us | ratio | check us per leaf | budget us | within |")
    print(header)
    print("|" + "|".join("---:" if i else "---" for i in range(header.count("|") - 1)) + "|")
    worst = float("inf")
    for n in args.sizes:
        for name, fn, call_args, checked_leaves in _cases(n):
            plain = _per_call(fn, call_args, args.budget / 4, args.repeat)
            ours = _per_call(check(fn), call_args, args.budget, args.repeat)
            ref = _per_call(reference(fn), call_args, args.budget, min(args.repeat, 2))
            ratio = ref / ours
            worst = min(worst, ratio)
            budget_us = 10 + checked_leaves
            print(f"| {name} | {n:,} | {checked_leaves:,} | {plain * 1e6:.1f} | {ours * 1e6:,.1f} "
                  f"| {ref * 1e6:,.0f} | {ratio:,.0f}x | {ours * 1e6 / checked_leaves:.2f} "
                  f"| {budget_us:,} | {'yes' if ours * 1e6 <= budget_us else 'no'} |", flush=True)
    print(f"\nworst ratio {worst:,.0f}x (target >= {TARGET_RATIO:.0f}x): "
          f"{'met' if worst >= TARGET_RATIO else 'MISSED'}")


if __name__ == "__main__":
    main()
