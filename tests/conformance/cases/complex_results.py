"""complex results: eigenvalues, FFTs and complex arithmetic give complex leaves where real data may be declared."""

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    BatchlessComplexDataFixed,
    BatchlessRealDataFixed,
    ComplexDataFixed,
    RealDataFixed,
    check,
)

# case eigvals_passed_as_real: rejected by runtime, mypy+plugin
@check
def spectrum(w: BatchlessRealDataFixed) -> None: ...
spectrum(jnp.linalg.eigvals(jnp.eye(3)))

# case eigvals_magnitude_returned_as_real: accepted
@check
def spectrum(m: Array) -> BatchlessRealDataFixed:
    return jnp.abs(jnp.linalg.eigvals(m))
spectrum(jnp.eye(3))

# case eigvals_passed_as_complex: accepted
@check
def spectrum(w: BatchlessComplexDataFixed) -> None: ...
spectrum(jnp.linalg.eigvals(jnp.eye(3)))

# case eigvalsh_passed_as_real: accepted
@check
def spectrum(w: BatchlessRealDataFixed) -> None: ...
spectrum(jnp.linalg.eigvalsh(jnp.eye(3)))

# case eig_vectors_passed_as_real: rejected by runtime, mypy+plugin
@check
def project(v: RealDataFixed) -> None: ...
w, v = jnp.linalg.eig(jnp.eye(3))
project(v)

# case eig_vectors_real_part: accepted
@check
def project(v: RealDataFixed) -> None: ...
w, v = jnp.linalg.eig(jnp.eye(3))
project(jnp.real(v))

# case fft2_returned_as_real: rejected by runtime, mypy+plugin
@check
def smooth(x: Array) -> RealDataFixed:
    return jnp.fft.fft2(x)
smooth(jnp.zeros((4, 3)))

# case ifft2_of_fft2_real_part: accepted
@check
def smooth(x: Array) -> RealDataFixed:
    return jnp.real(jnp.fft.ifft2(jnp.fft.fft2(x)))
smooth(jnp.zeros((4, 3)))

# case ifft_passed_as_real: rejected by runtime, mypy+plugin
@check
def scale(x: RealDataFixed) -> None: ...
scale(jnp.fft.ifft(jnp.zeros((4, 3))))

# case fftn_passed_as_real: rejected by runtime, mypy+plugin
@check
def scale(x: BatchlessRealDataFixed) -> None: ...
scale(jnp.fft.fftn(jnp.zeros((3, 3))))

# case irfft_passed_as_real: accepted
@check
def scale(x: RealDataFixed) -> None: ...
scale(jnp.fft.irfft(jnp.fft.rfft(jnp.zeros((4, 6)))))

# case imaginary_unit_times_data_as_real: rejected by runtime, mypy+plugin
@check
def rotate(x: Array) -> RealDataFixed:
    return 1j * x
rotate(jnp.zeros((4, 3)))

# case imaginary_unit_times_data_as_complex: accepted
@check
def rotate(x: Array) -> ComplexDataFixed:
    return 1j * x
rotate(jnp.zeros((4, 3)))

# case data_times_imaginary_unit_passed_as_real: rejected by runtime, mypy+plugin
@check
def scale(x: RealDataFixed) -> None: ...
scale(jnp.zeros((4, 3)) * 2j)

# case phase_factor_returned_as_real: rejected by runtime, mypy+plugin
@check
def modulate(x: Array) -> RealDataFixed:
    return jnp.exp(1j * x)
modulate(jnp.zeros((4, 3)))

# case phase_factor_cosine_as_real: accepted
@check
def modulate(x: Array) -> RealDataFixed:
    return jnp.cos(x)
modulate(jnp.zeros((4, 3)))

# case phase_factor_times_data_as_real: rejected by runtime, mypy+plugin
@check
def modulate(x: Array, phase: Array) -> RealDataFixed:
    return x * jnp.exp(1j * phase)
modulate(jnp.zeros((4, 3)), jnp.zeros(3))

# case float_scaling_as_real: accepted
@check
def modulate(x: Array) -> RealDataFixed:
    return 2.0 * x
modulate(jnp.zeros((4, 3)))

# case phase_factor_assigned_as_real: rejected by runtime, mypy+plugin
@check
def modulate(x: Array) -> None:
    y: RealDataFixed = jnp.exp(1j * x)
    check_real(y)
@check
def check_real(y: RealDataFixed) -> None: ...
modulate(jnp.zeros((4, 3)))
