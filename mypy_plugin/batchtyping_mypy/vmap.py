"""``jax.vmap(f, in_axes=..., out_axes=...)``: f's Batchless parameters and returns become the
batched aliases of the same family.

Per argument, ``in_axes`` 0 turns a Batchless alias into its batched counterpart and makes a
batched one unknown (a plain tree of arrays) (it gains a second batch axis), ``None`` leaves it alone, any other
axis makes it unknown. ``out_axes`` does the same for the return (per item of a returned
tuple when given as a tuple). Axes the plugin cannot read make everything unknown.
"""

from __future__ import annotations

from mypy.nodes import Expression, IntExpr, ListExpr, MemberExpr, NameExpr, TupleExpr, UnaryExpr
from mypy.plugin import FunctionContext
from mypy.types import (
    CallableType,
    Instance,
    TupleType,
    Type,
    TypeAliasType,
    UnionType,
    get_proper_type,
)

from batchtyping_mypy.meanings import alias_fullname, family_member, fixed_parts, meaning
from batchtyping_mypy.mypy_api import PARTIAL_CALLABLE, Lookup, callable_of, partial_callable, type_context

_UNREADABLE = object()
Axis = int | None | object  # an axis, None, or _UNREADABLE


def _axis(expr: Expression | None) -> Axis:
    if expr is None:
        return 0
    if isinstance(expr, NameExpr) and expr.fullname == "builtins.None":
        return None
    if isinstance(expr, IntExpr):
        return expr.value
    if isinstance(expr, UnaryExpr) and expr.op == "-" and isinstance(expr.expr, IntExpr):
        return -expr.expr.value
    return _UNREADABLE


def _axes(expr: Expression | None, count: int) -> list[Axis]:
    """One axis per position: a tuple/list literal of axes, or one axis for all."""
    if isinstance(expr, (TupleExpr, ListExpr)):
        items = [_axis(item) for item in expr.items]
        return items if len(items) == count else [_UNREADABLE] * count
    return [_axis(expr)] * count


def _structure_args(typ: Type) -> list[Type] | None:
    """The structure parameter of a Fixed alias reference (``DataFixed[Literal["In"]]``)."""
    return list(typ.args) if isinstance(typ, TypeAliasType) and typ.args else None


def _same_as_context(ctx: FunctionContext, given: Instance) -> bool:
    """A callable object vmapped where its own class is expected (``s = jax.vmap(s)``)."""
    expected = get_proper_type(type_context(ctx.api))
    return isinstance(expected, Instance) and expected.type is given.type


def _keyword(ctx: FunctionContext, name: str) -> Expression | None:
    for index, formal in enumerate(ctx.callee_arg_names):
        if formal == name and ctx.args[index]:
            return ctx.args[index][0]
    return None


class Vmap:
    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup

    def __call__(self, ctx: FunctionContext) -> Type:
        if not ctx.arg_types or not ctx.arg_types[0]:
            return ctx.default_return_type
        given = get_proper_type(ctx.arg_types[0][0])
        partial = partial_callable(given)
        if partial is not None:
            # functools.partial(f, ...): still a partial object (``f = jax.vmap(f)`` keeps
            # the variable's type), whose partially applied callable is vmapped.
            mapped = self._mapped(ctx, partial, None)
            assert isinstance(given, Instance)
            return given.copy_with_extra_attr(PARTIAL_CALLABLE, mapped) if mapped else ctx.default_return_type
        fun = callable_of(given)
        if isinstance(given, Instance) and _same_as_context(ctx, given):
            return ctx.default_return_type  # ``s = jax.vmap(s)`` of a callable object
        owner = given.type.name if isinstance(given, Instance) else None
        mapped = self._mapped(ctx, fun, owner) if fun is not None else None
        # None: nothing the batch axis means anything to, mypy's own type stays.
        return mapped or ctx.default_return_type

    def _mapped(self, ctx: FunctionContext, fun: CallableType, owner: str | None) -> CallableType | None:
        in_axes = _axes(_keyword(ctx, "in_axes"), len(fun.arg_types))
        out_expr = _keyword(ctx, "out_axes")
        ret = get_proper_type(fun.ret_type)
        if isinstance(ret, TupleType) and isinstance(out_expr, (TupleExpr, ListExpr)):
            out = _axes(out_expr, len(ret.items))
            items = [self._map(item, axis) for item, axis in zip(ret.items, out)]
            new_ret: Type = (
                ret.copy_modified(items=items)
                if any(new is not old for new, old in zip(items, ret.items))
                else fun.ret_type
            )
        else:
            new_ret = self._map_tree(fun.ret_type, _axis(out_expr))
        arg_types = [self._map(t, axis) for t, axis in zip(fun.arg_types, in_axes)]
        if new_ret is fun.ret_type and all(new is old for new, old in zip(arg_types, fun.arg_types)):
            return None
        fun_expr = ctx.args[0][0]
        name = owner or (fun_expr.name if isinstance(fun_expr, NameExpr | MemberExpr) else fun.name)
        return fun.copy_modified(
            name=f"vmap({name})" if name else None,
            arg_types=arg_types + fun.arg_types[len(arg_types):],
            ret_type=new_ret,
        )

    def _map_tree(self, typ: Type, axis: Axis) -> Type:
        proper = get_proper_type(typ)
        if meaning(typ) is None and isinstance(proper, TupleType):
            items = [self._map(item, axis) for item in proper.items]
            if any(new is not old for new, old in zip(items, proper.items)):
                return proper.copy_modified(items=items)
            return typ
        return self._map(typ, axis)

    def _map(self, typ: Type, axis: Axis) -> Type:
        found = meaning(typ)
        if found is None or found.batched is None or axis is None:
            return typ
        fixed = fixed_parts(typ)
        if fixed is not None and axis == 0 and found.batched is False:
            alias, structure, others = fixed  # keep the structure name: DataFixed[Literal["In"]]
            batched = self.lookup.alias(family_member(alias, True), [structure])
            if batched is not None:
                return UnionType.make_union([batched, *others])
        name = alias_fullname(typ)
        proper = get_proper_type(typ)
        if name is None and isinstance(proper, UnionType):  # an Optional alias
            return UnionType([self._map(item, axis) for item in proper.items], proper.line)
        if axis == 0 and found.batched is False and name is not None:
            batched = self.lookup.alias(
                family_member(name.rsplit(".", 1)[1], True), _structure_args(typ)
            )
            if batched is not None:
                return batched
        # A batched alias gains a second batch axis, any other axis is not the leading one:
        # the same tree of arrays, with nothing known about its batch axis.
        if found.tree:
            return self.lookup.unknown_tree() or typ
        return get_proper_type(typ)
