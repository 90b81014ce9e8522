"""Complex-valued modules: a unitary rotation and a spectral filter."""

from __future__ import annotations

import jax
import jax.numpy as jnp
from beartype import beartype
from jaxtyping import Array, Complex, PyTree, jaxtyped

from ..initializers import complex_normal
from ..typing import Any, Data, DataShape, HyperParams, ModuleCallable, Params, State, Tuple
from .basemodule import BaseModule


class UnitaryRotation(BaseModule):
    """``U x U^H`` with ``U = expm(i H)``; params are one Hermitian generator ``H``."""

    def __init__(self, init_magnitude: float = 0.1) -> None:
        super().__init__()
        self.init_magnitude = init_magnitude
        self.generator = None

    def get_hyperparameters(self) -> HyperParams:
        return {"init_magnitude": self.init_magnitude}

    def is_ready(self) -> bool:
        return self.generator is not None

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        n = input_shape[-1]
        a = complex_normal(rng, (n, n), self.init_magnitude)
        self.generator = (a + jnp.conj(a.T)) / 2

    def get_params(self) -> Params:
        return self.generator

    def set_params(self, params: Params) -> None:
        if params.shape[0] != params.shape[1]:
            raise ValueError(f"the generator must be square, got {params.shape}")
        self.generator = (params + jnp.conj(params.T)) / 2

    def _get_callable(self) -> ModuleCallable:
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            u = jax.scipy.linalg.expm(1j * params)
            return jnp.einsum("ij,bjk,lk->bil", u, data, jnp.conj(u)), state

        return forward


class SpectralFilter(BaseModule):
    """Multiplies the FFT of each example by trainable complex gains."""

    def __init__(self) -> None:
        super().__init__()
        self.gains = None

    def is_ready(self) -> bool:
        return self.gains is not None

    def compile(self, rng: Any, input_shape: DataShape) -> None:
        super().compile(rng, input_shape)
        self.gains = jnp.ones((input_shape[-1],), jnp.complex64)

    def get_params(self) -> Params:
        return {"gains": self.gains}

    def set_params(self, params: Params) -> None:
        self.gains = params["gains"]

    def _get_callable(self) -> ModuleCallable:
        @jaxtyped(typechecker=beartype)
        def forward(
            params: Params, data: Data, training: bool, state: State, rng: Any
        ) -> Tuple[Data, State]:
            spectrum = jnp.fft.fft(data, axis=-1) * params["gains"]
            return jnp.fft.ifft(spectrum, axis=-1).real, state

        return forward


@jaxtyped(typechecker=beartype)
def power_spectrum(
    signals: PyTree[
        Complex[Array, "batch n"],
        " Signals",
    ],
) -> PyTree[Array, " Signals"]:
    return jax.tree_util.tree_map(lambda s: jnp.abs(jnp.fft.fft(s, axis=-1)) ** 2, signals)
