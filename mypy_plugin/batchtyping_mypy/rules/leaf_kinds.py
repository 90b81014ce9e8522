"""Marked arrays inside a display (``{"w": jnp.arange(3)}``, ``(a, jnp.zeros(2, dtype=bool))``,
``Pair(a, jnp.arange(2))`` of a NamedTuple): mypy infers a display in the context of the
parameter's alias, so the display's own type has lost its items' marks; their recorded
types still have them."""

from __future__ import annotations

from mypy.nodes import CallExpr, DictExpr, Expression, ListExpr, RefExpr, TupleExpr, TypeInfo
from mypy.plugin import CheckerPluginInterface
from mypy.types import Type

from batchtyping_mypy.dtypes import excluded, kind_of
from batchtyping_mypy.meanings import KINDS, Meaning
from batchtyping_mypy.mypy_api import infer_quietly, stored_type


def leaf_kind(api: CheckerPluginInterface, expr: Expression, formal: Meaning) -> Meaning | None:
    """The kind of a leaf of ``expr`` that ``formal`` excludes, else None.

    A PyTree alias checks every leaf; a flat container (``DictParams``) only one item per
    call (beartype samples), so there every leaf must be excluded.
    """
    kinds = [kind_of(t) if (t := _type(api, leaf)) is not None else None for leaf in _leaves(expr)]
    bad = [kind for kind in kinds if kind is not None and excluded(kind, formal.dtype)]
    if not bad or (not formal.tree and len(bad) < len(kinds)):
        return None
    return KINDS[bad[0]]


def _type(api: CheckerPluginInterface, leaf: Expression) -> Type | None:
    """A leaf's recorded type; a call's inferred again where nothing was recorded (a
    returned display is inferred without a trace, see ``statements``)."""
    found = stored_type(api, leaf)
    if found is None and isinstance(leaf, CallExpr):
        return infer_quietly(api, leaf, None)
    return found


def _leaves(expr: Expression) -> list[Expression]:
    """The leaf expressions of a display; none for anything else (its type speaks for it)."""
    if isinstance(expr, (TupleExpr, ListExpr)):
        items = expr.items
    elif isinstance(expr, DictExpr):
        items = [value for key, value in expr.items if key is not None]
    elif _named_tuple(expr):
        assert isinstance(expr, CallExpr)
        items = expr.args
    else:
        return []
    return [leaf for item in items for leaf in (_leaves(item) or [item])]


def _named_tuple(expr: Expression) -> bool:
    return (
        isinstance(expr, CallExpr)
        and isinstance(expr.callee, RefExpr)
        and isinstance(expr.callee.node, TypeInfo)
        and expr.callee.node.is_named_tuple
    )
