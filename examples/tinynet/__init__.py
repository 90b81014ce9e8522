"""tinynet: a small regression network written in plain JAX, without a framework.

Modules are pairs of functions: ``*_init(rng, input_shape, hyperparams)`` builds the
parameters and state, and a constructor (``linear(hyperparams)``, ``mlp(hyperparams)``,
...) returns the forward pass ``forward(params, data, training, state, rng)``, which
returns ``(data, state)``.
"""

from tinynet.config import default_hyperparams, make_hyperparams
from tinynet.data import batches, features, make_dataset
from tinynet.evaluate import evaluate
from tinynet.layers import batch_norm, batch_norm_init, dropout, linear, linear_init
from tinynet.losses import batch_loss, l2_penalty, per_example_loss
from tinynet.model import mlp, mlp_init
from tinynet.scaler import fit_scaler, inverse_transform, transform
from tinynet.training import fit, make_train_step

__all__ = [
    "batch_loss",
    "batch_norm",
    "batch_norm_init",
    "batches",
    "default_hyperparams",
    "dropout",
    "evaluate",
    "features",
    "fit",
    "fit_scaler",
    "inverse_transform",
    "l2_penalty",
    "linear",
    "linear_init",
    "make_dataset",
    "make_hyperparams",
    "make_train_step",
    "mlp",
    "mlp_init",
    "per_example_loss",
    "transform",
]
