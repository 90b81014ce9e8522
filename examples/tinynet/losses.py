"""Losses: one function for one example, vmapped over the batch."""

import jax
import jax.numpy as jnp

from tinynet.typing import BatchlessRealDataFixed

HUBER_DELTA = 1.0


def huber(error, delta=HUBER_DELTA):
    """Quadratic for small errors, linear for large ones."""
    abs_error = jnp.abs(error)
    quadratic = jnp.minimum(abs_error, delta)
    return 0.5 * quadratic**2 + delta * (abs_error - quadratic)


def per_example_loss(prediction: BatchlessRealDataFixed, target: BatchlessRealDataFixed):
    """The Huber loss of one example, summed over every feature of every output."""
    errors = jax.tree_util.tree_map(lambda p, t: jnp.sum(huber(p - t)), prediction, target)
    return jnp.sum(jnp.stack(jax.tree_util.tree_leaves(errors)))


def batch_loss(predictions, targets):
    """The mean over the batch of ``per_example_loss``."""
    return jnp.mean(jax.vmap(per_example_loss)(predictions, targets))


def l2_penalty(params):
    """The sum of squares of every weight matrix (biases and norm parameters excluded)."""
    leaves = jax.tree_util.tree_leaves(params)
    return sum(jnp.sum(leaf**2) for leaf in leaves if leaf.ndim == 2)


def mean_absolute_error(predictions, targets):
    """The mean absolute error over every example and output feature."""
    return jnp.mean(jnp.abs(predictions - targets))
