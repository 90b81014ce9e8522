"""The few mypy internals the plugin touches, behind small helpers (the plugin API is unstable)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mypy.argmap import map_actuals_to_formals
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
    MypyFile,
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
from mypy.subtypes import find_member
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


def partial_callable(typ: Type) -> CallableType | None:
    """The partially applied callable mypy keeps in a ``functools.partial`` object."""
    proper = get_proper_type(typ)
    extra = proper.extra_attrs if isinstance(proper, Instance) else None
    stored = extra.attrs.get(PARTIAL_CALLABLE) if extra is not None else None
    callee = get_proper_type(stored) if stored is not None else None
    return callee if isinstance(callee, CallableType) else None


def callable_of(typ: Type) -> CallableType | None:
    """A callable's signature: itself, or an object's bound ``__call__``."""
    proper = get_proper_type(typ)
    if isinstance(proper, CallableType):
        return proper
    if isinstance(proper, Instance) and proper.type.get("__call__") is not None:
        call = get_proper_type(find_member("__call__", proper, proper, is_operator=True))
        return call if isinstance(call, CallableType) else None
    return None


def type_context(api: CheckerPluginInterface) -> Type | None:
    """The type the expression mypy is inferring is expected to have (its context)."""
    checker: Any = api
    stack = getattr(getattr(checker, "expr_checker", None), "type_context", None)
    return stack[-1] if stack else None


def callee_definition(ctx: CallContext) -> str | None:
    """The full name of the def a call's callee was defined as (``m = jax.vmap; m(f)``)."""
    callee = callee_of(ctx)
    definition = callee.definition if callee is not None else None
    return definition.fullname if isinstance(definition, FuncDef | Decorator) else None


def stored_type(api: CheckerPluginInterface, expr: Expression) -> Type | None:
    """The type mypy recorded for an already checked expression (an argument's items)."""
    lookup = getattr(api, "lookup_type_or_none", None)
    return lookup(expr) if lookup is not None else None


def keyword_argument(ctx: CallContext, name: str) -> Expression | None:
    """The expression passed for the callee's parameter ``name``, else None."""
    for index, formal in enumerate(ctx.callee_arg_names):
        if formal == name and ctx.args[index]:
            return ctx.args[index][0]
    return None


def array_type(api: CheckerPluginInterface) -> Instance | None:
    """``jax.Array``, found in the modules mypy loaded (a checker's name lookup only knows
    what the checked file can reach by attribute access)."""
    modules: Any = getattr(api, "modules", {})
    module = modules.get(ARRAY.rsplit(".", 1)[0])
    symbol = module.names.get("Array") if module is not None else None
    return Instance(symbol.node, []) if symbol is not None and isinstance(symbol.node, TypeInfo) else None


def regrouped(ctx: MethodContext, callee: CallableType, result: Type) -> MethodContext:
    """A call of a wrapper taking ``*args, **kwargs`` (a partial object, a jitted function)
    seen as a call of ``callee``: its arguments grouped by ``callee``'s parameters."""
    types = [t for group in ctx.arg_types for t in group]
    kinds = [k for group in ctx.arg_kinds for k in group]
    names = [n for group in ctx.arg_names for n in group]
    exprs = [e for group in ctx.args for e in group]
    formal_to_actual = map_actuals_to_formals(
        kinds, names, callee.arg_kinds, callee.arg_names, lambda i: types[i]
    )
    return ctx._replace(
        arg_types=[[types[i] for i in actuals] for actuals in formal_to_actual],
        args=[[exprs[i] for i in actuals] for actuals in formal_to_actual],
        default_return_type=result,
    )


def current_module(api: CheckerPluginInterface) -> str | None:
    """The full name of the module mypy is checking."""
    tree = getattr(api, "tree", None)
    return tree.fullname if isinstance(tree, MypyFile) else None


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


def infer_quietly(api: CheckerPluginInterface, expr: Expression, context: Type | None) -> Type:
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
