"""Shape inference over data trees: what one example looks like, without the batch axis."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import cast

import jax
from jax import Array

from batchtyping import ArrayData, ArrayDataShape, Data, DataShape


def is_shape(node: object) -> bool:
    """Whether ``node`` is one ``ArrayDataShape`` (a tuple of ints and Nones), not a container."""
    if not isinstance(node, tuple):
        return False
    return all(d is None or isinstance(d, int) for d in cast(tuple[object, ...], node))


def example_shape(x: ArrayData) -> ArrayDataShape:
    """The shape of one example of ``x``."""
    return tuple(int(d) for d in x.shape[1:])


def data_shape(x: Data) -> DataShape:
    """The shape of one example of every leaf of ``x``, in ``x``'s structure."""

    def leaf_shape(a: Array) -> ArrayDataShape:
        return tuple(int(d) for d in a.shape[1:])

    shapes: DataShape = jax.tree_util.tree_map(leaf_shape, x)
    return shapes


def shape_leaves(shape: DataShape) -> list[ArrayDataShape]:
    """The ``ArrayDataShape`` leaves of a shape tree, in flattening order."""
    leaves: list[ArrayDataShape] = jax.tree_util.tree_leaves(shape, is_leaf=is_shape)
    return leaves


def size(shape: ArrayDataShape) -> int | None:
    """The number of elements of one example; None when a size is unknown."""
    if any(d is None for d in shape):
        return None
    return math.prod(d for d in shape if d is not None)


def total_features(shape: DataShape) -> int:
    """How many numbers one example holds across all leaves; a ValueError if any is unknown."""
    total = 0
    for leaf in shape_leaves(shape):
        count = size(leaf)
        if count is None:
            raise ValueError(f"cannot count the features of a leaf of unknown shape {leaf}")
        total += count
    return total


def concat_shape(shapes: Sequence[ArrayDataShape]) -> ArrayDataShape:
    """The shape of the leaves concatenated along their last axis."""
    if not shapes:
        raise ValueError("concat_shape: no shapes")
    leading = {s[:-1] for s in shapes}
    if len(leading) != 1:
        raise ValueError(f"concat_shape: leaves differ before the last axis: {sorted(map(str, leading))}")
    lasts = [s[-1] for s in shapes]
    last = None if any(d is None for d in lasts) else sum(d for d in lasts if d is not None)
    return (*shapes[0][:-1], last)


def rfft_shape(shape: ArrayDataShape) -> ArrayDataShape:
    """The shape of the one-sided spectrum of one example of ``shape``."""
    if not shape:
        raise ValueError("rfft_shape: a scalar has no spectrum")
    n = shape[-1]
    return (*shape[:-1], None if n is None else n // 2 + 1)


def flat_shape(shape: DataShape) -> ArrayDataShape:
    """The shape of one example after flattening and concatenating every leaf."""
    return (total_features(shape),)


def with_batch(shape: ArrayDataShape, batch_size: int | None = None) -> tuple[int | None, ...]:
    """``shape`` with a leading batch axis (``None``: unknown)."""
    return (batch_size, *shape)
