"""The canonical training step (issue 12 item 8), plus lookahead and clipping."""

import jax
import jax.numpy as jnp

import optaxlike
from optaxlike._src import clipping, lookahead, loss, second_order


def model(params, x):
    return x @ params["w"] + params["b"]


def mse(params, x, y):
    return jnp.mean(loss.l2_loss(model(params, x), y))


def test_canonical_step():
    params = {"w": jnp.zeros((3, 1)), "b": jnp.zeros(1)}
    x, y = jnp.ones((4, 3)), jnp.ones((4, 1))
    opt = optaxlike.chain(optaxlike.clip_by_global_norm(1.0), optaxlike.adam(0.1))
    opt_state = opt.init(params)

    @jax.jit
    def step(params, opt_state):
        grads = jax.grad(mse)(params, x, y)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optaxlike.apply_updates(params, updates)
        return params, opt_state

    start = mse(params, x, y)
    for _ in range(3):
        params, opt_state = step(params, opt_state)
    assert mse(params, x, y) < start


def test_lookahead_and_adaptive_clip():
    params = lookahead.LookaheadParams.init_synced({"w": jnp.ones(2)})
    opt = optaxlike.lookahead(optaxlike.sgd(0.1), sync_period=2, slow_step_size=0.5)
    state = opt.init(params)
    grads = {"w": jnp.ones(2)}
    updates, state = opt.update(grads, state, params)
    params = optaxlike.apply_updates(params, updates)
    assert params.fast["w"].shape == (2,)
    agc = clipping.adaptive_grad_clip(0.1)
    out, _ = agc.update(grads, agc.init(grads), {"w": jnp.ones(2)})
    assert float(jnp.max(out["w"])) <= 0.1 + 1e-6


def test_second_order():
    params = {"w": jnp.ones((2, 1)), "b": jnp.zeros(1)}
    x, y = jnp.ones((3, 2)), jnp.zeros((3, 1))
    v = jnp.ones(3)
    assert second_order.hvp(mse, v, params, x, y).shape == (3,)
    assert second_order.fisher_diag(mse, params, x, y).shape == (3,)
