"""An end-to-end run: hyperparameters -> data -> features -> model -> training -> metrics."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import ArrayData, HyperParams, ParamsT, StateT
from jaxmodels.config import build_model, build_residual_model, optimizer_config, resolve
from jaxmodels.data import batches, make_regression, shuffle_examples, split
from jaxmodels.features import FeaturePipeline
from jaxmodels.inference import outliers
from jaxmodels.layers.base import Model
from jaxmodels.losses import get_loss
from jaxmodels.metrics import summarize
from jaxmodels.scalers import input_and_target_stds
from jaxmodels.shapes import data_shape, example_shape, total_features
from jaxmodels.training import History, fit, make_predict


@dataclass(frozen=True)
class Report:
    """The outcome of one experiment."""

    losses: list[float]
    metrics: dict[str, float]
    outliers: int
    raw_features: int
    input_shape: tuple[int | None, ...]


def train_and_predict(
    model: Model[ParamsT, StateT],
    hparams: HyperParams,
    train_inputs: ArrayData,
    train_targets: ArrayData,
    test_inputs: ArrayData,
    key: Array,
) -> tuple[History, ArrayData]:
    """Fit ``model`` for ``epochs`` shuffled passes, then predict on ``test_inputs``."""
    shuffle_key, train_key = jax.random.split(key)
    epoch_keys = jax.random.split(shuffle_key, hparams["epochs"])
    stream = itertools.chain.from_iterable(
        batches(train_inputs, train_targets, hparams["batch_size"], key=k) for k in epoch_keys
    )
    input_shape = example_shape(train_inputs)
    loss = get_loss(hparams["loss"])
    train_state, history = fit(
        model, stream, input_shape, loss=loss, config=optimizer_config(hparams), key=train_key
    )
    prediction = make_predict(model)(train_state.params, train_state.state, test_inputs)
    return history, prediction


def run(overrides: HyperParams | None = None, *, num_examples: int = 64, residual: bool = False) -> Report:
    """Train on synthetic data and evaluate on a held-out quarter."""
    hparams = resolve(overrides)
    data_key, train_key = jax.random.split(jax.random.key(hparams["seed"]))
    train, test = split(make_regression(data_key, num_examples, hparams), 0.75)

    pipeline = FeaturePipeline().fit(train.features)
    train_inputs = pipeline.transform(train.features)
    test_inputs = pipeline.transform(test.features)
    input_shape = example_shape(train_inputs)
    if input_shape != pipeline.output_shape(train.features):
        raise AssertionError(f"inferred {pipeline.output_shape(train.features)}, got {input_shape}")

    args = (hparams, train_inputs, train.targets, test_inputs, train_key)
    if residual:
        history, prediction = train_and_predict(build_residual_model(hparams, input_shape), *args)
    else:
        history, prediction = train_and_predict(build_model(hparams), *args)
    _, target_scale = input_and_target_stds(train.features, train.targets)
    flagged = int(jnp.sum(outliers(prediction, test.targets, target_scale, limit=3.0)))
    raw_features = total_features(data_shape(train.features))
    shuffled_inputs, shuffled_targets = shuffle_examples(train.features, train.targets, data_key)
    target_leaves = jax.tree_util.tree_leaves(shuffled_targets)
    if total_features(data_shape(shuffled_inputs)) != raw_features or len(target_leaves) != 1:
        raise AssertionError("shuffle_examples changed the structure of the features or targets")
    return Report(history.losses, summarize(prediction, test.targets), flagged, raw_features, input_shape)
