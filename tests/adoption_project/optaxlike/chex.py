"""A local stand-in for the parts of chex that optaxlike uses (types and two asserts).

The types are spelled as chex spells them (chex/_src/pytypes.py).
"""

from typing import Any, Iterable, Mapping, Union

import jax
import jax.numpy as jnp
import numpy as np

Array = Union[jax.Array, np.ndarray, np.bool_, np.number]
ArrayTree = Union[Array, Iterable["ArrayTree"], Mapping[Any, "ArrayTree"]]
ArrayNumpy = np.ndarray
Scalar = Union[float, int]
Numeric = Union[Array, Scalar]
PRNGKey = jax.Array
Shape = tuple


def assert_trees_all_close(*trees: ArrayTree, rtol: float = 1e-6, atol: float = 0.0) -> None:
    first, *rest = trees
    for other in rest:
        la, ta = jax.tree_util.tree_flatten(first)
        lb, tb = jax.tree_util.tree_flatten(other)
        if ta != tb:
            raise AssertionError(f"different structures: {ta} vs {tb}")
        for x, y in zip(la, lb):
            np.testing.assert_allclose(np.asarray(x), np.asarray(y), rtol=rtol, atol=atol)


def assert_tree_all_finite(tree: ArrayTree) -> None:
    if not all(bool(jnp.all(jnp.isfinite(x))) for x in jax.tree_util.tree_leaves(tree)):
        raise AssertionError("tree has non-finite leaves")
