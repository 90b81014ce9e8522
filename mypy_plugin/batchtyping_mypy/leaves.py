"""Leaves the stubs cannot exclude (``batch-leaf``): a ``str`` is a ``Sequence[str]`` to mypy,
so it satisfies the recursive aliases, but the runtime rejects str leaves.

Only certain leaves count: a ``str`` itself, a fixed tuple item, a required TypedDict value.
A ``list[str]`` or ``dict[str, str]`` may be empty, which the runtime accepts.
"""

from __future__ import annotations

from mypy.types import Instance, LiteralType, TupleType, Type, TypedDictType, UnionType, get_proper_type


def str_leaf(typ: Type) -> Type | None:
    """A ``str`` type that is certainly a leaf of every value of type ``typ``, else None."""
    t = get_proper_type(typ)
    if isinstance(t, LiteralType):
        return t if isinstance(t.value, str) else None
    if isinstance(t, Instance):
        return t if t.type.fullname == "builtins.str" else None
    if isinstance(t, TupleType):
        return _first(t.items)
    if isinstance(t, TypedDictType):
        return _first([v for k, v in t.items.items() if k in t.required_keys])
    if isinstance(t, UnionType):
        found = [str_leaf(item) for item in t.items]
        return found[0] if found and all(f is not None for f in found) else None
    return None


def _first(items: list[Type]) -> Type | None:
    for item in items:
        found = str_leaf(item)
        if found is not None:
            return found
    return None
