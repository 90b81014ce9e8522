"""One call per plugin rule, checked by the oldest and the newest supported mypy.

Every line that must be reported ends with ``# expect: <code>``.
"""

import functools
from typing import Any, Literal

import jax
import jax.numpy as jnp
from jax import Array
from jaxtyping import Float, PyTree

from batchtyping import (
    BatchlessDataFixed,
    ComplexDataFixed,
    Data,
    DataFixed,
    DictParams,
    DictState,
    ModuleCallable,
    Params,
    RealDataFixed,
    State,
)


def batched(x: DataFixed) -> DataFixed:
    return x


def per_example(p: Params, x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x


def complex_only(x: ComplexDataFixed) -> None: ...


def scale(x: DataFixed, mean: BatchlessDataFixed) -> DataFixed:
    return x


def train(x: DataFixed[Literal["In"]], y: DataFixed[Literal["Out"]], v: DataFixed[Literal["In"]]) -> None: ...


def raw(x: PyTree[Float[Array, "b"], " T"], y: PyTree[Float[Array, "b"], " T"]) -> None: ...


def forward(p: DictParams, x: Data, training: bool, s: DictState, rng: Any) -> tuple[Data, DictState]:
    return x, s


module: ModuleCallable[DictParams, DictState] = forward


def rules(p: Params, a: Array, xb: BatchlessDataFixed, xd: DataFixed, r: RealDataFixed) -> None:
    batched(xb)  # expect: batch-dim
    per_example(p, xd)  # expect: batch-dim
    vmapped = jax.vmap(per_example, in_axes=(None, 0))
    vmapped(p, xd)
    vmapped(p, xb)  # expect: batch-dim
    functools.partial(per_example, p)(xd)  # expect: batch-dim
    complex_only(r)  # expect: batch-dtype
    complex_only(jnp.abs(a))  # expect: batch-dtype
    scale((a, a), (a, a, a))  # expect: batch-structure
    raw((a,), [a])  # expect: batch-structure
    train((a,), [a, a], (a,))
    train((a,), [a, a], [a])  # expect: batch-structure
    batched("not an array")  # expect: batch-leaf
    batched(xb)  # type: ignore[batch-dim]
    pair: tuple[Array, Array] = batched((a, a))
    del pair


def node(s: State) -> None: ...


@jax.tree_util.register_static
class Static:
    pass


node(Static())


class Scale:
    def __call__(self, x: BatchlessDataFixed) -> BatchlessDataFixed:
        return x


def branching(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    if training:
        return data, state
    return data, state


def new_rules(p: Params, a: Array, xb: BatchlessDataFixed, xd: DataFixed) -> None:
    g = functools.partial(per_example, p)
    g = jax.vmap(g)
    g(xd)
    g(xb)  # expect: batch-dim
    jax.vmap(Scale())(xd)
    jax.vmap(lambda v: v)(xd)
    node(jnp.zeros(3, dtype=bool))  # expect: batch-dtype
    batched({"w": jnp.arange(3)})  # expect: batch-dtype
    complex_only(jnp.zeros((4, 3)))  # expect: batch-dtype
    batched(a)
    jax.jit(branching)  # expect: batch-jit
    jax.jit(branching, static_argnames="training")


def phase(x: Array) -> RealDataFixed:
    return jnp.exp(1j * x)  # expect: batch-dtype
