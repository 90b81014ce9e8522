"""Named structures (``batch-structure``): which static types pin a PyTree structure, and
whether two pinned structures can be the same at run time."""

from __future__ import annotations

from dataclasses import dataclass

from mypy.types import (
    AnyType,
    Instance,
    NoneType,
    TupleType,
    Type,
    TypedDictType,
    get_proper_type,
)

_UNPINNED = frozenset(
    {
        "builtins.object",
        "typing.Sequence",
        "typing.Mapping",
        "typing.MutableSequence",
        "typing.MutableMapping",
        "collections.abc.Sequence",
        "collections.abc.Mapping",
    }
)


@dataclass(frozen=True)
class Shape:
    """A PyTree structure as far as a static type pins it (``children=None``: sizes unknown)."""

    kind: str
    children: tuple[tuple[str, Shape | None], ...] | None = None


def shape_of(typ: Type) -> Shape | None:
    """The structure ``typ`` pins, or None when the static type leaves it open."""
    t = get_proper_type(typ)
    if isinstance(t, TupleType):
        fallback = t.partial_fallback.type.fullname
        kind = "tuple" if fallback == "builtins.tuple" else fallback
        return Shape(kind, tuple((str(i), shape_of(item)) for i, item in enumerate(t.items)))
    if isinstance(t, TypedDictType):
        return Shape("dict", tuple(sorted((k, shape_of(v)) for k, v in t.items.items())))
    if isinstance(t, NoneType):
        return Shape("None", ())
    if isinstance(t, Instance):
        name = t.type.fullname
        if name in ("builtins.list", "builtins.tuple", "builtins.dict"):
            return Shape(name.removeprefix("builtins."))
        if name in _UNPINNED or t.type.is_protocol:
            return None
        if _is_node(t):
            return Shape(name)
        return Shape("leaf", ())
    if isinstance(t, AnyType):
        return None
    return None


def _is_node(t: Instance) -> bool:
    info = t.type
    return any(
        info.get(member) is not None
        for member in ("__dataclass_fields__", "tree_flatten", "tree_flatten_with_keys")
    ) or info.is_named_tuple


def compatible(a: Shape | None, b: Shape | None) -> bool:
    """False only when the two structures certainly differ at run time."""
    if a is None or b is None:
        return True
    if a.kind != b.kind:
        return False
    if a.children is None or b.children is None:
        return True
    if [k for k, _ in a.children] != [k for k, _ in b.children]:
        return False
    return all(compatible(x, y) for (_, x), (_, y) in zip(a.children, b.children))
