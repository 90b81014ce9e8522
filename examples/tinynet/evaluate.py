"""Metrics of a trained network on held-out data."""

import jax
import jax.numpy as jnp

from tinynet.data import features
from tinynet.losses import mean_absolute_error, per_example_loss
from tinynet.model import mlp
from tinynet.scaler import inverse_transform, transform


def predict(params, inputs, state, hyperparams, input_stats, target_stats):
    """Predictions for raw inputs, in target units (inference mode: running statistics, no dropout)."""
    forward = mlp(hyperparams)
    scaled = transform(input_stats, inputs)
    outputs, _ = forward(params, features(scaled), False, state, None)
    return inverse_transform(target_stats, outputs)


def validation_loss(predictions, targets):
    """The mean over the batch of the per-example loss."""
    return jnp.mean(per_example_loss(predictions, targets))


def evaluate(params, inputs, targets, state, hyperparams, input_stats, target_stats):
    """The mean loss (on scaled targets, comparable to the training loss) and the mean
    absolute error (in target units)."""
    forward = mlp(hyperparams)
    scaled_inputs = transform(input_stats, inputs)
    scaled_targets = transform(target_stats, targets)
    predictions, _ = forward(params, features(scaled_inputs), False, state, None)
    loss = validation_loss(predictions, scaled_targets)
    mae = mean_absolute_error(inverse_transform(target_stats, predictions), targets)
    metrics = jax.device_get({"loss": loss, "mae": mae})
    return {name: float(value) for name, value in metrics.items()}
