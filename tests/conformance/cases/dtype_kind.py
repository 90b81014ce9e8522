"""Dtype kind: the Real and Complex families, and values whose kind a checker can know."""

import jax.numpy as jnp
from jax import Array

from batchtyping import (
    BatchlessComplexDataFixed,
    BatchlessRealDataFixed,
    ComplexDataFixed,
    DataFixed,
    Params,
    RealDataFixed,
    State,
    check,
)

# case real_param_to_complex: rejected by runtime, mypy+plugin
@check
def spectrum(z: BatchlessComplexDataFixed) -> None: ...
@check
def g(x: BatchlessRealDataFixed) -> None:
    spectrum(x)
g(jnp.zeros(3))

# case complex_param_to_real: rejected by runtime, mypy+plugin
@check
def power(x: RealDataFixed) -> None: ...
@check
def g(z: ComplexDataFixed) -> None:
    power(z)
g(jnp.zeros((4, 3), dtype=jnp.complex64))

# case abs_result_to_complex: rejected by runtime, mypy+plugin
@check
def spectrum(z: ComplexDataFixed) -> None: ...
z = jnp.ones((4, 3), dtype=jnp.complex64)
spectrum(jnp.abs(z))

# case real_result_to_complex: rejected by runtime, mypy+plugin
@check
def spectrum(z: ComplexDataFixed) -> None: ...
z = jnp.ones((4, 3), dtype=jnp.complex64)
spectrum(jnp.real(z))

# case imag_result_to_complex: rejected by runtime, mypy+plugin
@check
def spectrum(z: BatchlessComplexDataFixed) -> None: ...
spectrum(jnp.imag(jnp.ones(3, dtype=jnp.complex64)))

# case fft_result_to_real: rejected by runtime, mypy+plugin
@check
def power(x: RealDataFixed) -> None: ...
power(jnp.fft.fft(jnp.ones((4, 8))))

# case irfft_result_to_complex: rejected by runtime, mypy+plugin
@check
def spectrum(z: ComplexDataFixed) -> None: ...
spectrum(jnp.fft.irfft(jnp.ones((4, 8), dtype=jnp.complex64)))

# case abs_result_to_real: accepted
@check
def power(x: RealDataFixed) -> None: ...
power(jnp.abs(jnp.ones((4, 3), dtype=jnp.complex64)))

# case fft_result_to_complex: accepted
@check
def spectrum(z: ComplexDataFixed) -> None: ...
spectrum(jnp.fft.fft(jnp.ones((4, 8))))

# case rfft_result_to_complex: accepted
@check
def spectrum(z: ComplexDataFixed) -> None: ...
spectrum(jnp.fft.rfft(jnp.ones((4, 8))))

# case unknown_array_to_complex: accepted
@check
def spectrum(z: ComplexDataFixed) -> None: ...
z: Array = jnp.ones((4, 3), dtype=jnp.complex64)
spectrum(z)

# case unknown_array_to_real: rejected by runtime
@check
def power(x: RealDataFixed) -> None: ...
z: Array = jnp.ones((4, 3), dtype=jnp.complex64)
power(z)

# case real_float_to_inexact: accepted
@check
def scale(x: DataFixed) -> None: ...
@check
def g(x: RealDataFixed) -> None:
    scale(x)
g(jnp.zeros((4, 3)))

# case real_int_to_inexact: rejected by runtime
@check
def scale(x: DataFixed) -> None: ...
@check
def g(x: RealDataFixed) -> None:
    scale(x)
g(jnp.zeros((4, 3), dtype=jnp.int32))

# case complex_to_inexact: accepted
@check
def scale(x: DataFixed) -> None: ...
@check
def g(z: ComplexDataFixed) -> None:
    scale(z)
g(jnp.zeros((4, 3), dtype=jnp.complex64))

# case complex_to_params: accepted
@check
def f(p: Params) -> None: ...
@check
def g(z: ComplexDataFixed) -> None:
    f(z)
g(jnp.zeros((4, 3), dtype=jnp.complex64))

# case real_int_to_state: accepted
@check
def f(s: State) -> None: ...
@check
def g(x: RealDataFixed) -> None:
    f(x)
g(jnp.zeros((4, 3), dtype=jnp.int32))

# case real_and_complex_same_call: accepted
@check
def f(x: RealDataFixed, z: ComplexDataFixed) -> None: ...
z = jnp.ones((4, 3), dtype=jnp.complex64)
f(jnp.abs(z), z)
