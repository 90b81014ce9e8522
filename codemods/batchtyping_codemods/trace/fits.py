"""Which aliases recorded values fit: per-leaf predicates, dtype families, containers, batch
axes and fixed trailing shapes (the rules :mod:`batchtyping_codemods.trace.infer` combines)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from batchtyping.vocabulary import ALIASES

from batchtyping_codemods.trace.values import Desc, children, dtype_kind, leaves, structure

RETURN = "return"
"""The slot name of a function's return."""
PLAIN = {"none", "bool", "int", "float", "complex", "str", "bytes"}


@dataclass(frozen=True)
class Choice:
    """The annotation chosen for one slot (a parameter or the return), or why there is none."""

    annotation: str | None
    reason: str = ""
    fallback: str | None = None
    """A plainer alias the calls also allow (``ArrayData`` for a Fixed array), for bodies
    that compute with the value: a union alias does not type-check there."""


def is_jax_array(desc: Desc) -> bool:
    return desc["t"] == "array" and bool(desc.get("jax"))


def kind(desc: Desc) -> str:
    return dtype_kind(desc["dtype"])


def inexact_leaf(desc: Desc) -> bool:
    return is_jax_array(desc) and kind(desc) in ("float", "complex")


def numeric_leaf(desc: Desc) -> bool:
    return is_jax_array(desc) and kind(desc) in ("int", "float", "complex")


def all_leaves(values: Iterable[Desc], ok: Callable[[Desc], bool]) -> bool:
    return all(ok(leaf) for value in values for leaf in leaves(value))


def has_leaves(values: Iterable[Desc]) -> bool:
    return any(True for value in values for _ in leaves(value))


def no_big(values: Iterable[Desc]) -> bool:
    return all(leaf["t"] not in ("big", "object", "callable") for v in values for leaf in leaves(v))


# ---- rule: dtype kind -------------------------------------------------------------------

def dtype_family(values: Iterable[Desc]) -> str | None:
    """``real``, ``complex`` or ``inexact`` (real and complex seen) for the leaves of
    ``values``; None when no Fixed alias accepts them all (bool, or int and complex)."""
    kinds = {kind(leaf) for value in values for leaf in leaves(value)}
    if not kinds or not kinds <= {"int", "float", "complex"}:
        return None
    if kinds == {"complex"}:
        return "complex"
    if "complex" not in kinds:
        return "real"
    return "inexact" if "int" not in kinds else None


def fixed_alias(family: str, batched: bool) -> str:
    """The DataFixed-family alias for a dtype family, from the vocabulary."""
    return next(
        a.name for a in ALIASES
        if a.role == "data" and a.structure is not None and a.dtype == family and a.batched is batched
    )


# ---- rule: containers (Params / State variants) -----------------------------------------

def container_alias(values: Sequence[Desc], role: str, leaf_ok: Callable[[Desc], bool]) -> Choice:
    """``Dict``/``Tuple``/``List`` variant of ``role`` for flat containers, else the tree."""
    if not no_big(values):
        return Choice(None, "a value is not a tree of arrays")
    if not all_leaves(values, leaf_ok):
        need = "inexact" if role == "params" else "numeric"
        return Choice(None, f"a leaf is not a {need} jax array")
    flat = {v["t"] for v in values if all(c["t"] == "array" for c in children(v))}
    if len(flat) == 1 and len(flat & {"dict", "tuple", "list"}) == 1 and len(flat) == len(
        {v["t"] for v in values}
    ):
        container = flat.pop()
        if container != "dict" or all(v["strkeys"] for v in values):
            return Choice(_variant(role, container))
    return Choice(_variant(role, "tree"))


def _variant(role: str, container: str) -> str:
    return next(a.name for a in ALIASES if a.role == role and a.container == container)


# ---- rule: shapes, hyperparameters, flags -------------------------------------------------

def _int_tuple(desc: Desc) -> bool:
    return desc["t"] == "tuple" and all(c["t"] in ("int", "bool", "none") for c in desc["items"])


def _shape_tree(desc: Desc) -> bool:
    if _int_tuple(desc) or desc["t"] == "none":
        return True
    return desc["t"] in ("tuple", "list", "dict") and all(_shape_tree(c) for c in children(desc))


def shape_alias(values: Sequence[Desc]) -> str | None:
    """ArrayDataShape for tuples of ints (or None), DataShape for trees of them."""
    if all(_int_tuple(v) for v in values):
        return "ArrayDataShape"
    if all(_shape_tree(v) for v in values) and any(v["t"] != "none" for v in values):
        return "DataShape"
    return None


def _plain(desc: Desc) -> bool:
    return desc["t"] in PLAIN or (
        desc["t"] in ("tuple", "list", "dict") and all(_plain(c) for c in children(desc))
    )


def is_hyperparams(values: Sequence[Desc]) -> bool:
    """str-keyed dicts of plain values (numbers, strings, None, containers of them)."""
    return all(v["t"] == "dict" and v["strkeys"] and _plain(v) for v in values)


# ---- rule: batch axis ---------------------------------------------------------------------

_MIXED = -1


def leading(desc: Desc) -> int | None:
    """The leading dimension shared by every leaf; None for an empty tree, -1 if none."""
    dims = set()
    for leaf in leaves(desc):
        if not inexact_or_real(leaf) or not leaf["shape"]:
            return _MIXED
        dims.add(leaf["shape"][0])
    if not dims:
        return None
    return dims.pop() if len(dims) == 1 else _MIXED


def inexact_or_real(desc: Desc) -> bool:
    return is_jax_array(desc) and kind(desc) in ("int", "float", "complex")


def _agree(a: Sequence[int | None], b: Sequence[int | None]) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def batched_slots(
    calls: Sequence[dict[str, Desc]], slots: Sequence[str], force: Iterable[str] = ()
) -> set[str]:
    """The largest set of slots whose leading dimension agrees in every call and varies
    across calls (or includes one of ``force``, data by name or position): the batch axis."""
    force = set(force)
    vectors = {s: [leading(call[s]) for call in calls] for s in slots}
    candidates = [s for s in slots if _MIXED not in vectors[s] and any(d is not None for d in vectors[s])]
    best: list[str] = []
    for start in candidates:
        group = [start]
        for other in candidates:
            if other not in group and all(_agree(vectors[other], vectors[g]) for g in group):
                group.append(other)
        sizes = {next((vectors[g][i] for g in group if vectors[g][i] is not None), None) for i in range(len(calls))}
        sizes.discard(None)
        if (len(sizes) >= 2 or force & set(group)) and len(group) > len(best):
            best = group
    return set(best)


# ---- rule: Fixed --------------------------------------------------------------------------

def trailing_key(desc: Desc, batched: bool) -> tuple[str, tuple[tuple[int, ...], ...]] | None:
    """Tree structure and per-leaf shapes without the batch axis; None if a leaf is too small."""
    shapes = []
    for leaf in leaves(desc):
        shape = tuple(leaf["shape"][1:] if batched else leaf["shape"])
        if len(shape) < 1:
            return None
        shapes.append(shape)
    return structure(desc), tuple(shapes)


def fixed_group(calls: Sequence[dict[str, Desc]], slots: Sequence[str], batched: set[str]) -> list[str]:
    """The arguments whose structure and trailing shapes equal the return's in every call."""
    if RETURN not in slots:
        return []
    keys = {s: [trailing_key(call[s], s in batched) for call in calls] for s in slots}
    if None in keys[RETURN]:
        return []
    group = [s for s in slots if keys[s] == keys[RETURN]]
    return group if len(group) >= 2 else []


# ---- one function -------------------------------------------------------------------------
