import os

import jax
import pytest

os.environ.setdefault("JAX_PLATFORMS", "cpu")


@pytest.fixture
def key():
    return jax.random.PRNGKey(0)


@pytest.fixture(scope="session")
def small_hyperparams():
    from tinynet import make_hyperparams

    return make_hyperparams(hidden_sizes=[8], batch_size=32, epochs=4, learning_rate=1e-2)


@pytest.fixture(scope="session")
def trained(small_hyperparams):
    """A network trained on 128 synthetic examples, shared by the tests that need one."""
    from tinynet import fit, make_dataset

    key = jax.random.PRNGKey(0)
    inputs, targets = make_dataset(key, 128)
    return fit(small_hyperparams, inputs, targets, key)
