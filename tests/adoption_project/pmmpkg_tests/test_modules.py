"""Each module compiles, runs a forward pass and round-trips its params."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from pmmpkg import modules as m
from pmmpkg.tree_util import tree_allclose

KEY = jax.random.key(0)


def _run(module, shape, batch=3, dtype=jnp.float32):
    module.compile(KEY, shape)
    x = jax.random.normal(jax.random.key(1), (batch, *shape)).astype(dtype)
    out = module(x)
    assert out.shape == (batch, *module.get_output_shape(shape))
    return out


@pytest.mark.parametrize(
    "module, shape",
    [
        (m.Bias(), (4,)),
        (m.Bias(scalar=True), (4,)),
        (m.Linear(5), (4,)),
        (m.Scale(2.0), (4,)),
        (m.MultiLayerPerceptron([6, 2]), (4,)),
        (m.LayerNorm(), (4,)),
        (m.BatchNorm(), (4,)),
        (m.Activation("gelu"), (4,)),
        (m.Activation("sinc"), (4,)),
        (m.PReLU(), (4,)),
        (m.Dropout(0.5), (4,)),
        (m.Flatten(), (2, 3)),
        (m.Reshape((3, 2)), (2, 3)),
        (m.Reshape(), (2, 3)),
        (m.SpectralFilter(), (8,)),
    ],
    ids=lambda v: type(v).__name__ if not isinstance(v, tuple) else str(v),
)
def test_forward_pass_has_the_declared_output_shape(module, shape) -> None:
    _run(module, shape)


def test_params_round_trip_through_set_params() -> None:
    for module, shape in [
        (m.Bias(), (3,)),
        (m.Linear(2), (3,)),
        (m.MultiLayerPerceptron([4, 1]), (3,)),
        (m.LayerNorm(), (3,)),
        (m.AffineHermitianMatrix(3), (2,)),
        (m.LowRankHermitianMatrix(4, 2), (2,)),
        (m.PReLU(), (3,)),
    ]:
        module.compile(KEY, shape)
        before = module.get_params()
        module.set_params(before)
        assert tree_allclose(module.get_params(), before), module.name


def test_affine_matrix_then_eigenvalues() -> None:
    affine = m.AffineHermitianMatrix(4)
    affine.compile(KEY, (2,))
    x = jnp.array([[0.1, -0.2], [0.3, 0.5]])
    matrices = affine(x)
    assert matrices.shape == (2, 4, 4)
    np.testing.assert_allclose(matrices, jnp.conj(jnp.swapaxes(matrices, -1, -2)), atol=1e-6)
    eig = m.Eigenvalues(2)
    eig.compile(KEY, (4, 4))
    values = eig(matrices)
    assert values.shape == (2, 2)
    assert bool(jnp.all(values[:, 0] <= values[:, 1]))


def test_low_rank_matrix_is_hermitian_of_rank_r() -> None:
    low = m.LowRankHermitianMatrix(5, 2)
    low.compile(KEY, (3,))
    out = low(jnp.ones((2, 3)))
    assert out.shape == (2, 5, 5)
    assert int(jnp.linalg.matrix_rank(out[0])) <= 2


def test_batch_norm_updates_its_state_only_when_training() -> None:
    bn = m.BatchNorm()
    bn.compile(KEY, (2,))
    x = jnp.array([[1.0, 2.0], [3.0, 6.0]])
    bn(x)
    assert int(bn.get_state()["count"]) == 0
    bn(x, training=True)
    assert int(bn.get_state()["count"]) == 1
    np.testing.assert_allclose(bn.get_state()["mean"], 0.1 * jnp.array([2.0, 4.0]), rtol=1e-6)


def test_eigenvectors_and_unitary_rotation_on_complex_matrices() -> None:
    rot = m.UnitaryRotation()
    rot.compile(KEY, (3, 3))
    h = jnp.eye(3, dtype=jnp.complex64)[None].repeat(2, axis=0) * jnp.array([1.0, 2.0])[:, None, None]
    out = rot(h)
    np.testing.assert_allclose(jnp.linalg.eigvalsh(out), jnp.linalg.eigvalsh(h), atol=1e-5)
    vec = m.Eigenvectors()
    vec.compile(KEY, (3, 3))
    assert vec(out).shape == (2, 6)


def test_bad_params_are_rejected() -> None:
    lin = m.Linear(2)
    lin.compile(KEY, (3,))
    with pytest.raises(ValueError, match="w has shape"):
        lin.set_params((jnp.zeros((4, 2)), jnp.zeros((2,))))
    norm = m.LayerNorm()
    norm.compile(KEY, (3,))
    with pytest.raises(ValueError, match="lack"):
        norm.set_params({"scale": jnp.ones((3,))})
    with pytest.raises(RuntimeError, match="not compiled"):
        m.Linear(2)(jnp.ones((1, 3)))


def test_num_trainable_floats() -> None:
    lin = m.Linear(2)
    lin.compile(KEY, (3,))
    assert lin.get_num_trainable_floats() == 8
    bias = m.Bias(real=False)
    bias.compile(KEY, (3,))
    assert bias.get_num_trainable_floats() == 6


def test_runtime_checks_reject_a_params_tree_of_ints() -> None:
    lin = m.Linear(2)
    lin.compile(KEY, (3,))
    forward = lin.get_callable()
    with pytest.raises(Exception, match="params"):
        forward((jnp.zeros((3, 2), jnp.int32), jnp.zeros((2,), jnp.int32)), jnp.ones((1, 3)), False, (), KEY)
