"""pmmpkg: parametric matrix model building blocks in JAX."""

from . import losses, models, modules, optim, tree_util
from .models import SequentialModel
from .modules import BaseModule

__all__ = ["BaseModule", "SequentialModel", "losses", "models", "modules", "optim", "tree_util"]
