"""Describe a value as JSON-ready data: tree structure, leaf dtypes and shapes.

Arrays are recognised by duck typing (``.shape`` and ``.dtype`` on the type); jax is
consulted only when the traced program has already imported it, to tell jax arrays from
numpy ones and to flatten registered PyTree nodes. A description is a dict with a ``t``
key:

``array``  ``dtype`` (name), ``shape`` (list of ints), ``jax`` (bool), ``tracer`` (class
           name when the value is a jit/vmap/grad tracer, else absent)
``tuple``, ``list``  ``items``; ``dict``  ``keys`` (str, or repr of other keys),
           ``strkeys`` (all keys are str), ``items``
``node``   a registered PyTree node: ``type``, ``treedef``, ``leaves``
``none``, ``bool``, ``int``, ``float``, ``complex``, ``str``, ``bytes``  plain values
``callable`` ``code`` (``module:qualname`` of a Python function) or absent
``object`` ``type``; ``big`` a container too large or deep to describe.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

Desc = dict[str, Any]

MAX_ITEMS = 256
MAX_DEPTH = 8
MAX_NODES = 4096
"""Per described value: a bigger tree is cut short with ``big`` descriptions."""

_PLAIN = {bool: "bool", int: "int", float: "float", complex: "complex", str: "str", bytes: "bytes"}


def _jax() -> Any:
    return sys.modules.get("jax")


def _qualname(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def describe(value: object) -> Desc:
    """The description of ``value`` (never raises for well-behaved objects)."""
    return _describe(value, 0, [MAX_NODES])


def _describe(value: object, depth: int, budget: list[int]) -> Desc:
    budget[0] -= 1
    cls = type(value)
    if value is None:
        return {"t": "none"}
    plain = _PLAIN.get(cls)
    if plain is not None:
        return {"t": plain}
    if depth > MAX_DEPTH or budget[0] < 0:
        return {"t": "big"}
    if hasattr(cls, "shape") and hasattr(cls, "dtype"):
        return _describe_array(value, cls)
    if cls is tuple or cls is list:
        if len(value) > MAX_ITEMS:  # type: ignore[arg-type]
            return {"t": "big"}
        return {"t": cls.__name__, "items": [_describe(v, depth + 1, budget) for v in value]}  # type: ignore[attr-defined]
    if cls is dict:
        if len(value) > MAX_ITEMS:  # type: ignore[arg-type]
            return {"t": "big"}
        keys = list(value)  # type: ignore[call-overload]
        return {
            "t": "dict",
            "keys": [k if type(k) is str else repr(k) for k in keys],
            "strkeys": all(type(k) is str for k in keys),
            "items": [_describe(value[k], depth + 1, budget) for k in keys],  # type: ignore[index]
        }
    node = _describe_node(value, cls, depth, budget)
    if node is not None:
        return node
    if callable(value):
        code = getattr(value, "__code__", None)
        if code is not None:
            module = getattr(value, "__module__", None) or "?"
            return {"t": "callable", "code": f"{module}:{code.co_qualname}"}
        return {"t": "callable"}
    return {"t": "object", "type": _qualname(cls)}


def _describe_array(value: Any, cls: type) -> Desc:
    desc: Desc = {"t": "array", "dtype": str(value.dtype), "shape": [int(d) for d in value.shape]}
    jax = _jax()
    desc["jax"] = bool(jax is not None and isinstance(value, jax.Array))
    if cls.__name__.endswith("Tracer"):
        desc["tracer"] = cls.__name__
    return desc


def _describe_node(value: object, cls: type, depth: int, budget: list[int]) -> Desc | None:
    """A registered PyTree node (namedtuple, dataclass, flax/equinox module), if jax says so."""
    jax = _jax()
    if jax is None:
        return None
    try:
        leaves, treedef = jax.tree_util.tree_flatten(value, is_leaf=lambda x: x is not value)
    except Exception:  # noqa: BLE001 - an unflattenable object is just an object
        return None
    if treedef.num_nodes == 1 and treedef.num_leaves == 1:  # value is a leaf itself
        return None
    if len(leaves) > MAX_ITEMS:
        return {"t": "big"}
    return {
        "t": "node",
        "type": _qualname(cls),
        "treedef": str(treedef),
        "leaves": [_describe(leaf, depth + 1, budget) for leaf in leaves],
    }


# ---- reading descriptions (used by the inference; pure) -------------------------------

def children(desc: Desc) -> list[Desc]:
    """The direct subtrees of a container description, in jax's order (dict keys sorted)."""
    if desc["t"] == "dict":
        return [item for _, item in sorted(zip(desc["keys"], desc["items"], strict=True), key=lambda p: p[0])]
    if desc["t"] in ("tuple", "list"):
        return list(desc["items"])
    if desc["t"] == "node":
        return list(desc["leaves"])
    return []


def is_container(desc: Desc) -> bool:
    return desc["t"] in ("tuple", "list", "dict", "node", "none")


def leaves(desc: Desc) -> Iterator[Desc]:
    """Every non-container description under ``desc`` (``None`` is an empty subtree)."""
    if desc["t"] == "none":
        return
    if is_container(desc):
        for child in children(desc):
            yield from leaves(child)
    else:
        yield desc


def structure(desc: Desc, leaf: Any = None) -> str:
    """A key equal for two descriptions exactly when jax gives them the same treedef.

    ``leaf`` (a predicate) decides which descriptions count as leaves; by default every
    non-container does.
    """
    if leaf is not None and leaf(desc):
        return "*"
    t = desc["t"]
    if t == "none":
        return "N"
    if t == "tuple":
        return "(" + ",".join(structure(c, leaf) for c in desc["items"]) + ")"
    if t == "list":
        return "[" + ",".join(structure(c, leaf) for c in desc["items"]) + "]"
    if t == "dict":
        pairs = sorted(zip(desc["keys"], desc["items"], strict=True), key=lambda p: p[0])
        return "{" + ",".join(f"{k!r}:{structure(c, leaf)}" for k, c in pairs) + "}"
    if t == "node":
        inner = ",".join(structure(c, leaf) for c in desc["leaves"])
        return f"<{desc['type']}|{desc['treedef']}>({inner})"
    return "*"


def dtype_kind(dtype: str) -> str:
    """``bool``, ``int`` (signed or unsigned), ``float``, ``complex`` or ``other``."""
    if dtype == "bool":
        return "bool"
    if dtype.startswith("complex"):
        return "complex"
    if dtype.startswith(("float", "bfloat")):
        return "float"
    if dtype.startswith(("int", "uint")):
        return "int"
    return "other"
