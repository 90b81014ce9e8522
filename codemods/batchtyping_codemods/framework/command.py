"""The base class of every codemod command: opt-outs, pruned walks, naming aliases, imports.

CONTRACT: how a command plugs in
--------------------------------
* A command is a subclass of :class:`Command` (itself a libcst ``VisitorBasedCodemodCommand``,
  so ``python -m libcst.tool codemod batchtyping_codemods.commands.<module>.<Class>`` works
  too), one per file in ``commands/``, registered with one line in ``cli.SUBCOMMANDS``.
  Class attributes: ``DESCRIPTION`` (the ``--help`` text) and ``PREFILTER``: a tuple of
  substrings; a file containing none of them is reported unchanged without being parsed
  (the cheapest speed-up there is; override ``wants(source, options)`` for more).
  ``add_args(parser)`` adds the command's options; the runner calls
  ``Command(context, **options)`` with exactly those options, per file.
  ``validate_config(config)`` (classmethod) runs once before any file; raise ``UsageError``.
* Per file, ``context`` carries ``filename``, ``full_module_name``, ``full_package_name`` and
  ``scratch``. ``self.config`` is the ``[tool.batchtyping.codemods]`` table of the nearest
  pyproject.toml (a dict; each command reads its own keys).
* Report every change or refusal through ``self.record(kind, detail, function=, target=,
  alias=)``: a typed :class:`~batchtyping_codemods.framework.events.Event`. The summary counts
  events by kind and lists the details of kinds starting with ``skipped`` or ``backed out``.
* Name an alias through ``self.alias("Params")``: it returns ``Params`` or ``batchtyping.Params``
  (when the name is bound to something else) and schedules the import, merged into an existing
  ``from batchtyping import ...``.
* Honour the per-line opt-out: before editing a statement, check ``self.opted_out(stmt)``.
  The base class also enforces it: a simple statement carrying ``# batchtyping: skip`` is not
  visited; a compound statement (def, class, ...) with it on its header (decorators through
  the colon) is not visited either, only the statements of its body are.
* Imports: ``self.add_needed_import(module, name)`` (libcst's API) is honoured by merging
  into the top-level imports without a pass over the tree; ``self.drop_use(local_name)``
  for each use a rewrite removed drops the import once nothing else uses the name.
  ``remove_unused_import`` still works (libcst's scope-based visitor: much slower).
* Speed: matcher decorators (``@m.visit``/``@m.leave``) and attribute-level hooks
  (``visit_Param_annotation``) are not dispatched (``m.matches`` works);
  ``EXPRESSIONS = "annotations"`` keeps the walk out of expressions outside annotations;
  ``WALK = "signatures"`` keeps it to statements, blocks, parameters and annotations.
* Optional post-pass: ``postprocess(results, options)`` (classmethod) sees every
  :class:`FileResult` before anything is written or diffed and returns the list to use (e.g.
  annotate verifies with mypy and backs annotations out via ``runner.transform``).

The runner (:mod:`batchtyping_codemods.framework.runner`) handles everything else: ``.gitignore`` and ``exclude``, ``# batchtyping: skip-file``,
``-j N`` processes, the progress bar, ``--diff``/``--check``, atomic writes keeping mode,
encoding, BOM and newlines, parse errors (exit 2, other files still processed).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.metadata import PositionProvider

from batchtyping_codemods.cst.imports import add_imports, drop_unused
from batchtyping_codemods.cst.libcst_compat import FastCodemod
from batchtyping_codemods.cst.names import module_bindings
from batchtyping_codemods.framework.config import Config
from batchtyping_codemods.framework.events import Event
from batchtyping_codemods.framework.state import FileState, file_state

if TYPE_CHECKING:
    from batchtyping_codemods.framework.results import FileResult, RunOptions

SKIP_FILE = re.compile(r"#\s*batchtyping:\s*skip-file\b")
SKIP_LINE = re.compile(r"#\s*batchtyping:\s*skip\b(?!-)")


def record(context: CodemodContext, event: Event) -> None:
    """Report one event (an annotation added, a rewrite, something left alone and why)."""
    file_state(context.scratch).events.append(event)


_SUITES = ("body", "orelse", "handlers", "finalbody")


class _Comments(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = False

    def visit_Comment(self, node: cst.Comment) -> None:
        if SKIP_LINE.search(node.value):
            self.found = True


def _has_skip_comment(nodes: Iterable[cst.CSTNode]) -> bool:
    finder = _Comments()
    for node in nodes:
        node.visit(finder)
    return finder.found


def _header_nodes(stmt: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The parts of a statement on its own lines: everything but leading lines and suites."""
    for name in (f.name for f in fields(stmt)):
        value = getattr(stmt, name)
        if name in ("leading_lines", "lines_after_decorators"):
            continue
        if name == "body" and isinstance(value, cst.IndentedBlock):
            yield value.header
        elif name in _SUITES and not isinstance(value, cst.SimpleStatementSuite):
            continue
        elif isinstance(value, cst.CSTNode):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from (v for v in value if isinstance(v, cst.CSTNode))


