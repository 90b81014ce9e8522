"""Models: compositions of modules."""

from .combinators import Parallel, Residual
from .sequential import SequentialModel
from .training import TrainResult, fit

__all__ = ["Parallel", "Residual", "SequentialModel", "TrainResult", "fit"]
