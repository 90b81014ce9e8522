import jax
import jax.numpy as jnp
import pytest

from tinynet import checkpoint


def test_checkpoint_round_trips(tmp_path, trained, small_hyperparams):
    path = tmp_path / "model.npz"
    checkpoint.save(path, trained, small_hyperparams)
    restored, hyperparams = checkpoint.restore(path, trained)
    assert hyperparams == small_hyperparams
    for part in ("params", "state", "input_stats", "target_stats"):
        same = jax.tree_util.tree_map(jnp.array_equal, restored[part], trained[part])
        assert all(jax.tree_util.tree_leaves(same))


def test_restore_names_a_leaf_with_the_wrong_shape(tmp_path, trained, small_hyperparams):
    path = tmp_path / "model.npz"
    checkpoint.save(path, trained, small_hyperparams)
    mean = {"position": jnp.zeros(4), "velocity": jnp.zeros(3)}
    template = dict(trained, input_stats={"mean": mean, "std": trained["input_stats"]["std"]})
    message = r"leaf 'input_stats/mean/position' has shape \(3,\), expected \(4,\)"
    with pytest.raises(ValueError, match=message):
        checkpoint.restore(path, template)

