import math

import jax
import jax.numpy as jnp

from tinynet import batch_loss, batches, evaluate, make_dataset, per_example_loss
from tinynet.evaluate import validation_loss


def test_per_example_loss_is_huber():
    assert float(per_example_loss(jnp.array([0.5]), jnp.array([0.0]))) == 0.125
    assert float(per_example_loss(jnp.array([3.0]), jnp.array([0.0]))) == 2.5


def test_batch_loss_averages_examples():
    predictions = jnp.array([[0.5], [3.0]])
    assert float(batch_loss(predictions, jnp.zeros((2, 1)))) == (0.125 + 2.5) / 2


def test_batches_cover_the_data(key):
    inputs, targets = make_dataset(key, 50)
    seen = [t.shape[0] for _, t in batches(inputs, targets, 16, key)]
    assert seen == [16, 16, 16]


def test_training_reduces_the_loss(trained, small_hyperparams):
    history = trained["history"]
    assert len(history) == small_hyperparams["epochs"]
    assert history[-1] < history[0]


def test_evaluate_reports_finite_metrics(trained, small_hyperparams):
    result = trained
    valid_inputs, valid_targets = make_dataset(jax.random.PRNGKey(1), 32)
    metrics = evaluate(
        result["params"],
        valid_inputs,
        valid_targets,
        result["state"],
        small_hyperparams,
        result["input_stats"],
        result["target_stats"],
    )
    assert set(metrics) == {"loss", "mae"}
    assert math.isfinite(metrics["loss"]) and metrics["loss"] > 0
    assert 0 < metrics["mae"] < float(jnp.std(valid_targets)) * 2


def test_validation_loss_of_one_example():
    predictions, targets = jnp.array([[3.0]]), jnp.zeros((1, 1))
    assert float(validation_loss(predictions, targets)) == float(per_example_loss(predictions[0], targets[0]))
