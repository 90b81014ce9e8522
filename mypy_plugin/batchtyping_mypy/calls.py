"""The call-site rule: every argument against its parameter's alias.

Checks the batch axis (``batch-dim``), the dtype kind (``batch-dtype``), str leaves
(``batch-leaf``) and named structures (``batch-structure``), then replaces each return
position carrying a bound structure name with the structure that bound it. The first three
(``CallChecker.value``) also judge returns and annotated assignments (``statements``).
"""

from __future__ import annotations

from mypy.nodes import Context, Decorator, Expression, FuncDef
from mypy.plugin import CheckerPluginInterface
from mypy.types import CallableType, Instance, TupleType, Type, get_proper_type

from batchtyping_mypy import codes
from batchtyping_mypy.dtypes import ACCEPTS, excluded, unmarked
from batchtyping_mypy.rules.leaf_kinds import leaf_kind
from batchtyping_mypy.leaves import str_leaf, str_leaf_expr
from batchtyping_mypy.meanings import Meaning, declared_meaning, meaning
from batchtyping_mypy.mypy_api import CallContext, Reporter, callable_name, callee_of, show
from batchtyping_mypy.structures import compatible, shape_of


def _batch(batched: bool) -> str:
    return "batched" if batched else "batchless"


class CallChecker:
    def __init__(self, report: Reporter) -> None:
        self.report = report
        self._known: dict[int, tuple[CallableType, _Formals]] = {}

    def __call__(self, ctx: CallContext) -> Type:
        callee = callee_of(ctx)
        if callee is None:
            return ctx.default_return_type
        return self.check(ctx, callee)

    def check(self, ctx: CallContext, callee: CallableType) -> Type:
        formals, solved = self._formals(callee)
        if not any(formals):
            return ctx.default_return_type
        name = callable_name(callee, ctx.context)
        bound: dict[str, tuple[Type, str]] = {}
        unbound = {f.structure for f in solved.values() if f is not None}  # mypy solves their returns
        for index, formal in enumerate(formals):
            if formal is None or index >= len(ctx.arg_types):
                continue
            arg = callee.arg_names[index] or str(index + 1)
            for actual, expr in zip(ctx.arg_types[index], ctx.args[index]):
                self.value(ctx.api, expr, f'Argument "{arg}" to {name}', formal, actual)
                if formal.structure is not None and not self._structure(
                    ctx, expr, arg, name, formal, actual, bound
                ):
                    unbound.add(formal.structure)  # two structures: neither is the result
        binding = {k: t for k, (t, _) in bound.items() if k not in unbound}
        return _bind(ctx.default_return_type, binding) if binding else ctx.default_return_type

    def _formals(self, callee: CallableType) -> _Formals:
        """Each parameter's meaning, and those a structure TypeVar's bound gives, worked out
        once per callee type object (a plain def's declared type is the same object at every
        call). The object is held with its answer, so its id is never reused for another;
        a def dmypy or mypy analyses again has a new type object and is worked out again."""
        known = self._known.get(id(callee))
        if known is not None and known[0] is callee:
            return known[1]
        if len(self._known) >= _KNOWN_LIMIT:  # call-specific copies (type variables solved)
            self._known.clear()
        found = _formals(callee)
        self._known[id(callee)] = (callee, found)
        return found

    def value(
        self, api: CheckerPluginInterface, expr: Expression, where: str, formal: Meaning, actual: Type
    ) -> None:
        """One value (``where`` names it in messages) against the alias it must fit."""
        got = meaning(actual)
        if (
            got is not None
            and got.batched is not None
            and formal.batched is not None
            and got.batched != formal.batched
        ):
            self.report(
                api,
                f'{where} is {_batch(got.batched)} ("{got.label}") where {_batch(formal.batched)} '
                f'data ("{formal.label}") is expected',
                expr,
                codes.BATCH_DIM,
            )
        if got is None and formal.dtype in ACCEPTS:
            got = leaf_kind(api, expr, formal)
        if got is not None and excluded(got.dtype, formal.dtype):
            self.report(
                api,
                f'{where} has {got.dtype} leaves ("{got.label}") where {formal.dtype} leaves '
                f'("{formal.label}") are expected',
                expr,
                codes.BATCH_DTYPE,
            )
        if formal.tree and got is None:
            leaf = str_leaf(actual)
            if leaf is not None or str_leaf_expr(expr):
                self.report(
                    api,
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
    ) -> bool:
        """Bind the structure name or compare with its binding; False on a mismatch."""
        assert formal.structure is not None
        shape = shape_of(actual)
        if shape is None:
            return True
        if formal.structure not in bound:
            bound[formal.structure] = (actual, arg)
            return True
        first, first_arg = bound[formal.structure]
        if compatible(shape_of(first), shape):
            return True
        self.report(
            ctx.api,
            f'Argument "{arg}" to {name} has structure "{_describe(ctx, actual)}" but '
            f'"{formal.structure}" is bound to "{_describe(ctx, first)}" by argument "{first_arg}"',
            expr,
            codes.BATCH_STRUCTURE,
        )
        return False


_KNOWN_LIMIT = 20_000
_Formals = tuple[list[Meaning | None], dict[int, Meaning | None]]
"""Per parameter its meaning, and the meanings a structure TypeVar's bound gives by index."""


def _formals(callee: CallableType) -> _Formals:
    declared = _declared(callee)
    formals = [meaning(t) for t in callee.arg_types]
    # A structure TypeVar's parameter binds like its bound; mypy solves the return itself.
    solved = {
        index: declared_meaning(declared[name])
        for index, name in enumerate(callee.arg_names)
        if formals[index] is None and name in declared
    }
    return [solved.get(index) or formal for index, formal in enumerate(formals)], solved


def _declared(callee: CallableType) -> dict[str, Type]:
    """The callee's parameters as declared, before mypy solved its type variables."""
    definition = callee.definition
    if isinstance(definition, Decorator):
        definition = definition.func
    declared = definition.type if isinstance(definition, FuncDef) else None
    if not isinstance(declared, CallableType) or not declared.variables:
        return {}
    return {name: typ for name, typ in zip(declared.arg_names, declared.arg_types) if name}


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
        return unmarked(bound[found.structure])
    proper = get_proper_type(ret)
    if isinstance(proper, TupleType):
        items = [_bind(item, bound) for item in proper.items]
        if any(new is not old for new, old in zip(items, proper.items)):
            return proper.copy_modified(items=items)
    return ret
