"""Run one codemod command over files: discovery, opt-outs, parallelism, safe writes, summary.

CONTRACT: how a command plugs in
--------------------------------
* A command is a subclass of :class:`Command` (itself a libcst ``VisitorBasedCodemodCommand``,
  so ``python -m libcst.tool codemod batchtyping_codemods.<module>.<Class>`` works too),
  registered with one line in ``cli.SUBCOMMANDS``.
  Class attributes: ``DESCRIPTION`` (the ``--help`` text) and ``PREFILTER``: a tuple of
  substrings; a file containing none of them is reported unchanged without being parsed
  (the cheapest speed-up there is; override ``wants(source, options)`` for more).
  ``add_args(parser)`` adds the command's options; the engine calls
  ``Command(context, **options)`` with exactly those options, per file.
  ``validate_config(config)`` (classmethod) runs once before any file; raise ``UsageError``.
* Per file, ``context`` carries ``filename``, ``full_module_name``, ``full_package_name`` and
  ``scratch``. ``self.config`` is the ``[tool.batchtyping.codemods]`` table of the nearest
  pyproject.toml (a dict; each command reads its own keys).
* Report every change or refusal through :func:`record` (``record(context, "Params", "f.x")``,
  ``record(context, "skipped", "state: used as dict[str, Any]")``). The summary counts events by
  kind and lists the details of kinds starting with ``skipped`` or ``backed out``.
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
  annotate verifies with mypy and backs annotations out via :func:`transform`).

The engine handles everything else: ``.gitignore`` and ``exclude``, ``# batchtyping: skip-file``,
``-j N`` processes, the progress bar, ``--diff``/``--check``, atomic writes keeping mode,
encoding, BOM and newlines, parse errors (exit 2, other files still processed).
"""

from __future__ import annotations

import ast
import difflib
import io
import multiprocessing
import os
import re
import sys
import tempfile
import threading
import tokenize
import tomllib
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, Literal, TextIO

import libcst as cst
import pathspec
from libcst.codemod import Codemod, CodemodContext, SkipFile, VisitorBasedCodemodCommand
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

from batchtyping_codemods.imports import _dotted, add_imports, drop_unused
from libcst.metadata import MetadataWrapper

CONFIG_KEY = "batchtyping.config"
PROJECT_KEY = "batchtyping.project"
EVENTS_KEY = "batchtyping.events"
SKIP_LINES_KEY = "batchtyping.has_skip_comments"
SOURCE_KEY = "batchtyping.source"
DROPPED_USES_KEY = "batchtyping.dropped_uses"
SKIP_FILE = re.compile(r"#\s*batchtyping:\s*skip-file\b")
SKIP_LINE = re.compile(r"#\s*batchtyping:\s*skip\b(?!-)")
ALWAYS_EXCLUDED = (".git/", ".hg/", ".svn/", "__pycache__/", ".venv/", ".tox/", ".nox/",
                   ".mypy_cache/", "node_modules/", "site-packages/")
LISTED_KINDS = ("skipped", "backed out")

Status = Literal["unchanged", "changed", "skipped", "error"]


def record(context: CodemodContext, kind: str, detail: str = "") -> None:
    """Report one event (an annotation added, a rewrite, something left alone and why)."""
    context.scratch.setdefault(EVENTS_KEY, []).append((kind, detail))


# --------------------------------------------------------------------------- commands


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


