"""Hyperparameters: one flat dict of plain values drives every constructor."""

from typing import Any, Dict, List, Optional

_DEFAULTS: Dict[str, Any] = {
    # architecture
    "hidden_sizes": [32, 32],
    "output_size": 1,
    "activation": "gelu",
    "use_bias": True,
    "batch_norm": True,
    "momentum": 0.9,
    "epsilon": 1e-5,
    "dropout_rate": 0.1,
    # loss
    "huber_delta": 1.0,
    "weight_decay": 1e-4,
    # optimiser
    "learning_rate": 3e-3,
    "beta1": 0.9,
    "beta2": 0.999,
    "adam_epsilon": 1e-8,
    # training loop
    "batch_size": 32,
    "epochs": 20,
    "seed": 0,
}

_ACTIVATIONS: List[str] = ["relu", "gelu", "tanh", "identity"]


def default_hyperparams():
    """A fresh copy of the default hyperparameters."""
    hyperparams = dict(_DEFAULTS)
    hyperparams["hidden_sizes"] = list(_DEFAULTS["hidden_sizes"])
    return hyperparams


def make_hyperparams(overrides: Optional[Dict[str, Any]] = None, **kwargs: Any) -> Dict[str, Any]:
    """The defaults updated with ``overrides`` and keyword arguments, validated."""
    hyperparams = default_hyperparams()
    hyperparams.update(overrides or {})
    hyperparams.update(kwargs)
    validate(hyperparams)
    return hyperparams


def validate(hyperparams):
    """Raise ``ValueError`` naming the first key whose value makes no sense."""
    unknown = sorted(set(hyperparams) - set(_DEFAULTS))
    if unknown:
        raise ValueError(f"unknown hyperparameters: {', '.join(unknown)}")
    if not all(isinstance(n, int) and n > 0 for n in hyperparams["hidden_sizes"]):
        raise ValueError(f"hidden_sizes must be positive ints, got {hyperparams['hidden_sizes']!r}")
    if hyperparams["activation"] not in _ACTIVATIONS:
        raise ValueError(
            f"activation must be one of {', '.join(_ACTIVATIONS)}, got {hyperparams['activation']!r}"
        )
    for key in ("momentum", "dropout_rate"):
        if not 0.0 <= hyperparams[key] < 1.0:
            raise ValueError(f"{key} must be in [0, 1), got {hyperparams[key]!r}")
    for key in ("learning_rate", "epsilon", "huber_delta", "batch_size", "epochs"):
        if hyperparams[key] <= 0:
            raise ValueError(f"{key} must be positive, got {hyperparams[key]!r}")
