"""Returns and annotated assignments against their declared type.

mypy has no plugin hook on ``return`` or on assignments. Right after parsing a project file,
the plugin puts a marker statement (``__import__("batchtyping")``, a call mypy resolves in any
scope) before each ``return`` of a function whose return annotation may name a batchtyping
alias, and before each such annotated assignment outside class bodies, at the same line and
column; only mypy's parsed copy changes, never the source. When mypy checks a marker, the
statement after it has not been checked yet: the hook infers its value the way mypy is about
to (in the declared type's context, leaving no trace) and judges it by the call-site rules
(``batch-dim``, ``batch-dtype``, ``batch-leaf``), item by item for a tuple, and for a
``ModuleCallable`` by ``batch-module``, whose short message then replaces mypy's own (the
statement's value becomes ``cast(Declared, value)``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    ClassDef,
    Decorator,
    EllipsisExpr,
    Expression,
    ExpressionStmt,
    FuncDef,
    Import,
    ImportAll,
    ImportFrom,
    MemberExpr,
    MypyFile,
    NameExpr,
    PassStmt,
    RaiseStmt,
    RefExpr,
    ReturnStmt,
    Statement,
    StrExpr,
    SymbolNode,
    TempNode,
    TupleExpr,
    Var,
)
from mypy.plugin import CheckerPluginInterface, FunctionContext
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    NoneType,
    TupleType,
    Type,
    UnboundType,
    UnionType,
    get_proper_type,
)

from batchtyping_mypy.calls import CallChecker
from batchtyping_mypy.meanings import meaning
from batchtyping_mypy.parsed import installed
from batchtyping_mypy.module_callable import judge, takes_module_callable
from batchtyping_mypy.rules.table import MARKING
from batchtyping_mypy.mypy_api import (
    ARRAY,
    child_blocks,
    defined_functions,
    enclosing_function,
    infer_quietly,
    marker_statement,
    without_check,
)

_PLAIN = frozenset(
    """
    None int float complex bool str bytes object type Any Self Literal Optional Union
    list dict set frozenset tuple List Dict Set Tuple Iterator Iterable Sequence Mapping Callable
    Array jax.Array jnp.ndarray np.ndarray ndarray ArrayLike Key PRNGKey
    """.split()
)
"""Names that never lead to a batchtyping alias: a statement whose annotation spells only
these is not marked. Any other name (an alias, a project's own alias of one) is."""


def _may_mean(annotation: Type | None) -> bool:
    """Whether an unanalysed annotation may name a batchtyping alias."""
    typ = get_proper_type(annotation)
    if isinstance(typ, UnboundType):
        name = typ.name.removeprefix("typing.").removeprefix("builtins.")
        return name not in _PLAIN or any(_may_mean(arg) for arg in typ.args)
    if isinstance(typ, UnionType):
        return any(_may_mean(item) for item in typ.items)
    return False


def _project_code(file: MypyFile) -> bool:
    """Installed packages (jax, numpy...) and stubs never use the aliases: not marked; nor
    modules that cannot reach batchtyping (``_isolated``)."""
    return not file.is_stub and not installed(file) and not _isolated(file)


_APART = frozenset(sys.stdlib_module_names) | {"jax", "jaxlib", "numpy", "typing_extensions"}
"""Top-level packages that never re-export batchtyping's aliases."""


def _isolated(file: MypyFile) -> bool:
    """Whether every import of ``file`` (at any depth, as parsed) is of the standard library,
    jax or numpy: it then cannot name an alias nor get a value of one (no project module, no
    batchtyping), so neither its returns nor its misuse messages need markers. The parsed
    tree alone decides, so every run and every dmypy re-parse decides alike."""
    for node in file.imports:
        if isinstance(node, ImportFrom | ImportAll):
            if node.relative or node.id.split(".")[0] not in _APART:
                return False
        elif isinstance(node, Import):
            if any(name.split(".")[0] not in _APART for name, _ in node.ids):
                return False
    return True


@dataclass(frozen=True)
class _Expected:
    """A marked statement: ``value`` must fit the declared type of ``statement``."""

    statement: ReturnStmt | AssignmentStmt
    value: Expression


class Statements:
    def __init__(self, check: CallChecker) -> None:
        self.check = check
        self.report = check.report
        self.marked: dict[int, tuple[CallExpr, _Expected]] = {}
        self._files: dict[str, list[int]] = {}
        """The markers of each file, forgotten when dmypy parses the file again."""
        self.target: SymbolNode | None = None
        self.on_scope: Callable[[CheckerPluginInterface], None] = lambda api: None
        """Called by every marker, and a marker starts each module and non-trivial def:
        mypy checks nothing of the project before the plugin had a hook call there."""

    def instrument(self, file: MypyFile, target: SymbolNode | None = None) -> None:
        """Mark the statements to check in a parsed ``file``.

        Before semantic analysis mypy resolves the markers itself; later (a file mypy parsed
        again without telling plugins) ``target``, the builtin's node, resolves them. Every
        block gets a new list: semantic analysis may be iterating the old one.
        """
        for old in self._files.pop(file.path, []):
            del self.marked[old]
        if _project_code(file):
            keys = self._files[file.path] = []
            self.target = target
            body = self._block(file.defs, None, False, keys)
            file.defs = [self._scope_marker(body), *body] if body else body

    def _scope_marker(self, body: list[Statement]) -> Statement:
        return marker_statement(body[0], self.target)[0]

    def _block(
        self, body: list[Statement], func: FuncDef | None, in_class: bool, keys: list[int]
    ) -> list[Statement]:
        out: list[Statement] = []
        for stmt in body:
            expected = _expected(stmt, func, in_class)
            if expected is not None:
                marker, call = marker_statement(stmt, self.target)
                self.marked[id(call)] = (call, expected)
                keys.append(id(call))
                out.append(marker)
            out.append(stmt)
            for inner in defined_functions(stmt):
                body = self._block(inner.body.body, inner, False, keys)
                inner.body.body = body if _trivial(body) else [self._scope_marker(body), *body]
            if isinstance(stmt, ClassDef):
                stmt.defs.body = self._block(stmt.defs.body, None, True, keys)
            for block in child_blocks(stmt):
                block.body = self._block(block.body, func, in_class, keys)
        return out

    def __call__(self, ctx: FunctionContext) -> Type:
        self.on_scope(ctx.api)
        found = self.marked.get(id(ctx.context))
        if found is not None and found[0] is ctx.context:
            self._judge(ctx.api, found[1])
        return ctx.default_return_type

    def _judge(self, api: CheckerPluginInterface, expected: _Expected) -> None:
        stmt, value = expected.statement, expected.value
        if isinstance(stmt, ReturnStmt):
            func = enclosing_function(api)
            if func is None or func.is_generator or func.is_coroutine or not isinstance(func.type, CallableType):
                return
            declared, where = func.type.ret_type, "Return value"
        else:
            if stmt.type is None:
                return
            declared, where = stmt.type, f"Value assigned to {_target(stmt.lvalues[0])}"
        if takes_module_callable(declared):
            self._module_callable(api, stmt, value, declared)
        elif _judged(declared) and not _fits_as_declared(value, declared):
            self._value(api, value, where, declared, infer_quietly(api, value, declared))

    def _value(
        self, api: CheckerPluginInterface, expr: Expression, where: str, declared: Type, actual: Type
    ) -> None:
        formal = meaning(declared)
        if formal is not None:
            self.check.value(api, expr, where, formal, actual)
            return
        wanted, got = get_proper_type(declared), get_proper_type(actual)
        if isinstance(wanted, TupleType) and isinstance(got, TupleType) and len(wanted.items) == len(got.items):
            parts = expr.items if isinstance(expr, TupleExpr) and len(expr.items) == len(got.items) else None
            for index, (want, have) in enumerate(zip(wanted.items, got.items)):
                item_where = f"Item {index + 1} of {where[0].lower()}{where[1:]}"
                self._value(api, parts[index] if parts else expr, item_where, want, have)

    def _module_callable(
        self, api: CheckerPluginInterface, stmt: ReturnStmt | AssignmentStmt, value: Expression, declared: Type
    ) -> None:
        # mypy checks the statement right after: without its own message if ours was given
        # (a re-check, by dmypy or after a deferral, starts again from the original value).
        reported = judge(api, self.report, value, declared)
        checked = without_check(value, declared) if reported else value
        if isinstance(stmt, ReturnStmt):
            stmt.expr = checked
        else:
            stmt.rvalue = checked


def _expected(stmt: Statement, func: FuncDef | None, in_class: bool) -> _Expected | None:
    if isinstance(stmt, ReturnStmt) and stmt.expr is not None and func is not None:
        declared = func.type
        if isinstance(declared, CallableType) and not func.is_coroutine and _may_mean(declared.ret_type):
            return _Expected(stmt, stmt.expr)
    if (
        isinstance(stmt, AssignmentStmt)
        and not in_class
        and len(stmt.lvalues) == 1
        and not isinstance(stmt.rvalue, TempNode)
        and _may_mean(stmt.type)
    ):
        return _Expected(stmt, stmt.rvalue)
    return None


def _trivial(body: list[Statement]) -> bool:
    """A body mypy calls trivial (``...``, ``pass``, a docstring, ``raise NotImplementedError``):
    a marker would make a stub, protocol or overload item need a return."""
    for stmt in body:
        if isinstance(stmt, PassStmt) or isinstance(stmt, ExpressionStmt) and isinstance(
            stmt.expr, StrExpr | EllipsisExpr
        ):
            continue
        if isinstance(stmt, RaiseStmt) and stmt.expr is not None:
            raised = stmt.expr.callee if isinstance(stmt.expr, CallExpr) else stmt.expr
            if isinstance(raised, NameExpr) and raised.name == "NotImplementedError":
                continue
        return False
    return True


def _judged(declared: Type) -> bool:
    """Whether a value of this declared type is worth inferring: an alias, or a tuple of some."""
    if meaning(declared) is not None:
        return True
    proper = get_proper_type(declared)
    return isinstance(proper, TupleType) and any(_judged(item) for item in proper.items)


def _fits_as_declared(value: Expression, declared: Type) -> bool:
    """Whether ``value`` certainly passes without inferring it (which doubles mypy's work):
    a name whose type has the declared meaning or none (``return out`` after
    ``out: RealDataFixed = ...`` or ``out = x @ w``), a tuple display of such names, or a
    call to a def whose declared result means nothing (``jnp.stack(...)``)."""
    if isinstance(value, TupleExpr):
        items = get_proper_type(declared)
        return (
            isinstance(items, TupleType)
            and len(items.items) == len(value.items)
            and all(_fits_as_declared(v, t) for v, t in zip(value.items, items.items))
        )
    if isinstance(value, NameExpr) and isinstance(value.node, Var) and value.node.type is not None:
        known = meaning(value.node.type)
        return _means_nothing(value.node.type) or (known is not None and known == meaning(declared))
    if isinstance(value, CallExpr) and isinstance(value.callee, RefExpr):
        node = value.callee.node
        declared_callee = node.var.type if isinstance(node, Decorator) else node.type if isinstance(node, FuncDef) else None
        callee = get_proper_type(declared_callee)
        return (
            isinstance(callee, CallableType)
            and not callee.variables
            and value.callee.fullname not in MARKING
            and _means_nothing(callee.ret_type)
        )
    return False


def _means_nothing(typ: Type) -> bool:
    """An array no producer marked, ``Any`` or ``None``: no rule can object to it."""
    proper = get_proper_type(typ)
    if isinstance(proper, AnyType | NoneType):
        return True
    return isinstance(proper, Instance) and proper.type.fullname == ARRAY and proper.extra_attrs is None


def _target(lvalue: Expression) -> str:
    if isinstance(lvalue, NameExpr | MemberExpr):
        return f'"{lvalue.name}"'
    return "the target"
