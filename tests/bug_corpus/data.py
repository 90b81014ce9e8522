"""data: scalers over PyTrees, spectra and features."""

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    BatchlessComplexDataFixed,
    BatchlessDataFixed,
    BatchlessRealDataFixed,
    ComplexDataFixed,
    DataFixed,
    RealDataFixed,
    check,
)

# bug scaler_mean_of_other_structure: caught by runtime, mypy+plugin
@check
def scale(x: DataFixed, mean: BatchlessDataFixed) -> DataFixed:
    return x
scale((jnp.ones((4, 3)), jnp.ones((4, 2))), (jnp.ones(3), jnp.ones(2), jnp.ones(1)))

# twin scaler_mean_of_other_structure
@check
def scale(x: DataFixed, mean: BatchlessDataFixed) -> DataFixed:
    return x
scale((jnp.ones((4, 3)), jnp.ones((4, 2))), (jnp.ones(3), jnp.ones(2)))

# bug scaler_mean_list_vs_tuple: caught by runtime, mypy+plugin
@check
def scale(x: DataFixed, mean: BatchlessDataFixed) -> DataFixed:
    return x
scale((jnp.ones((4, 3)), jnp.ones((4, 2))), [jnp.ones(3), jnp.ones(2)])

# twin scaler_mean_list_vs_tuple
@check
def scale(x: DataFixed, mean: BatchlessDataFixed) -> DataFixed:
    return x
scale((jnp.ones((4, 3)), jnp.ones((4, 2))), (jnp.ones(3), jnp.ones(2)))

# bug scaler_fitted_on_one_example: caught by runtime, mypy+plugin
@check
def fit(x: DataFixed) -> BatchlessDataFixed:
    out: BatchlessDataFixed = jax.tree.map(lambda a: a.mean(0), x)
    return out
@check
def refit(example: BatchlessDataFixed) -> None:
    fit(example)
refit(jnp.ones(3))

# twin scaler_fitted_on_one_example
@check
def fit(x: DataFixed) -> BatchlessDataFixed:
    out: BatchlessDataFixed = jax.tree.map(lambda a: a.mean(0), x)
    return out
@check
def refit(batch: DataFixed) -> None:
    fit(batch)
refit(jnp.ones((4, 3)))

# bug scaler_statistics_used_as_batch: caught by runtime, mypy+plugin
@check
def fit(x: DataFixed) -> BatchlessDataFixed:
    out: BatchlessDataFixed = jax.tree.map(lambda a: a.mean(0), x)
    return out
@check
def transform(x: DataFixed) -> DataFixed:
    return x
@check
def pipeline(x: DataFixed) -> None:
    transform(fit(x))
pipeline(jnp.ones((4, 3)))

# twin scaler_statistics_used_as_batch
@check
def fit(x: DataFixed) -> BatchlessDataFixed:
    out: BatchlessDataFixed = jax.tree.map(lambda a: a.mean(0), x)
    return out
@check
def transform(x: DataFixed) -> DataFixed:
    return x
@check
def pipeline(x: DataFixed) -> None:
    fit(x)
    transform(x)
pipeline(jnp.ones((4, 3)))

# bug spectrum_from_eigvals_as_real: caught by runtime, mypy+plugin
@check
def features(w: BatchlessRealDataFixed) -> None: ...
features(jnp.linalg.eigvals(jnp.eye(3)))

# twin spectrum_from_eigvals_as_real
@check
def features(w: BatchlessRealDataFixed) -> None: ...
features(jnp.linalg.eigvalsh(jnp.eye(3)))

# bug fft_features_as_real: caught by runtime, mypy+plugin
@check
def features(x: RealDataFixed) -> None: ...
features(jnp.fft.fft(jnp.ones((4, 8))))

# twin fft_features_as_real
@check
def features(x: RealDataFixed) -> None: ...
features(jnp.abs(jnp.fft.fft(jnp.ones((4, 8)))))

# bug phase_encoding_as_real: caught by runtime, mypy+plugin
@check
def encode(t: Array) -> RealDataFixed:
    return jnp.exp(1j * t)
encode(jnp.ones((4, 3)))

# twin phase_encoding_as_real
@check
def encode(t: Array) -> RealDataFixed:
    return jnp.cos(t)
encode(jnp.ones((4, 3)))

# bug complex_model_fed_real: caught by runtime, mypy+plugin
@check
def propagate(psi: ComplexDataFixed) -> None: ...
propagate(jnp.zeros((4, 3)))

# twin complex_model_fed_real
@check
def propagate(psi: ComplexDataFixed) -> None: ...
propagate(jnp.zeros((4, 3), dtype=jnp.complex64))

# bug hermitian_part_as_batchless_real: caught by runtime, mypy+plugin
@check
def symmetrize(m: Array) -> BatchlessRealDataFixed:
    return 0.5 * (m + 1j * m.T)
symmetrize(jnp.eye(3))

# twin hermitian_part_as_batchless_real
@check
def symmetrize(m: Array) -> BatchlessComplexDataFixed:
    return 0.5 * (m + 1j * m.T)
symmetrize(jnp.eye(3))

# bug one_hot_labels_int: caught by runtime, mypy+plugin
@check
def cross_entropy(logits: RealDataFixed, labels: DataFixed) -> Array:
    return jnp.zeros(())
cross_entropy(jnp.ones((4, 3)), jnp.eye(3, dtype=jnp.int32)[jnp.array([0, 1, 2, 0])].astype(jnp.int8))

# twin one_hot_labels_int
@check
def cross_entropy(logits: RealDataFixed, labels: DataFixed) -> Array:
    return jnp.zeros(())
cross_entropy(jnp.ones((4, 3)), jnp.eye(3)[jnp.array([0, 1, 2, 0])].astype(jnp.float32))

# bug trailing_shape_mismatch: caught by runtime
@check
def scale(x: DataFixed, mean: BatchlessDataFixed) -> DataFixed:
    return x
scale(jnp.ones((4, 3)), jnp.ones(5))

# twin trailing_shape_mismatch
@check
def scale(x: DataFixed, mean: BatchlessDataFixed) -> DataFixed:
    return x
scale(jnp.ones((4, 3)), jnp.ones(3))
