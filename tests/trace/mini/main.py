import jax
import jax.numpy as jnp

from shop import ops

hyperparams = {"width": 2, "lr": 0.1}
params = {"w": jnp.ones((3, 2))}
for n in (2, 3, 5):
    x = jnp.ones((n, 3))
    ops.scale(x, 2.0)
    ops.scale(x.astype(jnp.complex64), 2.0)  # one call real, another complex: Inexact
    ops.center({"u": x}, {"u": jnp.ones(3)})
    jax.jit(ops.spectrum)(jnp.ones((n, 4)))
    ops.features({"a": x, "b": x})
    ops.flat_size((3,), hyperparams)
    ops.dense(hyperparams)(params, x, n == 2, {"steps": jnp.zeros((), jnp.int32)}, None)
    ops.untouched(x)
ops.sgd(params, params, hyperparams)
