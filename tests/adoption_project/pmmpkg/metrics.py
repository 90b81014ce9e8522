"""Metrics over predictions (host-side floats)."""

from __future__ import annotations

import jax.numpy as jnp

from .typing import Any, Data, Dict, List


def accuracy(logits: Data, labels: Data) -> float:
    return float(jnp.mean(jnp.argmax(logits, axis=-1) == labels))


def r2_score(prediction: Data, target: Data) -> float:
    ss_res = jnp.sum((target - prediction) ** 2)
    ss_tot = jnp.sum((target - target.mean(axis=0)) ** 2)
    return float(1.0 - ss_res / ss_tot)


def max_abs_error(prediction: Data, target: Data) -> float:
    return float(jnp.max(jnp.abs(prediction - target)))


def summarize(history: List[float]) -> Dict[str, float]:
    if not history:
        return {"first": float("nan"), "last": float("nan"), "best": float("nan")}
    return {"first": history[0], "last": history[-1], "best": min(history)}


def confusion_matrix(logits: Data, labels: Data, classes: int) -> Any:
    predicted = jnp.argmax(logits, axis=-1)
    matrix = jnp.zeros((classes, classes), jnp.int32)
    return matrix.at[labels, predicted].add(1)
