"""Odds and ends: version-dependent helpers, timers, shape utilities."""

from __future__ import annotations

import contextlib
import functools
import sys
import time

import jax
import jax.numpy as jnp
from jaxtyping import Array, Inexact, PyTree

from .typing import Any, Callable, Data, DataShape, Dict, List, Tuple

if sys.version_info >= (3, 12):

    def batched(items: List[Any], n: int) -> List[Tuple[Any, ...]]:
        import itertools

        return [tuple(chunk) for chunk in itertools.batched(items, n)]

else:

    def batched(items, n):
        return [tuple(items[i : i + n]) for i in range(0, len(items), n)]


if hasattr(jax, "tree"):

    def tree_leaves(tree: Any) -> List[Any]:
        return jax.tree.leaves(tree)

else:  # pragma: no cover

    def tree_leaves(tree):
        return jax.tree_util.tree_leaves(tree)


@contextlib.contextmanager
def timer(label: str, sink: Dict[str, float] = None):
    start = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - start
        if sink is not None:
            sink[label] = sink.get(label, 0.0) + elapsed


def memoize_shape(fn: Callable[[DataShape], DataShape]) -> Callable[[DataShape], DataShape]:
    @functools.lru_cache(maxsize=None)
    def cached(shape: Tuple[int, ...]) -> DataShape:
        return fn(shape)

    def wrapper(shape: DataShape) -> DataShape:
        return cached(tuple(shape))

    return wrapper


def shapes_of(items: List[Data]) -> List[DataShape]:
    return [tuple(x.shape[1:]) for x in items]


def pairwise_apply(
    fn: Callable[[Any, Any], Any],
    pairs: (
        List[Tuple[PyTree[Inexact[Array, "..."], " L"], PyTree[Inexact[Array, "..."], " L"]]]
        | None
    ) = None,
) -> List[Any]:
    """``fn(a, b)`` for each pair of same-structure trees."""
    if pairs is None:
        return []
    return [fn(a, b) for a, b in pairs]


def complex_to_real(x: Data) -> Data:
    """Splits a complex array into real and imaginary parts on the last axis."""
    return jnp.concatenate([x.real, x.imag], axis=-1)


def real_to_complex(x: Data) -> Data:
    half = x.shape[-1] // 2
    return x[..., :half] + 1j * x[..., half:]


def count_leaves(tree: Any) -> int:
    return len(tree_leaves(tree))
