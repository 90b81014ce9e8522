"""The call-site rule: every argument against its parameter's alias.

Checks the batch axis (``batch-dim``), the dtype kind (``batch-dtype``), str leaves
(``batch-leaf``) and named structures (``batch-structure``), then replaces each return
position carrying a bound structure name with the structure that bound it.
"""

from __future__ import annotations

from mypy.nodes import Context, Expression
from mypy.types import CallableType, Instance, TupleType, Type, get_proper_type

from batchtyping_mypy import codes
from batchtyping_mypy.leaves import str_leaf, str_leaf_expr
from batchtyping_mypy.meanings import Meaning, meaning
from batchtyping_mypy.mypy_api import CallContext, Reporter, callable_name, callee_of, show
from batchtyping_mypy.structures import compatible, shape_of


def _batch(batched: bool) -> str:
    return "batched" if batched else "batchless"


class CallChecker:
    def __init__(self, report: Reporter) -> None:
        self.report = report

    def __call__(self, ctx: CallContext) -> Type:
        callee = callee_of(ctx)
        if callee is None:
            return ctx.default_return_type
        return self.check(ctx, callee)

    def check(self, ctx: CallContext, callee: CallableType) -> Type:
        formals = [meaning(t) for t in callee.arg_types]
        if not any(formals):
            return ctx.default_return_type
        name = callable_name(callee, ctx.context)
        bound: dict[str, tuple[Type, str]] = {}
        for index, formal in enumerate(formals):
            if formal is None or index >= len(ctx.arg_types):
                continue
            arg = callee.arg_names[index] or str(index + 1)
            for actual, expr in zip(ctx.arg_types[index], ctx.args[index]):
                self._argument(ctx, expr, f'Argument "{arg}" to {name}', formal, actual)
                if formal.structure is not None:
                    self._structure(ctx, expr, arg, name, formal, actual, bound)
        if not bound:
            return ctx.default_return_type
        return _bind(ctx.default_return_type, {k: t for k, (t, _) in bound.items()})

    def _argument(
        self, ctx: CallContext, expr: Expression, where: str, formal: Meaning, actual: Type
    ) -> None:
        got = meaning(actual)
        if (
            got is not None
            and got.batched is not None
            and formal.batched is not None
            and got.batched != formal.batched
        ):
            self.report(
                ctx.api,
                f'{where} is {_batch(got.batched)} ("{got.label}") where {_batch(formal.batched)} '
                f'data ("{formal.label}") is expected',
                expr,
                codes.BATCH_DIM,
            )
        if got is not None and {got.dtype, formal.dtype} == {"real", "complex"}:
            self.report(
                ctx.api,
                f'{where} has {got.dtype} leaves ("{got.label}") where {formal.dtype} leaves '
                f'("{formal.label}") are expected',
                expr,
                codes.BATCH_DTYPE,
            )
        if formal.tree and got is None:
            leaf = str_leaf(actual)
            if leaf is not None or str_leaf_expr(expr):
                self.report(
                    ctx.api,
                    f'{where} has a str leaf; "{formal.label}" leaves must be arrays',
                    expr,
                    codes.BATCH_LEAF,
                )

    def _structure(
        self,
        ctx: CallContext,
        expr: Context,
        arg: str,
        name: str,
        formal: Meaning,
        actual: Type,
        bound: dict[str, tuple[Type, str]],
    ) -> None:
        assert formal.structure is not None
        shape = shape_of(actual)
        if shape is None:
            return
        if formal.structure not in bound:
            bound[formal.structure] = (actual, arg)
            return
        first, first_arg = bound[formal.structure]
        if not compatible(shape_of(first), shape):
            self.report(
                ctx.api,
                f'Argument "{arg}" to {name} has structure "{_describe(ctx, actual)}" but '
                f'"{formal.structure}" is bound to "{_describe(ctx, first)}" by argument "{first_arg}"',
                expr,
                codes.BATCH_STRUCTURE,
            )


def _describe(ctx: CallContext, typ: Type) -> str:
    """A short spelling of a structure: ``tuple[Array, Array]``, ``list[...]``, ``Point``."""
    proper = get_proper_type(typ)
    if isinstance(proper, Instance) and proper.args:
        return f"{proper.type.name}[...]"
    return show(ctx.api, typ)


def _bind(ret: Type, bound: dict[str, Type]) -> Type:
    """``ret`` with each position whose alias carries a bound structure name replaced."""
    found = meaning(ret)
    if found is not None and found.structure in bound:
        return bound[found.structure]
    proper = get_proper_type(ret)
    if isinstance(proper, TupleType):
        items = [_bind(item, bound) for item in proper.items]
        if any(new is not old for new, old in zip(items, proper.items)):
            return proper.copy_modified(items=items)
    return ret