class Command(VisitorBasedCodemodCommand):
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
        # Not MatcherDecoratableTransformer.__init__: its per-instance scan of the class and
        # its per-node matcher bookkeeping cost more than the parse. No ``@m.visit`` here.
        Codemod.__init__(self, context)
        self.options = options
        self._annotation_depth = 0
        self._pruned = (
            {_EXPRESSION, _OTHER} if self.WALK == "signatures"
            else {_EXPRESSION} if self.EXPRESSIONS == "annotations" else set()
        )
        self._skip_comments: bool | None = None
        self._frozen: set[int] = set()
        self._bindings: dict[str, str] | None = None

    # ---- configuration and reporting
    @property
    def config(self) -> dict[str, Any]:
        """The ``[tool.batchtyping.codemods]`` table."""
        return self.context.scratch.get(CONFIG_KEY, {})  # type: ignore[no-any-return]

    @property
    def project(self) -> Config:
        """The whole configuration (table, folder, ``requires-python``)."""
        default = Config(Path.cwd(), self.config)
        return self.context.scratch.get(PROJECT_KEY, default)  # type: ignore[no-any-return]

    def record(self, kind: str, detail: str = "") -> None:
        record(self.context, kind, detail)

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

    # ---- metadata without the defensive deep copy (the engine parses a fresh tree per file)
    def _handle_metadata_reference(self, module: cst.Module):  # type: ignore[no-untyped-def]
        from contextlib import contextmanager

        @contextmanager
        def handle() -> Iterator[cst.Module]:
            old = self.context.wrapper
            wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
            with self.resolve(wrapper):
                self.context = replace(self.context, wrapper=wrapper)
                try:
                    yield wrapper.module
                finally:
                    self.context = replace(self.context, wrapper=old)

        return handle()

    def transform_module(self, tree: cst.Module) -> cst.Module:
        """The transform, then the scheduled import changes, without extra passes over the tree."""
        with self._handle_metadata_reference(tree) as module:
            new = self.transform_module_impl(module)
        scratch = self.context.scratch
        additions = scratch.pop(AddImportsVisitor.CONTEXT_KEY, [])
        if additions:
            new = add_imports(new, additions)
        removed = scratch.pop(DROPPED_USES_KEY, None)
        if removed:
            source = scratch.get(SOURCE_KEY)
            new = drop_unused(new, tree.code if source is None else source, removed)
        if scratch.get(RemoveImportsVisitor.CONTEXT_KEY):  # libcst's way: correct, slow
            new = RemoveImportsVisitor(self.context).transform_module(new)
        return _no_new_blank_start(tree, new)

    def drop_use(self, local_name: str) -> None:
        """Report that one use of ``local_name`` was rewritten away; its import is dropped when
        no other use is left in the file."""
        self.context.scratch.setdefault(DROPPED_USES_KEY, Counter())[local_name] += 1

    # ---- per-line opt-out
    def opted_out(self, stmt: cst.CSTNode) -> bool:
        """True when ``stmt`` carries ``# batchtyping: skip`` on its own line(s)."""
        if self._skip_comments is None:
            known = self.context.scratch.get(SKIP_LINES_KEY)
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

    # Attribute-level hooks (``visit_Param_annotation``) are not dispatched: a lookup per field
    # of every node costs as much as the rest of the walk.
    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass

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


def _target_names(target: cst.BaseExpression) -> Iterator[str]:
    if isinstance(target, cst.Name):
        yield target.value
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _target_names(element.value)


def is_type_checking(test: cst.BaseExpression) -> bool:
    """``TYPE_CHECKING`` or ``typing.TYPE_CHECKING`` (any module prefix)."""
    return _dotted(test).rpartition(".")[2] == "TYPE_CHECKING"


