"""Each example runs (tiny sizes): a smoke test of five calls."""

import math

from examples import differentially_private_sgd, hyperparams, mnist_classifier, mnist_vae, resnet


def test_classifier():
    assert 0.0 <= mnist_classifier.main(num_steps=2) <= 1.0


def test_vae():
    value, shape = mnist_vae.main(num_steps=2)
    assert math.isfinite(value)
    assert shape == (2, 2, 16)


def test_resnet():
    shape, out_shape, count = resnet.main()
    assert shape == out_shape == (4, 3)
    assert count > 0


def test_hyperparams():
    assert hyperparams.main() == 4


def test_dp_sgd():
    assert math.isfinite(differentially_private_sgd.main(num_steps=1))
