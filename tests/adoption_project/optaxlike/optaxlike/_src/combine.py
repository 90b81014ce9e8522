"""Flexibly compose gradient transformations."""

from typing import Any, Callable, NamedTuple, Union

import jax

from optaxlike._src import base


def chain(*args: base.GradientTransformation) -> base.GradientTransformation:
    """Applies a list of chainable update transformations."""
    init_fns, update_fns = zip(*args)

    def init_fn(params):
        return tuple(fn(params) for fn in init_fns)

    def update_fn(updates, state, params=None):
        if len(update_fns) != len(state):
            raise ValueError("The number of updates and states has to be the same in chain!")
        new_state = []
        for s, fn in zip(state, update_fns):
            updates, new_s = fn(updates, s, params)
            new_state.append(new_s)
        return updates, tuple(new_state)

    return base.GradientTransformation(init_fn, update_fn)


class MaskedState(NamedTuple):
    """Maintains inner transform state for masked transformations."""

    inner_state: Any


class MaskedNode(NamedTuple):
    """A node used to mask out unspecified parts of a tree."""


def _mask_tree(tree: base.Params, mask: Any) -> base.Params:
    return jax.tree_util.tree_map(lambda m, t: t if m else MaskedNode(), mask, tree)


def masked(inner: base.GradientTransformation, mask: Union[Any, Callable[[base.Params], Any]]) -> base.GradientTransformation:
    """Mask updates so only some are transformed, the rest are passed through."""

    def mask_pytree(pytree, mask_tree):
        return jax.tree_util.tree_map(lambda m, p: p if m else MaskedNode(), mask_tree, pytree)

    def init_fn(params):
        mask_tree = mask(params) if callable(mask) else mask
        masked_params = mask_pytree(params, mask_tree)
        return MaskedState(inner_state=inner.init(masked_params))

    def update_fn(updates, state, params=None):
        mask_tree = mask(updates) if callable(mask) else mask
        masked_updates = mask_pytree(updates, mask_tree)
        masked_params = None if params is None else mask_pytree(params, mask_tree)
        new_masked_updates, new_inner_state = inner.update(masked_updates, state.inner_state, masked_params)
        new_updates = jax.tree_util.tree_map(
            lambda m, new_u, old_u: new_u if m else old_u,
            mask_tree,
            new_masked_updates,
            updates,
            is_leaf=lambda x: isinstance(x, MaskedNode),
        )
        return new_updates, MaskedState(inner_state=new_inner_state)

    return base.GradientTransformation(init_fn, update_fn)
