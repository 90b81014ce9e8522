"""Affine matrix functions of the input: the heart of a parametric matrix model.

``M(x) = M0 + sum_i x_i M_i`` with Hermitian ``M_i``; params are a tuple of arrays.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
from beartype import beartype
from jaxtyping import jaxtyped

from ..initializers import hermitian
from ..typing import Any, Data, DataShape, HyperParams, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule


def _hermitize(m: jax.Array) -> jax.Array:
    return (m + jnp.conj(jnp.swapaxes(m, -1, -2))) / 2.0


class AffineHermitianMatrix(BaseModule):
    """Params ``(m0, ms)``: ``m0`` is ``(n, n)``, ``ms`` is ``(features, n, n)``."""

    def __init__(self, matrix_size: int, init_magnitude: float = 1e-1, bias_term: bool = True) -> None:
        super().__init__()
        self.matrix_size = matrix_size
        self.init_magnitude = init_magnitude
        self.bias_term = bias_term
        self.m0 = None
        self.ms = None

    def get_hyperparameters(self) -> HyperParams:
        return {
            "matrix_size": self.matrix_size,
            "init_magnitude": self.init_magnitude,
            "bias_term": self.bias_term,
        }

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        self.matrix_size = int(hyperparams["matrix_size"])
        self.init_magnitude = float(hyperparams.get("init_magnitude", self.init_magnitude))
        self.bias_term = bool(hyperparams.get("bias_term", self.bias_term))

    def is_ready(self) -> bool:
        return self.ms is not None

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        return (self.matrix_size, self.matrix_size)

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        if len(input_shape) != 1:
            raise ValueError(f"AffineHermitianMatrix needs 1-D examples, got shape {input_shape}")
        super().compile(rng, input_shape)
        k0, k1 = jax.random.split(rng)
        (features,) = input_shape
        self.m0 = self.init_magnitude * hermitian(k0, self.matrix_size)[0]
        self.ms = self.init_magnitude * hermitian(k1, self.matrix_size, count=features)

    def get_params(self) -> Params:
        return (self.m0, self.ms)

    def set_params(self, params: Params) -> None:
        m0, ms = params
        if ms.ndim != 3 or ms.shape[-1] != ms.shape[-2]:
            raise ValueError(f"ms must be (features, n, n), got {ms.shape}")
        self.m0 = _hermitize(m0)
        self.ms = _hermitize(ms)

    def get_num_trainable_floats(self) -> int:
        n = self.matrix_size
        per_matrix = n * n  # n real diagonal + n(n-1) off-diagonal reals
        return per_matrix * (1 + self.ms.shape[0])

    def _get_callable(self) -> ModuleCallable:
        bias_term = self.bias_term

        @jaxtyped(typechecker=beartype)
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            m0 = params[0]
            ms = params[1]
            out = jnp.einsum("bf,fij->bij", data.astype(ms.dtype), ms)
            if bias_term:
                out = out + m0[None]
            return out, state

        return forward


class LowRankHermitianMatrix(BaseModule):
    """``M(x) = U diag(l0 + W x) U^H``: params ``(ls, us)`` with ``ls = (l0, w)``."""

    def __init__(self, matrix_size: int, rank: int) -> None:
        super().__init__()
        self.matrix_size = matrix_size
        self.rank = rank
        self.params = None

    def get_hyperparameters(self) -> HyperParams:
        return {"matrix_size": self.matrix_size, "rank": self.rank}

    def is_ready(self) -> bool:
        return self.params is not None

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        return (self.matrix_size, self.matrix_size)

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        kl, kw, ku = jax.random.split(rng, 3)
        (features,) = input_shape
        l0 = jax.random.normal(kl, (self.rank,))
        w = 0.1 * jax.random.normal(kw, (features, self.rank))
        u, _ = jnp.linalg.qr(jax.random.normal(ku, (self.matrix_size, self.rank)))
        self.params = ((l0, w), u)

    def get_params(self) -> Params:
        return self.params

    def set_params(self, params: Params) -> None:
        ls, us = params
        l0, w = ls
        if us.shape != (self.matrix_size, self.rank):
            raise ValueError(f"us must be ({self.matrix_size}, {self.rank}), got {us.shape}")
        if w.shape[-1] != self.rank or l0.shape != (self.rank,):
            raise ValueError("ls does not match the rank")
        self.params = ((l0, w), us)

    def _get_callable(self) -> ModuleCallable:
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            ls, us = params
            l0, w = ls
            eigs = l0[None, :] + data @ w
            out = jnp.einsum("ir,br,jr->bij", us, eigs, us)
            return out, state

        return forward
