"""Models train, predict, save and load."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from pmmpkg import data, io, metrics, optim
from pmmpkg.models import Parallel, Residual, SequentialModel, fit
from pmmpkg.models import pmm
from pmmpkg.models.training import evaluate
from pmmpkg.modules import Activation, BatchNorm, Linear

KEY = jax.random.key(0)


def test_eigenvalue_model_fits_a_spectrum() -> None:
    x, y = data.make_spectra(KEY, n=16, size=3)
    model = pmm.eigenvalue_model(matrix_size=3)
    result = fit(model, x, y, epochs=3, batch_size=8, optimizer=optim.Adam(5e-2))
    assert len(result.losses) == 3
    assert result.losses[-1] < result.losses[0]
    assert model.predict(x, batch_size=8).shape == (16, 1)


@pytest.mark.parametrize("opt", [optim.SGD(0.05), optim.Momentum(0.05), optim.Adam(0.05, weight_decay=1e-3)])
def test_dense_stack_trains_with_each_optimizer(opt) -> None:
    x, y = data.make_regression(KEY, n=16, features=2)
    model = SequentialModel([Linear(4), BatchNorm(), Activation("tanh"), Linear(1)])
    result = fit(model, x, y, optimizer=opt, epochs=2, batch_size=8)
    assert np.isfinite(result.losses).all()
    assert evaluate(model, x, y) >= 0.0


def test_combinators() -> None:
    x, _ = data.make_regression(KEY, n=4, features=3)
    res = Residual(Linear(3))
    res.compile(KEY, (3,))
    assert res(x).shape == (4, 3)
    par = Parallel([Linear(2), Linear(3)], combine="concat")
    par.compile(KEY, (3,))
    assert par(x).shape == (4, 5)
    assert sorted(par.get_params()) == ["0_Linear", "1_Linear"]


def test_plain_forward_passes_compose() -> None:
    p1, s1 = pmm.init_linear(KEY, (3,), 2)
    forward = pmm.compose(pmm.linear_forward(), pmm.polynomial_forward(2))
    coeffs = jnp.array([1.0, 0.5, 0.25])
    out, state = forward((p1, coeffs), jnp.ones((5, 3)), False, (s1, ()), KEY)
    assert out.shape == (5, 2)
    assert state == ((), ())


def test_low_rank_and_mlp_models() -> None:
    x, y = data.make_regression(KEY, n=8, features=2)
    for model in (pmm.low_rank_model(4, 2), pmm.mlp_model([4, 1]), pmm.dense_stack([3, 1])):
        fit(model, x, y, epochs=1, batch_size=8)
        assert model.predict(x).shape == (8, 1)


def test_save_and_load(tmp_path) -> None:
    x, y = data.make_regression(KEY, n=8, features=2)
    model = SequentialModel([Linear(3), BatchNorm(), Linear(1)])
    fit(model, x, y, epochs=1, batch_size=8)
    io.save_module(tmp_path / "model", model)
    fresh = SequentialModel([Linear(3), BatchNorm(), Linear(1)])
    fresh.compile(jax.random.key(7), (2,))
    io.load_into(tmp_path / "model", fresh)
    np.testing.assert_allclose(fresh(x), model(x), rtol=1e-6)


def test_classification_metrics() -> None:
    x, labels = data.make_classification(KEY, n=12, classes=3)
    model = SequentialModel([Linear(3)])
    fit(model, x, labels, loss="cross_entropy", epochs=2, batch_size=12)
    logits = model(x)
    assert 0.0 <= metrics.accuracy(logits, labels) <= 1.0
    assert int(metrics.confusion_matrix(logits, labels, 3).sum()) == 12
    assert metrics.summarize([3.0, 1.0, 2.0]) == {"first": 3.0, "last": 2.0, "best": 1.0}
