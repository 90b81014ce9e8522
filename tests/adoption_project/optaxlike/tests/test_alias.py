import jax
import jax.numpy as jnp
import pytest

import optaxlike

PARAMS = {"w": jnp.array([1.0, -2.0]), "b": (jnp.array(0.5), [jnp.ones((2, 2))])}


def loss(params):
    return sum(jnp.sum(x**2) for x in jax.tree_util.tree_leaves(params))


@pytest.mark.parametrize(
    "make",
    [
        lambda: optaxlike.sgd(0.1),
        lambda: optaxlike.sgd(0.1, momentum=0.9, nesterov=True),
        lambda: optaxlike.adam(0.1),
        lambda: optaxlike.adamw(0.1, weight_decay=0.01),
        lambda: optaxlike.rmsprop(0.01),
        lambda: optaxlike.sgd(optaxlike.linear_schedule(0.1, 0.01, 10)),
    ],
    ids=["sgd", "nesterov", "adam", "adamw", "rmsprop", "sgd-schedule"],
)
def test_optimizer_decreases_loss(make):
    opt = make()
    params = PARAMS
    state = opt.init(params)
    for _ in range(3):
        grads = jax.grad(loss)(params)
        updates, state = opt.update(grads, state, params)
        params = optaxlike.apply_updates(params, updates)
    assert loss(params) < loss(PARAMS)
