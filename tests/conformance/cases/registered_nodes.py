"""Registered nodes: classes made PyTree nodes by a call only the plugin follows.

``register_static`` and ``register_dataclass`` with explicit fields leave no trace a ``.pyi``
can match, so mypy without the plugin, pyright, pyrefly and ty reject these classes where a
PyTree alias is expected (a known limit, listed in the support matrix); the plugin accepts them.
"""
# judged by: runtime, mypy+plugin

import functools

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import Params, State, check


@jax.tree_util.register_static
class Config:
    def __init__(self, depth: int) -> None:
        self.depth = depth


@functools.partial(jax.tree_util.register_dataclass, data_fields=["count"], meta_fields=[])
class Counter:
    def __init__(self, count: Array) -> None:
        self.count = count


class Plain:
    pass

# case static_class_is_an_empty_tree: accepted
@check
def f(p: Params) -> None: ...
f({"w": jnp.ones(3), "config": Config(2)})

# case static_class_alone: accepted
@check
def f(p: Params) -> None: ...
f(Config(2))

# case explicit_fields_dataclass_state: accepted
@check
def f(s: State) -> None: ...
f(Counter(jnp.zeros((), dtype=jnp.int32)))

# case explicit_fields_dataclass_bool_leaf: rejected by runtime
@check
def f(s: State) -> None: ...
f(Counter(jnp.zeros((), dtype=bool)))

# case explicit_fields_in_list: accepted
@check
def f(p: Params) -> None: ...
f([Counter(jnp.zeros(3)), Config(1)])

# case unregistered_class: rejected by runtime, mypy+plugin
@check
def f(p: Params) -> None: ...
f(Plain())
