"""jaxmodels: a small JAX model library annotated with the batchtyping aliases.

It exists to be type-checked (mypy with and without the batchtyping plugin, pyright) and
run (a short training loop under ``batchtyping.check``) by ``tests/test_plugin_project.py``.
"""

from jaxmodels.config import DEFAULT_HPARAMS, build_model
from jaxmodels.layers import Layer, Model
from jaxmodels.pytrees import AdamState, Batch, ScalerStats, TrainState
from jaxmodels.scalers import MinMaxScaler, StandardScaler
from jaxmodels.training import fit, make_train_step

__all__ = [
    "DEFAULT_HPARAMS",
    "AdamState",
    "Batch",
    "Layer",
    "MinMaxScaler",
    "Model",
    "ScalerStats",
    "StandardScaler",
    "TrainState",
    "build_model",
    "fit",
    "make_train_step",
]
