"""Saving and loading modules: hyperparameters as JSON, params and state as npz."""

from __future__ import annotations

import json
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

from .typing import Any, Dict, HyperParams, List, Params, State, Tuple


def _flatten_with_keys(tree: Any) -> Tuple[List[str], List[Any], Any]:
    paths, treedef = jax.tree_util.tree_flatten_with_path(tree)
    keys = [jax.tree_util.keystr(path) for path, _ in paths]
    leaves = [leaf for _, leaf in paths]
    return keys, leaves, treedef


def params_to_arrays(params: Params) -> Dict[str, np.ndarray]:
    keys, leaves, _ = _flatten_with_keys(params)
    return {f"{i:04d}{key}": np.asarray(leaf) for i, (key, leaf) in enumerate(zip(keys, leaves))}


def arrays_to_params(arrays: Dict[str, np.ndarray], like: Params) -> Params:
    _, leaves, treedef = _flatten_with_keys(like)
    ordered = [arrays[k] for k in sorted(arrays)]
    if len(ordered) != len(leaves):
        raise ValueError(f"expected {len(leaves)} arrays, found {len(ordered)}")
    return jax.tree_util.tree_unflatten(treedef, [jnp.asarray(a) for a in ordered])


def save_module(path: str | Path, module: Any) -> None:
    path = Path(path)
    meta = {
        "class": type(module).__name__,
        "hyperparameters": _jsonable(module.get_hyperparameters()),
        "input_shape": _jsonable(module.input_shape),
    }
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2, sort_keys=True))
    np.savez(path.with_suffix(".params.npz"), **params_to_arrays(module.get_params()))
    np.savez(path.with_suffix(".state.npz"), **params_to_arrays(module.get_state()))


def load_into(path: str | Path, module: Any) -> None:
    """Loads saved params and state into an already compiled ``module`` of the same class."""
    path = Path(path)
    meta = json.loads(path.with_suffix(".json").read_text())
    if meta["class"] != type(module).__name__:
        raise ValueError(f"saved {meta['class']}, loading into {type(module).__name__}")
    with np.load(path.with_suffix(".params.npz")) as arrays:
        module.set_params(arrays_to_params(dict(arrays), module.get_params()))
    with np.load(path.with_suffix(".state.npz")) as arrays:
        if arrays.files:
            module.set_state(arrays_to_params(dict(arrays), module.get_state()))


def _jsonable(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    return value


def shape_from_json(value: Any) -> Tuple[int, ...]:
    return tuple(int(v) for v in value)


def hyperparameters_from_json(text: str) -> HyperParams:
    raw = json.loads(text)
    return {k: tuple(v) if isinstance(v, list) and k.endswith("shape") else v for k, v in raw.items()}


def state_summary(state: State) -> Dict[str, Tuple[int, ...]]:
    keys, leaves, _ = _flatten_with_keys(state)
    return {key: tuple(leaf.shape) for key, leaf in zip(keys, leaves)}
