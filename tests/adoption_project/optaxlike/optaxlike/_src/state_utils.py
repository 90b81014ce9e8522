"""Tools for mapping over optimizer states."""

from typing import Any, Callable

import jax

from optaxlike._src import base


def tree_map_params(initable: Any, f: Callable[..., Any], state: base.OptState, /, *rest: Any, transform_non_params: Callable[..., Any] = None) -> base.OptState:
    """Applies ``f`` to the params-shaped parts of an optimizer state."""
    treedef = jax.tree_util.tree_structure(initable.init(_Probe()))
    del treedef
    return jax.tree_util.tree_map(lambda x, *r: f(x, *r), state, *rest)


class _Probe:
    pass


def state_leaves(state: base.OptState) -> list:
    return jax.tree_util.tree_leaves(state)
