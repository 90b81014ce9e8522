"""Multi-layer perceptrons assembled from the basic layers."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from batchtyping import DictParams, DictState
from jaxmodels.layers.activations import activation
from jaxmodels.layers.base import Model
from jaxmodels.layers.batchnorm import batch_norm
from jaxmodels.layers.combinators import SequentialParams, SequentialState, residual, sequential
from jaxmodels.layers.dropout import dropout
from jaxmodels.layers.linear import linear


def hidden_block(
    width: int, *, act: str, use_batchnorm: bool, dropout_rate: float
) -> list[Model[DictParams, DictState]]:
    """linear -> [batch_norm] -> activation -> [dropout]."""
    block = [linear(width)]
    if use_batchnorm:
        block.append(batch_norm())
    block.append(activation(act))
    if dropout_rate > 0.0:
        block.append(dropout(dropout_rate))
    return block


def mlp(
    hidden: Sequence[int],
    out_features: int,
    *,
    act: str = "relu",
    use_batchnorm: bool = False,
    dropout_rate: float = 0.0,
) -> Model[SequentialParams, SequentialState]:
    """Hidden layers of the given widths, then a linear read-out of ``out_features``."""
    block = functools.partial(
        hidden_block, act=act, use_batchnorm=use_batchnorm, dropout_rate=dropout_rate
    )
    layers: list[Model[DictParams, DictState]] = []
    for width in hidden:
        layers.extend(block(width))
    layers.append(linear(out_features))
    return sequential(*layers)


def residual_mlp(
    width: int, depth: int, out_features: int, *, act: str = "gelu"
) -> Model[tuple[SequentialParams, ...], tuple[SequentialState, ...]]:
    """A projection to ``width``, ``depth`` residual blocks, then a linear read-out."""
    projection = sequential(linear(width))
    blocks = [residual(sequential(linear(width), activation(act))) for _ in range(depth)]
    read_out = sequential(linear(out_features))
    return sequential(projection, *blocks, read_out)
