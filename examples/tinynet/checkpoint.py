"""Save and restore a trained network: parameters, state and scaler statistics in one ``.npz``.

Trees are flattened with their key paths, so a checkpoint can be read back without the code
that built it; ``restore`` checks the leaves against a template of the expected structure.
"""

import json

import jax
import numpy as np


def _flatten(tree, prefix):
    """``{"prefix/path/to/leaf": array}`` for every leaf of ``tree``."""
    flat = {}
    for path, leaf in jax.tree_util.tree_flatten_with_path(tree)[0]:
        name = "/".join([prefix, *(_key_name(entry) for entry in path)])
        flat[name] = np.asarray(leaf)
    return flat


def _key_name(entry):
    for attribute in ("key", "idx", "name"):
        if hasattr(entry, attribute):
            return str(getattr(entry, attribute))
    return str(entry)


def save(path, result, hyperparams):
    """Write the output of ``training.fit`` and the hyperparameters to ``path``."""
    arrays = {}
    for part in ("params", "state", "input_stats", "target_stats"):
        arrays.update(_flatten(result[part], part))
    arrays["hyperparams"] = np.asarray(json.dumps(hyperparams))
    arrays["history"] = np.asarray(result["history"], dtype=np.float32)
    np.savez(path, **arrays)


def restore(path, template):
    """Read a checkpoint into trees shaped like ``template`` (the output of ``fit``).

    Raises ``ValueError`` naming the first leaf that is missing or has another shape.
    """
    with np.load(path) as archive:
        stored = dict(archive)
    restored = {"history": stored.pop("history").tolist()}
    for part in ("params", "state", "input_stats", "target_stats"):
        expected = _flatten(template[part], part)
        leaves = []
        for name, like in expected.items():
            if name not in stored:
                raise ValueError(f"{path}: checkpoint has no leaf {name!r}")
            if stored[name].shape != like.shape:
                raise ValueError(
                    f"{path}: leaf {name!r} has shape {stored[name].shape}, expected {like.shape}"
                )
            leaves.append(jax.numpy.asarray(stored[name], dtype=like.dtype))
        treedef = jax.tree_util.tree_structure(template[part])
        restored[part] = jax.tree_util.tree_unflatten(treedef, leaves)
    return restored, json.loads(str(stored["hyperparams"]))
