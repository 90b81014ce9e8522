"""Leaves the stubs cannot exclude (``batch-leaf``): a ``str`` is a ``Sequence[str]`` to mypy,
so it satisfies the recursive aliases, but the runtime rejects str leaves.

Only certain leaves count: a ``str`` itself, a fixed tuple item, a required TypedDict value,
a str in a list, tuple or dict display.
A ``list[str]`` or ``dict[str, str]`` may be empty, which the runtime accepts.
"""

from __future__ import annotations

from mypy.nodes import DictExpr, Expression, ListExpr, StrExpr, TupleExpr
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


def str_leaf_expr(expr: Expression) -> bool:
    """A literal with a certain str leaf: ``"w"``, ``(a, "w")``, ``["w"]``, ``{"k": "w"}``.

    Needed because mypy infers a literal in the context of the parameter's alias, so
    ``{"k": "w"}`` passed as ``State`` already has the type ``dict[str, State]``.
    """
    if isinstance(expr, StrExpr):
        return True
    if isinstance(expr, (TupleExpr, ListExpr)):
        return any(str_leaf_expr(item) for item in expr.items)
    if isinstance(expr, DictExpr):
        return any(str_leaf_expr(value) for key, value in expr.items if key is not None)
    return False


def _first(items: list[Type]) -> Type | None:
    for item in items:
        found = str_leaf(item)
        if found is not None:
            return found
    return None
