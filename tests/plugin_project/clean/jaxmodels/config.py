"""Hyperparameters: defaults, validation, and the models and optimisers they describe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from batchtyping import ArrayDataShape, HyperParams
from jaxmodels.layers.base import Model
from jaxmodels.layers.combinators import SequentialParams, SequentialState
from jaxmodels.layers.mlp import mlp, residual_mlp
from jaxmodels.optim import AdamConfig

DEFAULT_HPARAMS: HyperParams = {
    "hidden": [32, 32],
    "activation": "relu",
    "use_batchnorm": True,
    "dropout_rate": 0.0,
    "loss": "squared_error",
    "learning_rate": 1e-2,
    "weight_decay": 0.0,
    "max_grad_norm": 1.0,
    "batch_size": 16,
    "epochs": 1,
    "seed": 0,
    "tabular_features": 5,
    "signal_length": 16,
    "residual_depth": 2,
}

_CHECKS: dict[str, Callable[[Any], bool]] = {
    "hidden": lambda v: isinstance(v, list)
    and all(isinstance(w, int) and w > 0 for w in cast(list[object], v)),
    "activation": lambda v: isinstance(v, str),
    "use_batchnorm": lambda v: isinstance(v, bool),
    "dropout_rate": lambda v: isinstance(v, float) and 0.0 <= v < 1.0,
    "learning_rate": lambda v: isinstance(v, float) and v > 0.0,
    "batch_size": lambda v: isinstance(v, int) and v > 0,
    "epochs": lambda v: isinstance(v, int) and v > 0,
    "residual_depth": lambda v: isinstance(v, int) and v >= 0,
}


def resolve(overrides: HyperParams | None = None) -> HyperParams:
    """The defaults updated with ``overrides``; a ValueError names any unknown or invalid key."""
    hparams = dict(DEFAULT_HPARAMS)
    for key, value in (overrides or {}).items():
        if key not in DEFAULT_HPARAMS:
            raise ValueError(f"unknown hyperparameter {key!r}")
        hparams[key] = value
    for key, ok in _CHECKS.items():
        if not ok(hparams[key]):
            raise ValueError(f"invalid hyperparameter {key}={hparams[key]!r}")
    return hparams


def build_model(hparams: HyperParams) -> Model[SequentialParams, SequentialState]:
    """The MLP ``hparams`` describe, with one output."""
    return mlp(
        hparams["hidden"],
        1,
        act=hparams["activation"],
        use_batchnorm=hparams["use_batchnorm"],
        dropout_rate=hparams["dropout_rate"],
    )


def build_residual_model(
    hparams: HyperParams, input_shape: ArrayDataShape
) -> Model[tuple[SequentialParams, ...], tuple[SequentialState, ...]]:
    """A residual MLP as wide as the first hidden layer (or the input)."""
    hidden: list[int] = hparams["hidden"]
    width = hidden[0] if hidden else input_shape[-1]
    if width is None:
        raise ValueError("build_residual_model: no hidden width and an unknown input size")
    return residual_mlp(width, hparams["residual_depth"], 1, act=hparams["activation"])


def optimizer_config(hparams: HyperParams) -> AdamConfig:
    """Adam's settings from ``hparams``."""
    return AdamConfig.from_hparams(hparams)
