"""Code annotated with raw jaxtyping: with the plugin on, none of it is an error."""

from typing import Any

import jax
from jaxtyping import Array, Float, PyTree


def scale(tree: PyTree[Float[Array, "b d"], " T"], factor: float) -> PyTree[Float[Array, "b d"], " T"]:
    def leaf(a: Array) -> Array:
        return a * factor

    out: PyTree[Float[Array, "b d"], " T"] = jax.tree_util.tree_map(leaf, tree)
    return out


def count_leaves(tree: PyTree[Any]) -> int:
    return len(jax.tree_util.tree_leaves(tree))


def combine(x: PyTree[Float[Array, "b d"], " T"], y: PyTree[Float[Array, "b d"], " T"]) -> PyTree[Float[Array, "b"]]:
    def dot(a: Array, b: Array) -> Array:
        return (a * b).sum(axis=-1)

    out: PyTree[Float[Array, "b"]] = jax.tree_util.tree_map(dot, x, y)
    return out


def first(tree: PyTree[Float[Array, "..."]]) -> Float[Array, "..."]:
    leaves: list[Array] = jax.tree_util.tree_leaves(tree)
    return leaves[0]