def module_bindings(module: cst.Module, runtime: bool = False) -> dict[str, str]:
    """Names bound at module level (also inside top-level if/try blocks; with ``runtime``, not
    inside ``if TYPE_CHECKING:``).

    Imports map to the dotted thing imported (``from a import b as c`` -> ``{"c": "a.b"}``,
    ``import a.b`` -> ``{"a": "a"}``); other bindings map to ``""``. Relative imports keep
    their dots (``from ..typing import Data`` -> ``"..typing.Data"``).
    """
    bindings: dict[str, str] = {}

    def visit(statements: Sequence[cst.BaseStatement]) -> None:
        for stmt in statements:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    _small(small)
            elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                bindings[stmt.name.value] = ""
            elif isinstance(stmt, cst.If):
                if not (runtime and is_type_checking(stmt.test)):
                    suite(stmt.body)
                if isinstance(stmt.orelse, cst.If):
                    visit([stmt.orelse])
                else:
                    suite(stmt.orelse)
            elif isinstance(stmt, (cst.Try, cst.TryStar)):
                for part in (stmt.body, *stmt.handlers, stmt.orelse, stmt.finalbody):
                    suite(part)
            elif isinstance(stmt, cst.With):
                suite(stmt.body)

    def suite(node: cst.CSTNode | None) -> None:
        if isinstance(node, (cst.Else, cst.Finally, cst.ExceptHandler, cst.ExceptStarHandler)):
            node = node.body
        if isinstance(node, cst.IndentedBlock):
            visit(node.body)
        elif isinstance(node, cst.SimpleStatementSuite):
            for small in node.body:
                _small(small)

    def _small(small: cst.BaseSmallStatement) -> None:
        if isinstance(small, cst.Import):
            for name in small.names:
                full = _dotted(name.name)
                if name.asname is not None:
                    bindings[_dotted(name.asname.name)] = full
                else:
                    top = full.split(".")[0]
                    bindings.setdefault(top, top)
        elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            base = "." * len(small.relative) + _dotted(small.module)
            for name in small.names:
                local = _dotted(name.asname.name) if name.asname else _dotted(name.name)
                bindings[local] = f"{base}.{_dotted(name.name)}" if base[-1:] != "." else base + _dotted(
                    name.name
                )
        elif isinstance(small, cst.Assign):
            for target in small.targets:
                for n in _target_names(target.target):
                    bindings[n] = ""
        elif isinstance(small, (cst.AnnAssign, cst.AugAssign)):
            for n in _target_names(small.target):
                bindings.setdefault(n, "")

    visit(module.body)
    return bindings


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class Config:
    """``[tool.batchtyping.codemods]`` of the nearest pyproject.toml, and that file's folder."""

    root: Path
    table: dict[str, Any]
    requires_python: str | None = None
    path: Path | None = None


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """The config for paths under ``start``: ``explicit`` or the nearest pyproject.toml above it."""
    start = start.resolve()
    if explicit is None:
        for folder in [start, *start.parents] if start.is_dir() else start.parents:
            if (folder / "pyproject.toml").is_file():
                explicit = folder / "pyproject.toml"
                break
    if explicit is None:
        return Config(root=start if start.is_dir() else start.parent, table={})
    try:
        data = tomllib.loads(explicit.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{explicit}: invalid TOML: {error}") from None
    table = data.get("tool", {}).get("batchtyping", {}).get("codemods", {})
    if not isinstance(table, dict):
        raise UsageError(f"{explicit}: [tool.batchtyping.codemods] must be a table")
    exclude = table.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(p, str) for p in exclude):
        raise UsageError(f"{explicit}: tool.batchtyping.codemods.exclude must be a list of strings")
    requires = data.get("project", {}).get("requires-python")
    return Config(explicit.parent.resolve(), table, requires, explicit.resolve())


class UsageError(Exception):
    """Bad command-line input or configuration: printed, exit code 2."""


# --------------------------------------------------------------------------- discovery


