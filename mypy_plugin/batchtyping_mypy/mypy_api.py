"""The few mypy internals the plugin touches, behind small helpers (the plugin API is unstable)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mypy.errorcodes import ErrorCode
from mypy.errors import ErrorWatcher
from mypy.messages import format_type_bare
from mypy.nodes import (
    ARG_POS,
    GDEF,
    Block,
    CallExpr,
    CastExpr,
    Context,
    Decorator,
    Expression,
    ExpressionStmt,
    ForStmt,
    FuncDef,
    FuncItem,
    IfStmt,
    MatchStmt,
    MemberExpr,
    NameExpr,
    OverloadedFuncDef,
    Statement,
    StrExpr,
    SymbolNode,
    TryStmt,
    TypeAlias,
    TypeInfo,
    Var,
    WhileStmt,
    WithStmt,
)
from mypy.plugin import CheckerPluginInterface, FunctionContext, MethodContext, Plugin
from mypy.types import CallableType, Instance, NoneType, Type, TypeAliasType, get_proper_type

from batchtyping_mypy.config import Config
from batchtyping_mypy.meanings import RAW_TREE

ARRAY = "jax._src.basearray.Array"
PARTIAL_CALLABLE = "__mypy_partial"
"""Where mypy's functools plugin keeps a partial object's partially applied callable."""

CallContext = FunctionContext | MethodContext


def callee_of(ctx: CallContext) -> CallableType | None:
    """The callee's signature at this call, as mypy inferred it (type variables solved).

    mypy stores the callee's type for the call expression's callee just before it runs the
    function hook; calls without a callee expression (operators, decorators) give None.
    """
    call = ctx.context
    if not isinstance(call, CallExpr):
        return None
    lookup = getattr(ctx.api, "lookup_type_or_none", None)
    if lookup is None:
        return None
    callee = lookup(call.callee)
    if callee is None and isinstance(call.callee, NameExpr) and isinstance(call.callee.node, Var):
        callee = call.callee.node.type  # a callable variable whose use mypy did not record
    callee = get_proper_type(callee) if callee is not None else None
    return callee if isinstance(callee, CallableType) else None


def show(api: CheckerPluginInterface, typ: Type) -> str:
    return format_type_bare(typ, api.options)


def callable_name(callee: CallableType, context: Context) -> str:
    """``"f"`` or ``"transform" of "Scaler"``, the way mypy names callees in its messages."""
    name = callee.name
    if name is None and isinstance(context, CallExpr) and isinstance(context.callee, NameExpr | MemberExpr):
        name = context.callee.name  # a callable held in a variable has lost its name
    if name is not None and " of " in name:
        func, owner = name.split(" of ", 1)
        return f'"{func}" of "{owner}"'
    return f'"{name or "function"}"'


class Reporter:
    """Reports an error unless ``[tool.batchtyping.mypy]`` turned its code off."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(
        self, api: CheckerPluginInterface, message: str, context: Context, code: ErrorCode
    ) -> bool:
        """Whether it reported (so a caller may drop mypy's own message for the same fault)."""
        if not self.config.enabled(code.code) or code in api.options.disabled_error_codes:
            return False
        api.fail(message, context, code=code)
        return True


class Lookup:
    """Alias references by full name, through the plugin's (stable) symbol lookup."""

    def __init__(self, plugin: Plugin) -> None:
        self.plugin = plugin

    def alias(self, fullname: str, args: list[Type] | None = None) -> TypeAliasType | None:
        node = self.plugin.lookup_fully_qualified(fullname)
        if node is None or not isinstance(node.node, TypeAlias):
            return None
        if args is None:  # a generic alias (the Fixed ones) takes its parameters' defaults
            args = [tv.default for tv in node.node.alias_tvars]
        return TypeAliasType(node.node, args)

    def unknown_tree(self) -> TypeAliasType | None:
        """``_Tree[Array, None]``: a PyTree of arrays whose batch axis nobody knows."""
        array = self.plugin.lookup_fully_qualified(ARRAY)
        if array is None or not isinstance(array.node, TypeInfo):
            return None
        return self.alias(RAW_TREE, [Instance(array.node, []), NoneType()])


_COMPOUND = (IfStmt, ForStmt, WhileStmt, WithStmt, TryStmt, MatchStmt)


