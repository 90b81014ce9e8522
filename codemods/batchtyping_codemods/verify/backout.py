"""Verification: annotations that make a type checker report a new error are backed out.

Annotating a function makes mypy check a body it skipped before, and changes the types
pyright infers for unannotated callers, so an annotation can surface errors. ``verify``
runs the checkers (``verify.checkers``: mypy with the plugin, and pyright when it is
installed; ``verify-with`` in the config chooses) on the files as they are and on the
annotated text, without writing anything. Each new error is blamed on the innermost
annotated function around it (or, outside one, on the annotated functions it names or
its enclosing code mentions); that function's narrowed parameters are backed out first,
all of its annotations if the error persists. Rounds repeat until no new error is left.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from batchtyping_codemods.cst.scopes import Scopes
from batchtyping_codemods.framework.discovery import discover
from batchtyping_codemods.framework.events import Event
from batchtyping_codemods.framework.results import FileResult, RunOptions
from batchtyping_codemods.framework.runner import transform
from batchtyping_codemods.verify.checkers import CheckerFailed, Diagnostic, Mypy, Pyright

MAX_ROUNDS = 8
BROAD = frozenset({"Params", "State", "Data", "DataShape", "HyperParams", "bool", "Any"})
"""Parameter annotations no narrower than their convention: backed out only with the function."""
_QUOTED = re.compile(r'"(\w+)"')
_WORD = re.compile(r"\w+")


# -- which function an error belongs to ---------------------------------------------------
class _Spans(cst.CSTVisitor):
    """Function keys (as ``AnnotateCommand`` names them) -> (first line, last line)."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.spans: dict[str, tuple[int, int]] = {}
        self._scopes = Scopes()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._scopes.enter_class(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._scopes.leave_class()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        position = self.get_metadata(PositionProvider, node)
        self.spans[self._scopes.enter_function(node)] = (position.start.line, position.end.line)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._scopes.leave_function()


def function_spans(code: str) -> dict[str, tuple[int, int]]:
    visitor = _Spans()
    MetadataWrapper(cst.parse_module(code), unsafe_skip_copy=True).visit(visitor)
    return visitor.spans


def annotated_functions(events: Iterable[Event]) -> dict[str, dict[str, str]]:
    """Function key -> {parameter or ``return``: annotation} a run wrote."""
    found: dict[str, dict[str, str]] = {}
    for event in events:
        if event.listed or event.function is None or event.target is None or event.alias is None:
            continue
        found.setdefault(event.function, {})[event.target] = event.alias
    return found


def _name(key: str) -> str:
    return key.split("#")[0].rsplit(".", 1)[-1]


def _innermost(spans: Mapping[str, tuple[int, int]], keys: Iterable[str], line: int) -> str | None:
    around = [(spans[k][1] - spans[k][0], k) for k in keys if k in spans and spans[k][0] <= line <= spans[k][1]]
    return min(around)[1] if around else None


def _culprits(
    error: Diagnostic, texts: Mapping[Path, str], annotated: Mapping[Path, set[str]]
) -> tuple[dict[Path, set[str]], bool]:
    """The annotated functions to blame for ``error``, and whether it lies inside one."""
    text = texts.get(error.path)
    spans = function_spans(text) if text is not None else {}
    inside = _innermost(spans, annotated.get(error.path, ()), error.line)
    if inside is not None:
        return {error.path: {inside}}, True
    named = set(_QUOTED.findall(error.message))
    if text is not None:
        # The code around the error: its enclosing function, else its line.
        lines = text.splitlines()
        enclosing = _innermost(spans, spans, error.line)
        start, end = spans[enclosing] if enclosing else (error.line, error.line)
        named |= set(_WORD.findall("\n".join(lines[start - 1 : end])))
    by_name = {path: {key for key in keys if _name(key) in named} for path, keys in annotated.items()}
    if any(by_name.values()):
        return {path: keys for path, keys in by_name.items() if keys}, False
    if error.path in annotated:
        return {error.path: set(annotated[error.path])}, False
    return {path: set(keys) for path, keys in annotated.items()}, False


def _blame(
    new: Sequence[Diagnostic], texts: Mapping[Path, str], annotated: Mapping[Path, set[str]]
) -> dict[Path, dict[str, Diagnostic]]:
    """Function keys to back out this round, each with the first error it caused.

    An error inside a function that calls another blamed function by name (an argument
    that no longer fits a narrowed callee) waits a round: backing the callee out may fix it."""
    found = [(error, *_culprits(error, texts, annotated)) for error in new]
    blamed_names = {_name(key) for _, culprits, _ in found for keys in culprits.values() for key in keys}
    blamed: dict[Path, dict[str, Diagnostic]] = {}
    for error, culprits, inside in found:
        for path, keys in culprits.items():
            for key in keys:
                quoted = set(_QUOTED.findall(error.message)) - {_name(key)}
                if inside and quoted & blamed_names:
                    continue
                blamed.setdefault(path, {}).setdefault(key, error)
    return blamed


# -- the rounds -----------------------------------------------------------------------------
def _new(before: Counter[tuple[str, Path, str, str]], after: Sequence[Diagnostic]) -> list[Diagnostic]:
    remaining = before.copy()
    new = []
    for error in after:
        if remaining[error.identity] > 0:
            remaining[error.identity] -= 1
        else:
            new.append(error)
    return new


def checkers(run: RunOptions, results: Sequence[FileResult], chosen: Sequence[str]) -> list[Mypy | Pyright]:
    paths = sorted({r.path.resolve() for r in results if r.status in ("changed", "unchanged")})
    root = run.config.root
    found: list[Mypy | Pyright] = []
    if "mypy" in chosen:
        found.append(Mypy(root, paths))
    if "pyright" in chosen and Pyright.executable() is not None:
        project = [p.resolve() for p in discover([root], run.config)]
        found.append(Pyright(root, paths, project))
    return found


def verify(
    results: list[FileResult],
    run: RunOptions,
    chosen: Sequence[str] = ("mypy", "pyright"),
    runners: Sequence[Mypy | Pyright] | None = None,
    opt_out: str = "pass --no-verify",
) -> list[FileResult]:
    """Back out the annotations that make a checker report new errors (module docstring).
    ``runners`` replaces the checkers ``chosen`` names (``migrate --narrow`` passes its own);
    ``opt_out`` is how a user skips verification (shown when a checker cannot run)."""
    changed = {r.path.resolve(): r for r in results if r.status == "changed"}
    if not changed:
        return results
    try:
        runners = checkers(run, results, chosen) if runners is None else runners
        before = Counter(e.identity for runner in runners for e in runner.run())
        excluded: dict[Path, set[str]] = {path: set() for path in changed}
        for _ in range(MAX_ROUNDS):
            texts = {path: r.after for path, r in changed.items() if r.after != r.before}
            new: list[Diagnostic] = []
            for runner in runners:  # the next checker only once the previous one is content
                new = _new(before, runner.run(texts))
                if new:
                    break
            if not new:
                break
            annotated = {path: annotated_functions(r.events) for path, r in changed.items()}
            keys = {path: set(functions) for path, functions in annotated.items()}
            for path, blamed in _blame(new, texts, keys).items():
                _back_out(changed[path], blamed, annotated[path], excluded[path], run)
        else:
            for result in changed.values():
                if result.after != result.before:
                    _revert(result, "new errors remain after backing out")
    except CheckerFailed as failure:
        for result in changed.values():
            result.status = "error"
            result.message = (
                f"{result.path}: not verified, {str(failure).splitlines()[-1]} "
                f"(fix it, or {opt_out})"
            )
    for result in changed.values():
        if result.after == result.before and result.status == "changed":
            result.status = "unchanged"
    return results


def _back_out(
    result: FileResult,
    blamed: Mapping[str, Diagnostic],
    annotated: Mapping[str, Mapping[str, str]],
    excluded: set[str],
    run: RunOptions,
) -> None:
    """Re-run the command on the original text without the blamed annotations: first a
    function's narrowed parameters (``TupleParams``, ``ArrayData``...), then all of it."""
    notes = [event for event in result.events if event.kind.startswith("backed out")]
    spans = function_spans(result.after)
    for key, error in sorted(blamed.items()):
        narrowed = [
            param for param, alias in annotated.get(key, {}).items()
            if param != "return" and alias not in BROAD
        ]
        excluded.update([f"{key}:{param}" for param in narrowed] or [key])
        start = spans.get(key, (error.line, 0))[0]
        what = ", ".join(narrowed) if narrowed else "every annotation"
        reason = f"{error.path.name}:{error.line}: {error}"
        notes.append(Event("backed out", f"line {start}: {key}: {what}: {reason}",
                           function=key, target=what, line=start, reason=reason))
    result.after, events = transform(
        run.command, result.path, result.before,
        {**run.options, "exclude": frozenset(excluded)}, run.config,
    )
    result.events = events + notes


def _revert(result: FileResult, why: str) -> None:
    result.after = result.before
    result.events = [e for e in result.events if e.listed]
    result.events.append(Event("backed out", f"every annotation in this file: {why}", reason=why))
