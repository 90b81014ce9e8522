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


def fit(
    x: PyTree[Float[Array, "b d"], " In"],
    y: PyTree[Float[Array, "b 1"], " Out"],
    x_val: PyTree[Float[Array, "v d"], " In"],
) -> PyTree[Float[Array, "b 1"], " Out"]:
    return y


def train(inputs: tuple[Array, Array], targets: Array, held_out: tuple[Array]) -> None:
    fit(inputs, targets, inputs)
    fit(inputs, targets, held_out)  # seeded: the second " In" tree has another structure