def child_blocks(stmt: Statement) -> Iterator[Block]:
    """The blocks directly inside an ``if``/``for``/``while``/``with``/``try``/``match``."""
    if not isinstance(stmt, _COMPOUND):
        return
    for attr in ("body", "else_body", "handlers", "finally_body", "bodies"):
        value = getattr(stmt, attr, None)
        for block in value if isinstance(value, list) else [value]:
            if isinstance(block, Block):
                yield block


def defined_functions(stmt: Statement) -> list[FuncDef]:
    """The defs a statement defines: a def, a decorated one, every item of an overload."""
    if isinstance(stmt, Decorator):
        return [stmt.func]
    if isinstance(stmt, FuncDef):
        return [stmt]
    if isinstance(stmt, OverloadedFuncDef):
        items = [*stmt.items, *([stmt.impl] if stmt.impl else [])]
        return [func for item in items for func in defined_functions(item)]
    return []


MARKER = "builtins.__import__"
"""The marker call's callee: a builtin, so it needs no import and resolves in every scope."""


def marker_statement(at: Context, target: SymbolNode | None = None) -> tuple[ExpressionStmt, CallExpr]:
    """``__import__("batchtyping")`` as a statement placed at ``at``'s line and column, its
    name already bound to ``target`` (the builtin) if given."""
    name = StrExpr("batchtyping")
    callee = NameExpr("__import__")
    if target is not None:
        callee.node, callee.kind, callee.fullname = target, GDEF, MARKER
    call = CallExpr(callee, [name], [ARG_POS], [None])
    stmt = ExpressionStmt(call)
    for node in (stmt, call, call.callee, name):
        node.set_line(at)
    return stmt, call


def infer_quietly(api: CheckerPluginInterface, expr: Expression, context: Type) -> Type:
    """The type mypy infers for ``expr`` in ``context``, leaving no trace: errors, stored
    types and narrowing are discarded (mypy infers it again when it checks the statement)."""
    checker: Any = api
    with checker.msg.filter_errors():
        checker._type_maps.append({})
        try:
            with _frame(checker.binder):
                inferred: Type = checker.expr_checker.accept(expr, context, allow_none_return=True)
                return inferred
        finally:
            checker._type_maps.pop()


def _frame(binder: Any) -> Any:
    """A binder frame whose narrowing (a walrus) is dropped; mypy < 1.16 cannot drop it, which
    is harmless: the statement narrows the same way right after."""
    try:
        return binder.frame_context(can_skip=False, discard=True)
    except TypeError:
        return binder.frame_context(can_skip=False)


def enclosing_function(api: CheckerPluginInterface) -> FuncItem | None:
    """The function mypy is checking (the parsed one may since have been merged away by
    dmypy, which keeps the old definition objects)."""
    scope: Any = getattr(api, "scope", None)
    find = getattr(scope, "current_function", None) or getattr(scope, "top_function", None)
    found = find() if find is not None else None
    return found if isinstance(found, FuncItem) else None


def without_check(expr: Expression, typ: Type) -> CastExpr:
    """``cast(typ, expr)``: mypy infers ``expr`` but no longer compares it with ``typ``."""
    cast = CastExpr(expr, typ)
    cast.set_line(expr)
    return cast


def watch_errors(api: CheckerPluginInterface, judge: Any) -> None:
    """Put ``judge`` (a ``misuse.MisuseFilter``) at the bottom of the error-watcher stack of
    the errors ``api`` reports into, once: mypy has no hook on its messages. Watchers higher
    up (mypy's speculative checks) still see and drop errors first."""
    checker: Any = api
    errors = checker.msg.errors
    watchers: list[Any] = errors._watchers
    installed = _FILTERS.get(id(errors))
    if installed is not None and any(getattr(w, "_filter", None) is installed for w in watchers):
        return

    def on_error(file: str, info: Any) -> bool:
        verdict = judge(file, info.message, info.code.code if info.code else None, info.line, info.column,
                        info.severity)
        if verdict.retract:
            _retract_overload(errors, file, info.line)
        if verdict.message is not None:
            info.message = verdict.message
        return bool(verdict.drop)

    _FILTERS[id(errors)] = on_error
    watchers.insert(0, ErrorWatcher(errors, filter_errors=on_error))


_FILTERS: dict[int, Any] = {}


def _retract_overload(errors: Any, file: str, line: int) -> None:
    """Take back the last error reported at ``line`` of ``file`` and the notes after it."""
    infos: list[Any] = errors.error_info_map.get(file, [])
    while infos and infos[-1].line == line:
        last = infos.pop()
        if last.severity != "note":
            break
