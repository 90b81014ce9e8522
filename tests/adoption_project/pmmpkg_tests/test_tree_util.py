"""Tree helpers, shapes, io and utilities."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from pmmpkg import data, io, tree_util as tu, utils
from pmmpkg.modules import normalization, reshape
from pmmpkg.modules.linear import dense, init_dense

KEY = jax.random.key(0)
TREE = {"a": jnp.ones((2,)), "b": (jnp.zeros((2, 2)), jnp.full((3,), 2.0))}


def test_arithmetic() -> None:
    assert tu.tree_allclose(tu.tree_add(TREE, TREE), tu.tree_scale(TREE, 2.0))
    assert tu.tree_allclose(tu.tree_axpy(1.0, TREE, tu.tree_zeros_like(TREE)), TREE)
    assert float(tu.tree_norm(TREE)) == pytest.approx(np.sqrt(2 + 12))
    assert tu.tree_size(TREE) == 9


def test_runtime_check_rejects_mismatched_structures() -> None:
    with pytest.raises(Exception):
        tu.tree_add(TREE, {"a": jnp.ones((2,))})


def test_shapes_stack_unstack() -> None:
    assert tu.tree_shapes(TREE) == {"a": (2,), "b": ((2, 2), (3,))}
    stacked = tu.stack_trees([TREE, TREE, TREE])
    assert stacked["a"].shape == (3, 2)
    assert len(tu.unstack_tree(stacked)) == 3
    assert tu.leaf_paths(TREE) == ("['a']", "['b'][0]", "['b'][1]")


def test_split_broadcast_flatten() -> None:
    x = jnp.arange(10.0).reshape(5, 2)
    assert [b.shape[0] for b in tu.split_batch(x, 2)] == [2, 2, 1]
    assert len(tu.split_batch([x, x], 3)) == 2
    out = tu.broadcast_constants({"a": jnp.ones(())}, {"a": (2, 3)})
    assert out["a"].shape == (2, 3)
    assert tu.broadcast_constants(TREE) is TREE
    flat, unflatten = tu.flatten_params(TREE)
    assert flat.shape == (9,)
    assert tu.tree_allclose(unflatten(flat), TREE)


def test_tree_where_and_map_with_name() -> None:
    mask = {"a": jnp.array([True, False])}
    out = tu.tree_where(mask, {"a": jnp.ones(2)}, {"a": jnp.zeros(2)})
    np.testing.assert_array_equal(out["a"], [1.0, 0.0])
    named = tu.map_with_name(lambda name, x: name, {"w": 1})
    assert named == {"w": "['w']"}


def test_shape_helpers() -> None:
    assert reshape.padded_shape((3, 5), 4) == (3, 8)
    assert reshape.concat_shapes([(2, 3), (2, 4)]) == (2, 7)
    x = jnp.ones((2, 3))
    assert reshape.pad_to(x, (5,)).shape == (2, 5)
    assert reshape.pad_to(x) is x
    reshape.check_shape(x, (3,))
    with pytest.raises(ValueError):
        reshape.check_shape(x, (4,))
    assert data.example_shape(x) == (3,)
    assert data.batch_size_of({"x": x, "y": jnp.ones((2,))}) == 2


def test_normalization_helpers() -> None:
    x = jnp.array([[1.0, 2.0], [3.0, 4.0]])
    out, stats = normalization.standardize(x)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-6)
    again, _ = normalization.standardize(x, stats)
    np.testing.assert_allclose(again, out)
    normed, s = data.normalize(x)
    np.testing.assert_allclose(data.denormalize(normed, s), x, rtol=1e-6)
    running = normalization.running_mean({"m": jnp.zeros(2)}, {"m": x})
    np.testing.assert_allclose(running["m"], 0.1 * x.mean(0), rtol=1e-6)


def test_dense_and_utils() -> None:
    params = init_dense(KEY, 3, 2)
    assert dense(params, jnp.ones((4, 3))).shape == (4, 2)
    assert utils.batched([1, 2, 3], 2) == [(1, 2), (3,)]
    assert utils.count_leaves(TREE) == 3
    z = utils.real_to_complex(utils.complex_to_real(jnp.array([[1 + 2j]])))
    np.testing.assert_allclose(z, [[1 + 2j]])
    assert utils.pairwise_apply(lambda a, b: a + b, [(1, 2)]) == [3]
    assert utils.pairwise_apply(lambda a, b: a + b) == []
    sink = {}
    with utils.timer("t", sink):
        pass
    assert "t" in sink
    shape_fn = utils.memoize_shape(lambda s: s[::-1])
    assert shape_fn([2, 3]) == (3, 2)
    assert utils.shapes_of([jnp.ones((1, 2))]) == [(2,)]


def test_io_arrays_round_trip() -> None:
    arrays = io.params_to_arrays(TREE)
    assert tu.tree_allclose(io.arrays_to_params(arrays, TREE), TREE)
    assert io.shape_from_json([2, 3]) == (2, 3)
    assert io.hyperparameters_from_json('{"input_shape": [2], "n": 1}') == {"input_shape": (2,), "n": 1}
    assert io.state_summary({"m": jnp.ones((2,))}) == {"['m']": (2,)}


def test_schedules_and_polynomials() -> None:
    from pmmpkg import schedules
    from pmmpkg.modules.polynomial import Polynomial, chebyshev_features

    assert schedules.constant(0.1)(5) == 0.1
    assert schedules.exponential(1.0, 0.5, every=2)(4) == 0.25
    assert schedules.cosine(1.0, 10)(10) == pytest.approx(0.0)
    assert schedules.warmup(schedules.constant(1.0), 4)(1) == 0.5
    assert [schedules.piecewise([2], [1.0, 0.1])(s) for s in (0, 3)] == [1.0, 0.1]
    poly = Polynomial(degree=2)
    poly.compile(KEY, (3,))
    poly.set_params(poly.get_params())
    assert poly(jnp.ones((2, 3))).shape == (2, 3)
    assert chebyshev_features(jnp.ones((2, 3)), 3, (3,)).shape == (2, 12)


def test_ensemble() -> None:
    from pmmpkg.models.ensemble import Ensemble, disagreement
    from pmmpkg.modules import Linear

    ens = Ensemble(lambda: Linear(2), members=3, return_std=True)
    ens.compile(KEY, (3,))
    assert ens(jnp.ones((4, 3))).shape == (4, 2, 2)
    assert len(ens.member_params()) == 3
    assert disagreement(ens, jnp.ones((4, 3))).shape == (4, 2)
