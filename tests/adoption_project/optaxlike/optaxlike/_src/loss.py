"""Standard losses used in optimisation."""

import chex
import jax
import jax.numpy as jnp


def l2_loss(predictions: chex.Array, targets=None) -> chex.Array:
    errors = (predictions - targets) if (targets is not None) else predictions
    return 0.5 * (errors) ** 2


def softmax_cross_entropy(logits: chex.Array, labels: chex.Array) -> chex.Array:
    return -jnp.sum(labels * jax.nn.log_softmax(logits, axis=-1), axis=-1)


def huber_loss(predictions: chex.Array, targets=None, delta: float = 1.0) -> chex.Array:
    errors = (predictions - targets) if (targets is not None) else predictions
    abs_errors = jnp.abs(errors)
    quadratic = jnp.minimum(abs_errors, delta)
    linear = abs_errors - quadratic
    return 0.5 * quadratic**2 + delta * linear


def cosine_similarity(predictions: chex.Array, targets: chex.Array, epsilon: float = 0.0) -> chex.Array:
    a = predictions / jnp.maximum(jnp.linalg.norm(predictions, axis=-1, keepdims=True), epsilon)
    b = targets / jnp.maximum(jnp.linalg.norm(targets, axis=-1, keepdims=True), epsilon)
    return jnp.sum(a * b, axis=-1)
