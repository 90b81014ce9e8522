"""Tree helpers over params, data and state, annotated with raw jaxtyping structures."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from beartype import beartype
from jaxtyping import Array, Inexact, Num, PyTree, jaxtyped

from .typing import Any, Callable, List, Tuple


@jaxtyped(typechecker=beartype)
def tree_add(
    a: PyTree[Inexact[Array, "..."], " T"], b: PyTree[Inexact[Array, "..."], " T"]
) -> PyTree[Inexact[Array, "..."], " T"]:
    """Leafwise ``a + b`` of two trees of one structure."""
    return jax.tree_util.tree_map(jnp.add, a, b)


@jaxtyped(typechecker=beartype)
def tree_scale(
    tree: PyTree[Inexact[Array, "..."], " T"], factor: float
) -> PyTree[Inexact[Array, "..."], " T"]:
    return jax.tree_util.tree_map(lambda x: factor * x, tree)


@jaxtyped(typechecker=beartype)
def tree_axpy(
    alpha: float,
    x: PyTree[Inexact[Array, "..."], " T"],
    y: PyTree[Inexact[Array, "..."], " T"],
) -> PyTree[Inexact[Array, "..."], " T"]:
    return jax.tree_util.tree_map(lambda u, v: alpha * u + v, x, y)


def tree_dot(a: PyTree[Inexact[Array, "..."], " T"], b: PyTree[Inexact[Array, "..."], " T"]) -> Array:
    parts = jax.tree_util.tree_map(lambda x, y: jnp.vdot(x, y).real, a, b)
    return sum(jax.tree_util.tree_leaves(parts), jnp.zeros(()))


def tree_norm(tree: PyTree[Inexact[Array, "..."]]) -> Array:
    return jnp.sqrt(tree_dot(tree, tree))


def tree_zeros_like(tree: PyTree[Inexact[Array, "..."], " T"]) -> PyTree[Inexact[Array, "..."], " T"]:
    return jax.tree_util.tree_map(jnp.zeros_like, tree)


def tree_size(tree: PyTree[Num[Array, "..."]]) -> int:
    return sum(int(np.prod(leaf.shape)) for leaf in jax.tree_util.tree_leaves(tree))


def tree_shapes(tree: PyTree[Num[Array, "..."], " T"]) -> PyTree[Tuple[int, ...], " T"]:
    """The shape of every leaf, as a tree of tuples of one structure."""
    return jax.tree_util.tree_map(lambda x: tuple(x.shape), tree)


def stack_trees(
    trees: List[PyTree[Inexact[Array, "..."], " T"]],
) -> PyTree[Inexact[Array, "n ..."], " T"]:
    """Stacks a list of trees of one structure along a new leading axis."""
    return jax.tree_util.tree_map(lambda *xs: jnp.stack(xs), *trees)


def unstack_tree(
    tree: PyTree[
        Inexact[Array, "n ?f0 ?*f"], " InStruct"
    ],
) -> List[PyTree[Inexact[Array, "?f0 ?*f"], " InStruct"]]:
    leaves, treedef = jax.tree_util.tree_flatten(tree)
    count = leaves[0].shape[0] if leaves else 0
    return [jax.tree_util.tree_unflatten(treedef, [leaf[i] for leaf in leaves]) for i in range(count)]


def split_batch(
    data: (
        Inexact[Array, "batch ..."]
        | List[PyTree[Inexact[Array, "batch ..."], " D"]]
        | Tuple[PyTree[Inexact[Array, "batch ..."], " D"], ...]
    ),
    size: int,
) -> List[Any]:
    """Splits data (one array, or a list/tuple of trees) into batches of ``size``."""
    leaves, treedef = jax.tree_util.tree_flatten(data)
    total = leaves[0].shape[0]
    out = []
    for start in range(0, total, size):
        part = [leaf[start : start + size] for leaf in leaves]
        out.append(jax.tree_util.tree_unflatten(treedef, part))
    return out


def broadcast_constants(
    values: PyTree[Inexact[Array, "..."], " V"],
    shapes: PyTree[Tuple[int, ...], " Const"] | None = None,
) -> PyTree[Inexact[Array, "..."], " V"]:
    """Broadcasts each leaf of ``values`` to the matching shape (if shapes are given)."""
    if shapes is None:
        return values
    shape_leaves = jax.tree_util.tree_leaves(shapes, is_leaf=lambda s: isinstance(s, tuple))
    value_leaves, treedef = jax.tree_util.tree_flatten(values)
    return jax.tree_util.tree_unflatten(
        treedef, [jnp.broadcast_to(v, s) for v, s in zip(value_leaves, shape_leaves)]
    )


def flatten_params(params: PyTree[Inexact[Array, "..."], " P"]) -> Tuple[Array, Callable[[Array], Any]]:
    """One flat vector of all params, and the function rebuilding the tree."""
    leaves, treedef = jax.tree_util.tree_flatten(params)
    shapes = tuple(leaf.shape for leaf in leaves)
    sizes = tuple(int(np.prod(s)) for s in shapes)
    flat = jnp.concatenate([jnp.ravel(leaf) for leaf in leaves]) if leaves else jnp.zeros((0,))

    def unflatten(vector: Array) -> PyTree[Inexact[Array, "..."], " P"]:
        parts = []
        offset = 0
        for shape, size in zip(shapes, sizes):
            parts.append(vector[offset : offset + size].reshape(shape))
            offset += size
        return jax.tree_util.tree_unflatten(treedef, parts)

    return flat, unflatten


def tree_where(
    mask: PyTree[Num[Array, "..."], " M"],
    on_true: PyTree[Inexact[Array, "..."], " M"],
    on_false: PyTree[Inexact[Array, "..."], " M"],
) -> PyTree[Inexact[Array, "..."], " M"]:
    return jax.tree_util.tree_map(jnp.where, mask, on_true, on_false)


def tree_allclose(a: Any, b: Any, rtol: float = 1e-5, atol: float = 1e-7) -> bool:
    la, ta = jax.tree_util.tree_flatten(a)
    lb, tb = jax.tree_util.tree_flatten(b)
    if ta != tb:
        return False
    return all(bool(jnp.allclose(x, y, rtol=rtol, atol=atol)) for x, y in zip(la, lb))


def leaf_paths(tree: Any) -> Tuple[str, ...]:
    """A readable path for every leaf, in flattening order."""
    paths, _ = jax.tree_util.tree_flatten_with_path(tree)
    return tuple(jax.tree_util.keystr(path) for path, _ in paths)


def map_with_name(fn: Callable[[str, Any], Any], tree: Any) -> Any:
    return jax.tree_util.tree_map_with_path(lambda p, x: fn(jax.tree_util.keystr(p), x), tree)
