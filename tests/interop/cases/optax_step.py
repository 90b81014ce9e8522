"""The canonical optax step with batchtyping-annotated params: the smallest idiom.

optax's hints (``optax.Params``, chex's ``ArrayTree``) admit neither ``None`` leaves nor
PyTree node classes, which optax and ``Params`` accept at run time. So where ``Params``
cross into optax they are cast to ``optax.Params``, and ``apply_updates``' result back.
A flat alias (``DictParams``) needs only the cast back.
"""

from typing import cast

import jax
import jax.numpy as jnp
import optax

from batchtyping import ArrayData, DictParams, Params, check

opt = optax.adam(1e-3)


@check
def loss_fn(params: Params, x: ArrayData) -> jax.Array:
    total = jnp.zeros(())
    for leaf in jax.tree.leaves(params):
        total = total + jnp.sum(x @ leaf)
    return total


@check
def init(params: Params) -> optax.OptState:
    return opt.init(cast(optax.Params, params))


@check
def train_step(
    params: Params, opt_state: optax.OptState, x: ArrayData
) -> tuple[Params, optax.OptState, jax.Array]:
    loss, grads = jax.value_and_grad(loss_fn)(params, x)
    updates, opt_state = opt.update(grads, opt_state, cast(optax.Params, params))
    params = cast(Params, optax.apply_updates(cast(optax.Params, params), updates))
    return params, opt_state, loss


@check
def dict_step(params: DictParams, opt_state: optax.OptState, x: ArrayData) -> DictParams:
    grads = jax.grad(lambda p: jnp.sum(x @ p["w"]))(params)
    updates, opt_state = opt.update(grads, opt_state, params)
    return cast(DictParams, optax.apply_updates(params, updates))


params: Params = {"w": jnp.zeros((3, 1)), "b": None}
opt_state = init(params)
params, opt_state, loss = train_step(params, opt_state, jnp.ones((8, 3)))
dict_step({"w": jnp.zeros((3, 1))}, init({"w": jnp.zeros((3, 1))}), jnp.ones((8, 3)))
