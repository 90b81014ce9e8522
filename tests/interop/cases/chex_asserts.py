"""chex asserts on batchtyping-annotated params, state and data: no idiom needed.

chex's asserts take ``ArrayTree``/``Array`` loosely enough (``Any``, ``Sequence``) for every
batchtyping alias. chex ships no ``py.typed``: mypy needs ``follow_untyped_imports``.
"""

import chex
import jax.numpy as jnp

from batchtyping import ArrayData, ArrayParams, DictState, Params, State, check


@check
def checks(
    params: Params, new: Params, state: State, counter: DictState, x: ArrayData, w: ArrayParams
) -> None:
    chex.assert_trees_all_close(params, new)
    chex.assert_trees_all_equal_shapes(params, new)
    chex.assert_tree_all_finite(params)
    chex.assert_trees_all_equal_structs(state, state)
    chex.assert_shape(x, (8, 3))
    chex.assert_rank(w, 2)
    chex.assert_type(counter["step"], jnp.int32)
    chex.assert_equal_shape([x, x])


p: Params = {"w": jnp.zeros((3, 2)), "b": None}
state: State = {"mean": jnp.zeros(3)}
counter: DictState = {"step": jnp.zeros((), jnp.int32)}
checks(p, p, state, counter, jnp.ones((8, 3)), jnp.ones((3, 2)))
