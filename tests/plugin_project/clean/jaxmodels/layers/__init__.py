"""Layers: each is a ``Model`` pairing an initialiser with a ``ModuleCallable`` forward pass."""

from jaxmodels.layers.activations import activation, gelu, relu, tanh
from jaxmodels.layers.base import Layer, Model
from jaxmodels.layers.batchnorm import batch_norm
from jaxmodels.layers.combinators import residual, sequential
from jaxmodels.layers.dropout import dropout
from jaxmodels.layers.linear import linear
from jaxmodels.layers.mlp import mlp

__all__ = [
    "Layer",
    "Model",
    "activation",
    "batch_norm",
    "dropout",
    "gelu",
    "linear",
    "mlp",
    "relu",
    "residual",
    "sequential",
    "tanh",
]
