"""training: per-example losses under jax.vmap, gradients and SGD steps."""

from typing import Any

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    BatchlessDataFixed,
    BatchlessRealDataFixed,
    DataFixed,
    DictParams,
    Params,
    ParamsT,
    RealDataFixed,
    check,
)

# bug vmap_loss_called_per_example: caught by runtime, mypy+plugin
@check
def loss(params: Params, x: BatchlessRealDataFixed) -> Array:
    return jnp.zeros(())
@check
def evaluate(params: Params, example: BatchlessRealDataFixed) -> Array:
    return jax.vmap(loss, in_axes=(None, 0))(params, example)
evaluate({"w": jnp.ones(3)}, jnp.ones(3))

# twin vmap_loss_called_per_example
@check
def loss(params: Params, x: BatchlessRealDataFixed) -> Array:
    return jnp.zeros(())
@check
def evaluate(params: Params, batch: RealDataFixed) -> Array:
    return jax.vmap(loss, in_axes=(None, 0))(params, batch)
evaluate({"w": jnp.ones(3)}, jnp.ones((4, 3)))

# bug vmapped_losses_into_per_example: caught by runtime, mypy+plugin
@check
def per_example(x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
@check
def center(x: BatchlessDataFixed, mean: BatchlessDataFixed) -> None: ...
@check
def step(batch: DataFixed) -> None:
    center(jax.vmap(per_example)(batch), jnp.zeros(3))
step(jnp.ones((4, 3)))

# twin vmapped_losses_into_per_example
@check
def per_example(x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x
@check
def center(x: DataFixed, mean: BatchlessDataFixed) -> None: ...
@check
def step(batch: DataFixed) -> None:
    center(jax.vmap(per_example)(batch), jnp.zeros(3))
step(jnp.ones((4, 3)))

# bug vmap_maps_over_params: caught by runtime
@check
def loss(params: DictParams, x: Array) -> Array:
    return jnp.dot(params["w"], x)
jax.vmap(loss)({"w": jnp.ones((4, 3))}, jnp.ones((4, 2)))

# twin vmap_maps_over_params
@check
def loss(params: DictParams, x: Array) -> Array:
    return jnp.dot(params["w"], x)
jax.vmap(loss, in_axes=(None, 0))({"w": jnp.ones(3)}, jnp.ones((4, 3)))

# bug vmap_over_feature_axis: caught by runtime
@check
def normalize(x: Array, scale: Array) -> BatchlessRealDataFixed:
    return x / scale
jax.vmap(normalize, in_axes=(1, None))(jnp.ones((4, 3)), jnp.ones(3))

# twin vmap_over_feature_axis
@check
def normalize(x: Array, scale: Array) -> BatchlessRealDataFixed:
    return x / scale
jax.vmap(normalize, in_axes=(0, None))(jnp.ones((4, 3)), jnp.ones(3))

# bug grad_with_respect_to_data: caught by runtime, mypy+plugin
@check
def loss(params: DictParams, x: Array) -> Array:
    return jnp.sum(params["w"] * x)
@check
def sgd(params: ParamsT, grads: ParamsT) -> ParamsT:
    out: ParamsT = jax.tree.map(lambda p, g: p - 0.1 * g, params, grads)
    return out
weights: dict[str, Array] = {"w": jnp.ones(3)}
grads: Array = jax.grad(loss, argnums=1)(weights, jnp.ones(3))
sgd(weights, grads)

# twin grad_with_respect_to_data
@check
def loss(params: DictParams, x: Array) -> Array:
    return jnp.sum(params["w"] * x)
@check
def sgd(params: ParamsT, grads: ParamsT) -> ParamsT:
    out: ParamsT = jax.tree.map(lambda p, g: p - 0.1 * g, params, grads)
    return out
weights: dict[str, Array] = {"w": jnp.ones(3)}
grads: dict[str, Array] = jax.grad(loss, argnums=0)(weights, jnp.ones(3))
sgd(weights, grads)

# bug sgd_step_integer_learning_schedule: caught by runtime, mypy+plugin
@check
def sgd(params: ParamsT, grads: ParamsT) -> ParamsT:
    out: ParamsT = jax.tree.map(lambda p, g: p - 0.1 * g, params, grads)
    return out
sgd({"w": jnp.arange(3)}, {"w": jnp.ones(3)})

# twin sgd_step_integer_learning_schedule
@check
def sgd(params: ParamsT, grads: ParamsT) -> ParamsT:
    out: ParamsT = jax.tree.map(lambda p, g: p - 0.1 * g, params, grads)
    return out
sgd({"w": jnp.arange(3.0)}, {"w": jnp.ones(3)})

# bug batch_sizes_disagree: caught by runtime
@check
def loss(x: DataFixed, y: DataFixed) -> Array:
    return jnp.zeros(())
loss(jnp.ones((4, 3)), jnp.ones((5, 3)))

# twin batch_sizes_disagree
@check
def loss(x: DataFixed, y: DataFixed) -> Array:
    return jnp.zeros(())
loss(jnp.ones((4, 3)), jnp.ones((4, 3)))

# bug mask_as_params: caught by runtime, mypy+plugin
@check
def prune(params: Params, mask: Params) -> None: ...
prune({"w": jnp.ones(3)}, {"w": jnp.ones(3) > 0.5})

# twin mask_as_params
@check
def prune(params: Params, mask: Any) -> None: ...
prune({"w": jnp.ones(3)}, {"w": jnp.ones(3) > 0.5})