def _git_root(path: Path) -> Path | None:
    for folder in [path, *path.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def _gitignore(folder: Path) -> pathspec.PathSpec | None:
    file = folder / ".gitignore"
    if not file.is_file():
        return None
    return pathspec.GitIgnoreSpec.from_lines(file.read_text(encoding="utf-8", errors="replace").splitlines())


def discover(paths: Sequence[Path], config: Config) -> list[Path]:
    """Python files under ``paths``: folders are walked honouring ``.gitignore`` files and the
    ``exclude`` patterns (gitignore syntax, relative to the config's folder); files named
    explicitly are kept unless ``exclude`` matches them."""
    exclude = pathspec.GitIgnoreSpec.from_lines([*ALWAYS_EXCLUDED, *config.table.get("exclude", [])])

    def excluded(path: Path, is_dir: bool) -> bool:
        try:
            rel = path.resolve().relative_to(config.root).as_posix()
        except ValueError:
            rel = path.name
        return exclude.match_file(rel + "/" if is_dir else rel)

    found: dict[Path, None] = {}
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_file():
            if not excluded(path, False):
                found[path] = None
            continue
        root = path.resolve()
        git_root = _git_root(root)
        specs: list[tuple[Path, pathspec.PathSpec]] = []
        if git_root is not None:
            for folder in reversed([root, *root.parents]):
                if folder == root or not folder.is_relative_to(git_root):
                    continue
                spec = _gitignore(folder)
                if spec is not None:
                    specs.append((folder, spec))
        found.update(dict.fromkeys(_walk(path, root, specs, excluded, git_root is not None)))
    return list(found)


def _ignored(path: Path, is_dir: bool, specs: list[tuple[Path, pathspec.PathSpec]]) -> bool:
    for base, spec in specs:
        rel = path.relative_to(base).as_posix()
        if spec.match_file(rel + "/" if is_dir else rel):
            return True
    return False


def _walk(
    shown: Path,
    real: Path,
    specs: list[tuple[Path, pathspec.PathSpec]],
    excluded: Callable[[Path, bool], bool],
    in_git: bool,
) -> Iterator[Path]:
    if in_git and (spec := _gitignore(real)) is not None:
        specs = [*specs, (real, spec)]
    for entry in sorted(os.scandir(real), key=lambda e: e.name):
        child_real, child_shown = real / entry.name, shown / entry.name
        is_dir = entry.is_dir(follow_symlinks=False)  # as git: no symlinked folders, no cycles
        if excluded(child_real, is_dir) or _ignored(child_real, is_dir, specs):
            continue
        if is_dir:
            yield from _walk(child_shown, child_real, specs, excluded, in_git)
        elif entry.name.endswith((".py", ".pyi")):
            yield child_shown


def module_name(path: Path) -> tuple[str, str]:
    """(full module name, package name) from the ``__init__.py`` files above ``path``."""
    path = path.resolve()
    parts = [] if path.stem == "__init__" else [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file() or (folder / "__init__.pyi").is_file():
        parts.insert(0, folder.name)
        folder = folder.parent
    name = ".".join(parts)
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    return name, package


# --------------------------------------------------------------------------- one file


@dataclass
class FileResult:
    """What a command did (or would do) to one file."""

    path: Path
    status: Status
    before: str = ""
    after: str = ""
    encoding: str = "utf-8"
    events: list[tuple[str, str]] = field(default_factory=list)
    message: str = ""
    """Why the file was skipped, or the error (``path:line:col: message``)."""


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs besides the file list (picklable: sent to worker processes)."""

    command: type[Command]
    options: dict[str, Any]
    config: Config
    mode: Literal["write", "diff", "check"] = "write"
    jobs: int = 1
    progress: bool = False
    notes: list[str] = field(default_factory=list)
    """Run-level lines a ``postprocess`` adds to the summary (``narrow: 12 errors before, 3 after``)."""


def read_source(path: Path) -> tuple[str, str]:
    """(text, encoding) honouring a BOM (``utf-8-sig``) and a PEP 263 coding cookie; newlines kept."""
    data = path.read_bytes()
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding), encoding


def transform(
    command: type[Command],
    path: Path,
    source: str,
    options: dict[str, Any],
    config: Config,
    scratch: dict[str, Any] | None = None,
    module: tuple[str, str] | None = None,
) -> tuple[str, list[tuple[str, str]]]:
    """Run ``command`` over ``source`` (the text of ``path``): (new text, events).

    ``module`` (full module name, package) defaults to what the ``__init__.py`` files above
    ``path`` say. Raises libcst's ``ParserSyntaxError``, ``RecursionError`` and ``SkipFile``."""
    name, package = module or module_name(path)
    context = CodemodContext(
        filename=str(path),
        full_module_name=name or None,
        full_package_name=package or None,
        scratch={
            CONFIG_KEY: config.table,
            PROJECT_KEY: config,
            EVENTS_KEY: [],
            SKIP_LINES_KEY: bool(SKIP_LINE.search(source)),
            SOURCE_KEY: source,
            **(scratch or {}),
        },
    )
    module = cst.parse_module(source)
    new = command(context, **options).transform_module(module)
    code, events = new.code, context.scratch[EVENTS_KEY]
    if not events and code != source and new.deep_equals(module):
        return source, events  # libcst's round trip is not byte-exact for a few odd files
    return code, events


def process_file(run: RunOptions, path: Path) -> FileResult:
    """Read, transform and (in write mode) atomically write one file; never raises."""
    try:
        source, encoding = read_source(path)
    except (OSError, SyntaxError, UnicodeDecodeError) as error:
        return FileResult(path, "error", message=f"{path}: cannot read: {error}")
    result = FileResult(path, "unchanged", source, source, encoding)
    if SKIP_FILE.search(source):
        result.status, result.message = "skipped", "opted out (# batchtyping: skip-file)"
        return result
    if not run.command.wants(source, run.options):
        return result
    try:
        result.after, result.events = _on_big_stack(
            transform, run.command, path, source, run.options, run.config
        )
    except cst.ParserSyntaxError as error:
        result.status, result.message = "error", _parse_error(path, source, error)
        return result
    except RecursionError:
        result.status, result.message = "error", f"{path}: nested too deeply (recursion limit)"
        return result
    except SkipFile as skip:
        result.status, result.message = "skipped", str(skip) or "skipped by the command"
        return result
    except Exception as error:  # a bug in a command must not stop the run
        where = traceback.extract_tb(error.__traceback__)[-1]
        result.status = "error"
        result.message = (
            f"{path}: internal error in {run.command.__name__}: {type(error).__name__}: {error} "
            f"({Path(where.filename).name}:{where.lineno})"
        )
        return result
    if result.after != source:
        result.status = "changed"
    return result


_BIG_STACK = 512 * 1024 * 1024
RECURSION_LIMIT = 10_000
_stack_thread: ThreadPoolExecutor | None = None
_stack_pid = 0


def _on_big_stack(function: Callable[..., Any], *args: Any) -> Any:
    """Call ``function`` in a thread with a 512 MiB stack (reserved, not committed).

    libcst's native parser recurses on the C stack: a deeply nested file would overflow the
    default 8 MiB and kill the process. With this stack it parses, and the Python-level
    recursion limit (raised here to what the stack can hold) then stops the run cleanly.
    """
    global _stack_thread, _stack_pid
    if _stack_thread is None or _stack_pid != os.getpid():  # threads do not survive a fork
        _stack_pid = os.getpid()
        previous = threading.stack_size(_BIG_STACK)
        try:
            _stack_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="batchtyping")
            _stack_thread.submit(sys.setrecursionlimit, RECURSION_LIMIT).result()
        finally:
            threading.stack_size(previous)
    return _stack_thread.submit(function, *args).result()


def _parse_error(path: Path, source: str, error: cst.ParserSyntaxError) -> str:
    """``path:line:col: message``, from Python's own parser when it agrees (better positions)."""
    try:
        ast.parse(source)
    except SyntaxError as py_error:
        return f"{path}:{py_error.lineno}:{py_error.offset}: does not parse: {py_error.msg}"
    except (RecursionError, MemoryError, ValueError):
        pass
    return f"{path}:{error.editor_line}:{error.editor_column}: does not parse: {error.message}"


def write_atomic(path: Path, text: str, encoding: str) -> None:
    """Replace ``path`` by ``text`` through a temp file in the same folder; the mode is kept."""
    data = text.encode(encoding)
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def unified_diff(result: FileResult) -> str:
    name = result.path.as_posix().lstrip("/")
    return "".join(
        difflib.unified_diff(
            result.before.splitlines(keepends=True),
            result.after.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
    )


# --------------------------------------------------------------------------- a whole run


def _progress(done: int, total: int, stream: TextIO) -> None:
    width = 30
    filled = width * done // max(total, 1)
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
    if done == total:
        stream.write("\r" + " " * (width + 30) + "\r")
    stream.flush()


def process_all(files: Sequence[Path], run: RunOptions, stderr: TextIO | None = None) -> list[FileResult]:
    """Transform every file (in ``run.jobs`` processes), then apply the command's post-pass."""
    stderr = stderr or sys.stderr
    show = run.progress and len(files) > 1
    work = partial(process_file, run)
    results: list[FileResult] = []
    if run.jobs <= 1 or len(files) <= 1:
        iterator: Iterable[FileResult] = map(work, files)
        pool = None
    else:
        # forkserver, not fork: the caller may have threads (JAX, our big-stack parser thread),
        # and forking a threaded process can deadlock the child.
        pool = ProcessPoolExecutor(
            max_workers=min(run.jobs, len(files)),
            mp_context=multiprocessing.get_context("forkserver"),
        )
        chunk = max(1, min(64, len(files) // (run.jobs * 8)))
        iterator = pool.map(work, files, chunksize=chunk)
    try:
        for result in iterator:
            results.append(result)
            if show:
                _progress(len(results), len(files), stderr)
    finally:
        if pool is not None:
            pool.shutdown()
    return run.command.postprocess(results, run)


def summarize(results: Sequence[FileResult], run: RunOptions) -> str:
    name = getattr(run.command, "NAME", run.command.__name__)
    statuses = Counter(r.status for r in results)
    verb = {"write": "changed", "diff": "would change", "check": "would change"}[run.mode]
    lines = [
        f"batchtyping {name}: {statuses['changed']} file(s) {verb}, {statuses['unchanged']} unchanged, "
        f"{statuses['skipped']} skipped, {statuses['error']} error(s)"
    ]
    lines += [f"  {note}" for note in run.notes]
    kinds: Counter[str] = Counter()
    listed: list[str] = []
    for result in results:
        for kind, detail in result.events:
            if kind.startswith(LISTED_KINDS):
                listed.append(f"  {result.path}: {kind}: {detail}")
            else:
                kinds[kind] += 1
    lines += [f"  {kind}: {count}" for kind, count in sorted(kinds.items())]
    if run.mode == "check":
        lines += [f"would change: {r.path}" for r in results if r.status == "changed"]
    lines += listed
    lines += [f"skipped {r.path}: {r.message}" for r in results if r.status == "skipped"]
    lines += [f"error: {r.message}" for r in results if r.status == "error"]
    return "\n".join(lines)


def run(
    files: Sequence[Path],
    run_options: RunOptions,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Process ``files``; write, diff or check; print the summary. Returns the exit code:
    0 nothing changed, 1 files changed or would change, 2 errors."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    results = process_all(files, run_options, stderr)
    for result in results:
        if result.status != "changed":
            continue
        if run_options.mode == "diff":
            stdout.write(unified_diff(result))
        elif run_options.mode == "write":
            try:
                write_atomic(result.path, result.after, result.encoding)
            except (OSError, UnicodeEncodeError) as error:
                result.status, result.message = "error", f"{result.path}: cannot write: {error}"
    stdout.flush()
    print(summarize(results, run_options), file=stderr)
    if any(r.status == "error" for r in results):
        return 2
    return 1 if any(r.status == "changed" for r in results) else 0
