"""``batch-jit``: ``jax.jit`` of a function that needs a bool parameter it traces.

jax.jit traces every argument not named static. ``if training:`` on a traced bool raises
``TracerBoolConversionError`` (a ``TypeError``) at the first call, and so does
``batchtyping.check`` applied under the jit (a tracer is no ``bool``). Reported only when
certain: the def is known and in the module being checked (mypy keeps no bodies, nor
decorators, of other modules' defs once checked, so their verdict would depend on the
cache), the parameter is declared ``bool`` without a default, an
``if`` at the top of the body tests it first (``if training``, ``if not training``,
``if training and ...``) or ``check`` wraps the def inside the jit, and
``static_argnames``/``static_argnums`` are absent or literal and miss it.
"""

from __future__ import annotations

from mypy.nodes import (
    ARG_POS,
    Decorator,
    Expression,
    FuncDef,
    IfStmt,
    IntExpr,
    ListExpr,
    NameExpr,
    OpExpr,
    RefExpr,
    ReturnStmt,
    RaiseStmt,
    StrExpr,
    TupleExpr,
    UnaryExpr,
)
from mypy.plugin import FunctionContext
from mypy.types import CallableType, Instance, Type, get_proper_type

from batchtyping_mypy import codes
from batchtyping_mypy.mypy_api import Reporter, current_module, keyword_argument

_UNREADABLE = object()
CHECK = "batchtyping.check"
JIT_DECORATOR = ("jax._src.api.jit", "jax.jit")


def _jitted(ctx: FunctionContext) -> tuple[FuncDef, bool] | None:
    """The def being jitted (``jax.jit(f)``, ``@jax.jit`` above ``def f``) and whether
    ``batchtyping.check`` wraps it inside the jit."""
    if isinstance(ctx.context, Decorator):
        names = [d.fullname if isinstance(d, RefExpr) else None for d in ctx.context.decorators]
        at = next((i for i, name in enumerate(names) if name in JIT_DECORATOR), len(names))
        below = names[at + 1 :]
        return ctx.context.func, CHECK in below
    expr = ctx.args[0][0] if ctx.args and ctx.args[0] else None
    node = expr.node if isinstance(expr, RefExpr) else None
    if isinstance(node, Decorator):
        checked = any(isinstance(d, RefExpr) and d.fullname == CHECK for d in node.decorators)
        return node.func, checked
    return (node, False) if isinstance(node, FuncDef) else None


def _tested(test: Expression) -> str | None:
    """The name a condition converts to bool first: ``t``, ``not t``, ``t and ...``."""
    if isinstance(test, UnaryExpr) and test.op == "not":
        return _tested(test.expr)
    if isinstance(test, OpExpr) and test.op in ("and", "or"):
        return _tested(test.left)
    return test.name if isinstance(test, NameExpr) else None


def _branch(func: FuncDef, names: set[str]) -> str | None:
    """The name the first top-level ``if`` before any return tests, if one of ``names``."""
    for stmt in func.body.body:
        if isinstance(stmt, (ReturnStmt, RaiseStmt)):
            return None
        if isinstance(stmt, IfStmt):
            name = _tested(stmt.expr[0])
            if name in names:
                return name
    return None


def _literals(expr: Expression | None, kind: type) -> set[object] | object:
    """The literal values of a static_arg* argument, or _UNREADABLE."""
    if expr is None:
        return set()
    items = expr.items if isinstance(expr, (TupleExpr, ListExpr)) else [expr]
    values = [item.value for item in items if isinstance(item, StrExpr | IntExpr) and isinstance(item, kind)]
    return set(values) if len(values) == len(items) else _UNREADABLE


def _bool_parameters(func: FuncDef) -> dict[str, int]:
    """Required parameters declared ``bool``, by name, with their position."""
    typ = func.type
    if not isinstance(typ, CallableType):
        return {}
    return {
        name: index
        for index, (name, kind, arg_type) in enumerate(zip(typ.arg_names, typ.arg_kinds, typ.arg_types))
        if name and kind == ARG_POS and _is_bool(arg_type)
    }


def _is_bool(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, Instance) and proper.type.fullname == "builtins.bool"


class JitTraining:
    def __init__(self, report: Reporter) -> None:
        self.report = report

    def __call__(self, ctx: FunctionContext) -> Type:
        jitted = _jitted(ctx)
        func, checked = jitted if jitted is not None else (None, False)
        module = current_module(ctx.api)
        if func is None or module is None or not func.fullname.startswith(f"{module}."):
            return ctx.default_return_type  # mypy keeps no bodies of other modules' defs
        flags = _bool_parameters(func) if func is not None else {}
        name = _branch(func, set(flags)) if func is not None and flags else None
        branches = name is not None
        if name is None and checked and flags:
            name = next(iter(flags))
        if name is None:
            return ctx.default_return_type
        static_names = _literals(keyword_argument(ctx, "static_argnames"), StrExpr)
        numbers = _literals(keyword_argument(ctx, "static_argnums"), IntExpr)
        if static_names is _UNREADABLE or numbers is _UNREADABLE:
            return ctx.default_return_type
        assert isinstance(static_names, set) and isinstance(numbers, set) and func is not None
        if name in static_names or flags[name] in numbers:
            return ctx.default_return_type
        why = f'branches on "{name}"' if branches else f'is checked by "check" for "{name}: bool"'
        self.report(
            ctx.api,
            f'"{func.name}" {why}, which jax.jit traces: '
            f'pass static_argnames="{name}" (or static_argnums={flags[name]})',
            ctx.context,
            codes.BATCH_JIT,
        )
        return ctx.default_return_type


def hooks(report: Reporter) -> dict[str, JitTraining]:
    rule = JitTraining(report)
    return {name: rule for name in JIT_DECORATOR}
