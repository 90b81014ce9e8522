import jax
import jax.numpy as jnp

from tinynet import fit_scaler, inverse_transform, transform
from tinynet.scaler import fit_transform


def test_scaler_standardises_every_leaf(key):
    data = {"a": 3.0 + 2.0 * jax.random.normal(key, (64, 2)), "b": jnp.arange(64.0)[:, None]}
    stats, scaled = fit_transform(data)
    for leaf in jax.tree_util.tree_leaves(scaled):
        assert jnp.allclose(jnp.mean(leaf, axis=0), 0.0, atol=1e-5)
        assert jnp.allclose(jnp.std(leaf, axis=0), 1.0, atol=1e-3)
    assert jax.tree_util.tree_structure(scaled) == jax.tree_util.tree_structure(data)


def test_inverse_transform_round_trips(key):
    data = (jax.random.normal(key, (8, 3)), jax.random.uniform(key, (8, 1)))
    stats = fit_scaler(data)
    restored = inverse_transform(stats, transform(stats, data))
    for original, back in zip(data, restored):
        assert jnp.allclose(original, back, atol=1e-5)


def test_transform_applies_training_statistics_to_new_data():
    stats = fit_scaler(jnp.array([[0.0], [2.0]]))
    assert jnp.allclose(transform(stats, jnp.array([[4.0]])), jnp.array([[3.0]]))
