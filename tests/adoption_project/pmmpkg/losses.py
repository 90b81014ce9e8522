"""Loss functions over batched predictions and targets."""

from __future__ import annotations

import jax
import jax.numpy as jnp
from beartype import beartype
from jaxtyping import Array, Float, jaxtyped

from .typing import Any, Callable, Data, Dict

LossFn = Callable[[Data, Data], Array]


@jaxtyped(typechecker=beartype)
def mse(prediction: Data, target: Data) -> Float[Array, ""]:
    return jnp.mean(jnp.abs(prediction - target) ** 2)


def mae(prediction: Data, target: Data) -> Array:
    return jnp.mean(jnp.abs(prediction - target))


def huber(prediction: Data, target: Data, delta: float = 1.0) -> Array:
    err = jnp.abs(prediction - target)
    quad = jnp.minimum(err, delta)
    return jnp.mean(0.5 * quad**2 + delta * (err - quad))


def cross_entropy(logits: Data, labels: Data) -> Array:
    """Softmax cross-entropy with integer or one-hot ``labels``."""
    logp = jax.nn.log_softmax(logits, axis=-1)
    if labels.ndim == logits.ndim - 1:
        labels = jax.nn.one_hot(labels, logits.shape[-1])
    return -jnp.mean(jnp.sum(labels * logp, axis=-1))


def relative_error(prediction: Data, target: Data, eps: float = 1e-12) -> Array:
    return jnp.mean(jnp.abs(prediction - target) / (jnp.abs(target) + eps))


LOSSES: Dict[str, Any] = {
    "mse": mse,
    "mae": mae,
    "huber": huber,
    "cross_entropy": cross_entropy,
    "relative_error": relative_error,
}


def get_loss(name: str) -> LossFn:
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; one of {sorted(LOSSES)}") from None
