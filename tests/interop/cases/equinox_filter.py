"""equinox filter_jit / filter_grad / filter_value_and_grad with a module annotated ``Params``.

An ``eqx.Module`` is a dataclass PyTree node, so it is ``Params``; equinox's ``filter_*``
keep the wrapped signature (``ParamSpec``), so nothing needs an idiom. The loss narrows the
module to its class to call it, as the body uses it as one.
"""

import equinox as eqx
import jax
import jax.numpy as jnp

from batchtyping import ArrayData, Params, check


class Linear(eqx.Module):
    w: jax.Array
    b: jax.Array

    def __call__(self, x: ArrayData) -> ArrayData:
        return x @ self.w + self.b


@check
def loss(model: Params, x: ArrayData, y: ArrayData) -> jax.Array:
    assert isinstance(model, Linear)
    return jnp.mean((model(x) - y) ** 2)


@eqx.filter_jit
@check
def step(model: Params, x: ArrayData, y: ArrayData) -> Params:
    grads = eqx.filter_grad(loss)(model, x, y)
    return jax.tree.map(lambda p, g: p - 0.1 * g, model, grads)


@check
def value_and_grad(model: Params, x: ArrayData, y: ArrayData) -> tuple[jax.Array, Params]:
    value, grads = eqx.filter_value_and_grad(loss)(model, x, y)
    return value, grads


model = Linear(jnp.zeros((3, 1)), jnp.zeros(1))
model = step(model, jnp.ones((8, 3)), jnp.ones((8, 1)))
value_and_grad(model, jnp.ones((8, 3)), jnp.ones((8, 1)))
params, static = eqx.partition(model, eqx.is_array)
