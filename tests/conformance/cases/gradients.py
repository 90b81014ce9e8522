"""gradients: jax.grad with respect to the data gives gradients of the data's structure, which cannot update the params."""

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import DataFixed, ParamsT, check


@check
def sgd(params: ParamsT, grads: ParamsT) -> ParamsT:
    return params


def loss(params: dict[str, Array], x: Array) -> Array:
    return jnp.sum(params["w"] * x)

# case grad_wrt_data_updates_params: rejected by runtime, mypy+plugin
weights: dict[str, Array] = {"w": jnp.ones(3)}
sgd(weights, jax.grad(loss, argnums=1)(weights, jnp.ones(3)))

# case grad_wrt_params_updates_params: accepted
weights: dict[str, Array] = {"w": jnp.ones(3)}
sgd(weights, jax.grad(loss, argnums=0)(weights, jnp.ones(3)))

# case grad_default_argnums_updates_params: accepted
weights: dict[str, Array] = {"w": jnp.ones(3)}
sgd(weights, jax.grad(loss)(weights, jnp.ones(3)))

# case value_and_grad_wrt_data_updates_params: rejected by runtime, mypy+plugin
weights: dict[str, Array] = {"w": jnp.ones(3)}
value, grads = jax.value_and_grad(loss, argnums=1)(weights, jnp.ones(3))
sgd(weights, grads)

# case value_and_grad_wrt_params_updates_params: accepted
weights: dict[str, Array] = {"w": jnp.ones(3)}
value, grads = jax.value_and_grad(loss)(weights, jnp.ones(3))
sgd(weights, grads)

# case grad_wrt_data_as_saliency: accepted
@check
def show(saliency: DataFixed) -> None: ...
weights: dict[str, Array] = {"w": jnp.ones(3)}
show(jax.grad(loss, argnums=1)(weights, jnp.ones((4, 3))))
