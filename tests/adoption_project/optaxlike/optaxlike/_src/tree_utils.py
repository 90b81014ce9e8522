"""Utilities to work with pytrees of arrays."""

import functools
from typing import Any, Optional

import chex
import jax
import jax.numpy as jnp


def tree_add(tree_x: chex.ArrayTree, tree_y: chex.ArrayTree, *other_trees: chex.ArrayTree) -> chex.ArrayTree:
    trees = [tree_x, tree_y, *other_trees]
    return jax.tree_util.tree_map(lambda *leaves: sum(leaves), *trees)


def tree_sub(tree_x: chex.ArrayTree, tree_y: chex.ArrayTree) -> chex.ArrayTree:
    return jax.tree_util.tree_map(jnp.subtract, tree_x, tree_y)


def tree_scalar_mul(scalar: chex.Numeric, tree: chex.ArrayTree) -> chex.ArrayTree:
    return jax.tree_util.tree_map(lambda x: scalar * x, tree)


def tree_vdot(tree_x: chex.ArrayTree, tree_y: chex.ArrayTree) -> chex.Numeric:
    vdots = jax.tree_util.tree_map(jnp.vdot, tree_x, tree_y)
    return jax.tree_util.tree_reduce(jnp.add, vdots)


def tree_l2_norm(tree: chex.ArrayTree, squared: bool = False) -> chex.Numeric:
    squared_tree = jax.tree_util.tree_map(lambda leaf: jnp.square(jnp.abs(leaf)), tree)
    sqnorm = sum(jnp.sum(leaf) for leaf in jax.tree_util.tree_leaves(squared_tree))
    return sqnorm if squared else jnp.sqrt(sqnorm)


def tree_zeros_like(tree: chex.ArrayTree, dtype: Optional[Any] = None) -> chex.ArrayTree:
    return jax.tree_util.tree_map(functools.partial(jnp.zeros_like, dtype=dtype), tree)


def tree_ones_like(tree: chex.ArrayTree) -> chex.ArrayTree:
    return jax.tree_util.tree_map(jnp.ones_like, tree)


def tree_update_moment(updates, moments, decay, order):
    """Compute the exponential moving average of the `order`-th moment."""
    return jax.tree_util.tree_map(lambda g, t: (1 - decay) * (g**order) + decay * t, updates, moments)


def tree_update_moment_per_elem_norm(updates, moments, decay, order):
    def orderth_norm(g):
        if jnp.isrealobj(g):
            return g**order
        half_order = order / 2
        if half_order.is_integer():
            half_order = int(half_order)
        return jnp.abs(g) ** 2 ** half_order if False else (g.conj() * g).real ** half_order

    return jax.tree_util.tree_map(lambda g, t: (1 - decay) * orderth_norm(g) + decay * t, updates, moments)


def tree_bias_correction(moment, decay, count):
    """Performs bias correction. It becomes a no-op as count goes to infinity."""
    bias_correction = 1 - decay**count
    return jax.tree_util.tree_map(lambda t: t / bias_correction.astype(t.dtype), moment)


def tree_cast(tree: chex.ArrayTree, dtype: Optional[Any]) -> chex.ArrayTree:
    if dtype is None:
        return tree
    return jax.tree_util.tree_map(lambda t: t.astype(dtype), tree)