_OTHER, _EXPRESSION, _SKELETON, _ANNOTATION, _STATEMENT = 1, 2, 3, 4, 5
_KINDS: dict[type, int] = {}
# What a "signatures" walk enters outside annotations: where statements, parameters and
# annotations can be found.
_SKELETON_TYPES = (cst.Module, cst.BaseSuite, cst.Else, cst.Finally, cst.ExceptHandler,
                   cst.ExceptStarHandler, cst.Parameters, cst.Param, cst.AnnAssign, cst.Match,
                   cst.MatchCase)


def _kind(node_type: type) -> int:
    """What the walk needs to know of a node type (cached: ABC isinstance checks are slow)."""
    if issubclass(node_type, cst.Annotation):
        kind = _ANNOTATION
    elif issubclass(node_type, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        kind = _STATEMENT
    elif issubclass(node_type, _SKELETON_TYPES):
        kind = _SKELETON
    elif issubclass(node_type, cst.BaseExpression):
        kind = _EXPRESSION
    else:
        kind = _OTHER
    _KINDS[node_type] = kind
    return kind


class Command(FastCodemod):
    """Base class of every batchtyping codemod (see the CONTRACT in this module)."""

    DESCRIPTION: ClassVar[str] = ""
    PREFILTER: ClassVar[tuple[str, ...] | None] = None
    EXPRESSIONS: ClassVar[Literal["all", "annotations"]] = "all"
    """``"annotations"``: expressions outside annotations are neither entered nor passed to
    ``visit_*``/``leave_*``."""
    WALK: ClassVar[Literal["all", "signatures"]] = "all"
    """``"signatures"``: the walk enters only statements, blocks, parameters and annotations
    (everything inside an annotation); other nodes (expressions, decorators, imports'
    names, whitespace: most of a file) are neither entered nor passed to ``visit_*`` /
    ``leave_*``. Read them from the statement's node. A large speed-up for commands that
    only read and write signatures."""

    def __init__(self, context: CodemodContext, **options: Any) -> None:
        super().__init__(context)  # FastCodemod: no matcher bookkeeping, so no ``@m.visit`` here
        self.options = options
        self._annotation_depth = 0
        self._pruned = (
            {_EXPRESSION, _OTHER} if self.WALK == "signatures"
            else {_EXPRESSION} if self.EXPRESSIONS == "annotations" else set()
        )
        self._skip_comments: bool | None = None
        self._frozen: set[int] = set()
        self._bindings: dict[str, str] | None = None
        self._positions: Mapping[cst.CSTNode, Any] | None = None

    # ---- configuration and reporting
    @property
    def state(self) -> FileState:
        """What the runner knows of this file, and what this command reports back."""
        return file_state(self.context.scratch)

    @property
    def config(self) -> dict[str, Any]:
        """The ``[tool.batchtyping.codemods]`` table."""
        return self.state.config.table

    @property
    def project(self) -> Config:
        """The whole configuration (table, folder, ``requires-python``, typed tables)."""
        return self.state.config

    def record(self, kind: str, detail: str = "", **typed: Any) -> None:
        """Report an :class:`Event`; ``typed``: its ``function``, ``target``, ``alias``, ``line``, ``reason``."""
        record(self.context, Event(kind, detail, **typed))

    def line_of(self, node: cst.CSTNode) -> int:
        """The line ``node`` (of the tree as parsed) starts on; 0 when unknown."""
        if self._positions is None:
            wrapper = self.context.wrapper
            self._positions = wrapper.resolve(PositionProvider) if wrapper is not None else {}
        position = self._positions.get(node)
        return position.start.line if position is not None else 0

    @classmethod
    def wants(cls, source: str, options: dict[str, Any]) -> bool:
        """Whether a file's text may need this command (default: it contains a ``PREFILTER``
        substring); a file it does not want is reported unchanged without being parsed."""
        return cls.PREFILTER is None or any(token in source for token in cls.PREFILTER)

    @classmethod
    def validate_config(cls, config: Config) -> None:
        """Raise :class:`UsageError` naming the file and key for a bad config value."""

    @classmethod
    def postprocess(cls, results: list[FileResult], options: RunOptions) -> list[FileResult]:
        return results

    def transform_module(self, tree: cst.Module) -> cst.Module:
        """The transform, then the scheduled import changes, without extra passes over the tree."""
        new = super().transform_module(tree)
        scratch, state = self.context.scratch, self.state
        additions = scratch.pop(AddImportsVisitor.CONTEXT_KEY, [])
        if additions:
            package = (self.context.full_module_name or "").partition(".")[0]
            new = add_imports(new, additions, frozenset({package} if package else ()))
        if state.dropped_uses:
            removed, state.dropped_uses = state.dropped_uses, Counter()
            new = drop_unused(new, tree.code if state.source is None else state.source, removed)
        if scratch.get(RemoveImportsVisitor.CONTEXT_KEY):  # libcst's way: correct, slow
            new = RemoveImportsVisitor(self.context).transform_module(new)
        return _no_new_blank_start(tree, new)

    def drop_use(self, local_name: str) -> None:
        """Report that one use of ``local_name`` was rewritten away; its import is dropped when
        no other use is left in the file."""
        self.state.dropped_uses[local_name] += 1

    # ---- per-line opt-out
    def opted_out(self, stmt: cst.CSTNode) -> bool:
        """True when ``stmt`` carries ``# batchtyping: skip`` on its own line(s)."""
        if self._skip_comments is None:
            known = self.state.has_skip_comments
            self._skip_comments = bool(SKIP_LINE.search(self.module.code)) if known is None else known
        if not self._skip_comments:
            return False
        if isinstance(stmt, cst.SimpleStatementLine):
            return _has_skip_comment(c for c in stmt.children if c not in stmt.leading_lines)
        if isinstance(stmt, cst.BaseCompoundStatement):
            return _has_skip_comment(_header_nodes(stmt))
        return False

    def on_visit(self, node: cst.CSTNode) -> bool:
        kind = _KINDS.get(type(node)) or _kind(type(node))
        if kind in self._pruned and not self._annotation_depth:
            return False
        if kind == _ANNOTATION:
            self._annotation_depth += 1
        elif kind == _STATEMENT and self.opted_out(node):
            self._frozen.add(id(node))
            return False
        visit = getattr(self, f"visit_{type(node).__name__}", None)
        return True if visit is None else visit(node) is not False

    def on_leave(self, original_node: Any, updated_node: Any) -> Any:
        kind = _KINDS[type(original_node)]
        if kind in self._pruned and not self._annotation_depth:
            return updated_node
        if kind == _ANNOTATION:
            self._annotation_depth -= 1
        if id(original_node) not in self._frozen:
            leave = getattr(self, f"leave_{type(original_node).__name__}", None)
            return updated_node if leave is None else leave(original_node, updated_node)
        if isinstance(original_node, cst.SimpleStatementLine):
            return original_node
        # An opted-out header: the command never sees this statement, only what is inside it.
        changes: dict[str, Any] = {}
        for name in _SUITES:
            value = getattr(original_node, name, None)
            if isinstance(value, cst.CSTNode):
                changes[name] = value.visit(self)
            elif isinstance(value, tuple):
                changes[name] = tuple(v.visit(self) for v in value)
        return original_node.with_changes(**changes)

    # ---- naming an alias
    def alias(self, name: str, module: str = "batchtyping") -> cst.BaseExpression:
        """``Name`` or ``module.Name`` for an alias, with the import scheduled."""
        bindings = self.module_bindings()
        bound = bindings.get(name)
        if bound == f"{module}.{name}":
            return cst.Name(name)
        local = next((k for k, v in bindings.items() if v == f"{module}.{name}"), None)
        if local is not None:
            return cst.Name(local)
        if bound is None:
            self.add_needed_import(module, name)
            return cst.Name(name)
        prefix = next((local for local, full in bindings.items() if full == module), None)
        if prefix is None:
            self.add_needed_import(module)
            prefix = module
        return cst.Attribute(cst.parse_expression(prefix), cst.Name(name))

    def module_bindings(self) -> dict[str, str]:
        """Module-level names -> what they are bound to (``module.name`` for imports, else ``""``)."""
        if self._bindings is None:
            self._bindings = module_bindings(self.module)
        return self._bindings


def _no_new_blank_start(old: cst.Module, new: cst.Module) -> cst.Module:
    """Drop the blank lines a removed first import leaves at the top of the file."""
    if new is old or not new.body or not old.body or new.header or old.header:
        return new
    if old.body[0].leading_lines or not new.body[0].leading_lines:
        return new
    lines = list(new.body[0].leading_lines)
    while lines and lines[0].comment is None:
        lines.pop(0)
    return new.with_changes(body=[new.body[0].with_changes(leading_lines=lines), *new.body[1:]])


