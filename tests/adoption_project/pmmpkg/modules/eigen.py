"""Eigenvalue readouts of matrix-valued data (no params)."""

from __future__ import annotations

import jax.numpy as jnp
from beartype import beartype
from jaxtyping import jaxtyped

from ..typing import Any, Data, DataShape, HyperParams, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule


class Eigenvalues(BaseModule):
    """The ``num_eig`` eigenvalues of each Hermitian matrix, lowest (or highest) first."""

    def __init__(self, num_eig: int = 1, which: str = "SA") -> None:
        super().__init__()
        if which not in ("SA", "LA"):
            raise ValueError(f"which must be 'SA' or 'LA', got {which!r}")
        self.num_eig = num_eig
        self.which = which

    def get_hyperparameters(self) -> HyperParams:
        return {"num_eig": self.num_eig, "which": self.which}

    def set_hyperparameters(self, hyperparams: HyperParams) -> None:
        self.num_eig = int(hyperparams.get("num_eig", self.num_eig))
        self.which = str(hyperparams.get("which", self.which))

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        n, m = input_shape
        if n != m:
            raise ValueError(f"square matrices expected, got {input_shape}")
        if self.num_eig > n:
            raise ValueError(f"num_eig={self.num_eig} > matrix size {n}")
        return (self.num_eig,)

    def _get_callable(self) -> ModuleCallable:
        num_eig = self.num_eig
        lowest = self.which == "SA"

        @jaxtyped(typechecker=beartype)
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            eigs = jnp.linalg.eigvalsh(data)
            if lowest:
                return eigs[:, :num_eig], state
            return eigs[:, ::-1][:, :num_eig], state

        return forward


class Eigenvectors(BaseModule):
    """The eigenvector of the lowest eigenvalue, as real and imaginary parts concatenated."""

    def get_output_shape(self, input_shape: DataShape) -> DataShape:
        n, _ = input_shape
        return (2 * n,)

    def _get_callable(self) -> ModuleCallable:
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            _, vecs = jnp.linalg.eigh(data)
            v = vecs[:, :, 0]
            phase = jnp.exp(-1j * jnp.angle(v[:, :1]))
            v = v * phase
            return jnp.concatenate([v.real, v.imag], axis=-1), state

        return forward


def spectral_gap(data: Data) -> Data:
    """Gap between the two lowest eigenvalues of each matrix."""
    eigs = jnp.linalg.eigvalsh(data)
    return eigs[:, 1] - eigs[:, 0]
