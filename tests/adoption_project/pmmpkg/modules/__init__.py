"""Modules (layers) of a parametric matrix model."""

from .affine import AffineHermitianMatrix, LowRankHermitianMatrix
from .basemodule import BaseModule
from .bias import Bias
from .eigen import Eigenvalues, Eigenvectors
from .linear import Linear, Scale
from .mlp import MultiLayerPerceptron
from .nonlinear import Activation, Dropout, PReLU
from .normalization import BatchNorm, LayerNorm
from .reshape import Flatten, Reshape
from .spectral import SpectralFilter, UnitaryRotation

__all__ = [
    "Activation",
    "AffineHermitianMatrix",
    "BaseModule",
    "BatchNorm",
    "Bias",
    "Dropout",
    "Eigenvalues",
    "Eigenvectors",
    "Flatten",
    "LayerNorm",
    "Linear",
    "LowRankHermitianMatrix",
    "MultiLayerPerceptron",
    "PReLU",
    "Reshape",
    "Scale",
    "SpectralFilter",
    "UnitaryRotation",
]
