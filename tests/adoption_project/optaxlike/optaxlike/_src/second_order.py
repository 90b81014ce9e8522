"""Functions for computing diagonals of Hessians and Fisher information."""

from typing import Any, Callable

import jax
import jax.flatten_util
import jax.numpy as jnp

from optaxlike._src import base


def _ravel(p: Any) -> jnp.ndarray:
    return jax.flatten_util.ravel_pytree(p)[0]


def hvp(loss: Callable[..., jnp.ndarray], v: jnp.ndarray, params: base.Params, inputs: jnp.ndarray, targets: jnp.ndarray) -> jnp.ndarray:
    """Performs an efficient vector-Hessian (of `loss`) product."""
    _, unravel_fn = jax.flatten_util.ravel_pytree(params)
    loss_fn = lambda p: loss(p, inputs, targets)
    return _ravel(jax.jvp(jax.grad(loss_fn), [params], [unravel_fn(v)])[1])


def fisher_diag(negative_log_likelihood: Callable[..., jnp.ndarray], params: base.Params, inputs: jnp.ndarray, targets: jnp.ndarray) -> jnp.ndarray:
    """Computes the diagonal of the (observed) Fisher information matrix."""
    return jnp.square(_ravel(jax.grad(negative_log_likelihood)(params, inputs, targets)))
