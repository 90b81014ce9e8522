"""Verification: annotations that make mypy report a new error are backed out.

Annotating a function makes mypy check a body it skipped before, so an annotation can
surface errors. ``verify`` runs mypy (the project's own configuration, run from the project
root so its ``.mypy_cache`` is shared; ``MYPY_CACHE_DIR`` or the config's ``cache_dir`` win)
with the batchtyping plugin added when it imports, once on the files as they are and once
on the annotated text (``--shadow-file``: nothing is written). Each new error is traced to
the innermost annotated function around it, whose annotations are backed out; the round
repeats until no new error is left. ``no-untyped-def`` is not counted: annotating can only
shrink what it reports, though it may reword it.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from .engine import FileResult, RunOptions, transform

PLUGIN = "batchtyping_mypy"
IGNORED_CODES = frozenset({"no-untyped-def"})
MAX_ROUNDS = 5
_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?:\d+:)? (?P<severity>error): (?P<message>.*?)"
    r"(?:  \[(?P<code>[\w-]+)\])?$"
)
_QUOTED = re.compile(r'"(\w+)"')


@dataclass(frozen=True)
class MypyError:
    path: Path
    line: int
    message: str
    code: str

    @property
    def identity(self) -> tuple[Path, str, str]:
        """What ``before`` and ``after`` are compared on: annotations and imports move lines."""
        return (self.path, self.code, self.message)

    def __str__(self) -> str:
        return f"{self.message}  [{self.code}]"


class MypyFailed(Exception):
    """mypy stopped before checking (a blocking error): verification cannot judge."""


def run_mypy(paths: Sequence[Path], root: Path, shadows: Mapping[Path, str] = {}) -> list[MypyError]:
    """mypy's errors on ``paths`` (absolute), reading ``shadows[path]`` instead of ``path``."""
    with tempfile.TemporaryDirectory(prefix="batchtyping-verify-") as tmp:
        args = ["--show-absolute-path", "--no-pretty", "--hide-error-context",
                "--show-error-codes", "--no-error-summary", "--no-color-output"]
        for index, (path, text) in enumerate(sorted(shadows.items())):
            shadow = Path(tmp) / f"{index}_{path.name}"
            shadow.write_text(text, encoding="utf-8")
            args += ["--shadow-file", str(path), str(shadow)]
        proc = subprocess.run(
            [sys.executable, "-m", __name__, *args, *map(str, paths)],
            cwd=root, capture_output=True, text=True, check=False,
        )
    if proc.returncode not in (0, 1):
        raise MypyFailed((proc.stdout + proc.stderr).strip() or f"exit code {proc.returncode}")
    errors = []
    for line in proc.stdout.splitlines():
        match = _LINE.match(line)
        if match and (match["code"] or "misc") not in IGNORED_CODES:
            errors.append(MypyError(Path(match["path"]).resolve(), int(match["line"]),
                                    match["message"], match["code"] or "misc"))
    return errors


def _mypy_main(argv: list[str]) -> int:
    """mypy with the user's configuration and the batchtyping plugin added when it imports."""
    from mypy import build
    from mypy.errors import CompileError
    from mypy.main import process_options

    sources, options = process_options(argv)
    if PLUGIN not in options.plugins and _plugin_importable():
        options.plugins = [*options.plugins, PLUGIN]
    try:
        messages = build.build(sources, options).errors
    except CompileError as error:
        print("\n".join(error.messages), file=sys.stderr)
        return 2
    print("\n".join(messages))
    return 1 if messages else 0


def _plugin_importable() -> bool:
    try:
        return importlib.util.find_spec(PLUGIN) is not None and hasattr(
            importlib.import_module(PLUGIN), "plugin"
        )
    except Exception:
        return False


# -- which function an error belongs to ---------------------------------------------------
class _Spans(cst.CSTVisitor):
    """Function keys (as ``AnnotateCommand`` names them) -> (first line, last line)."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        from .annotate import function_keys

        self._key = function_keys
        self.spans: dict[str, tuple[int, int]] = {}
        self._scope: list[str] = []
        self._seen: Counter[str] = Counter()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._scope.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._scope.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope.append(node.name.value)
        position = self.get_metadata(PositionProvider, node)
        self.spans[self._key(self._scope, self._seen)] = (position.start.line, position.end.line)
        self._scope.append("<locals>")

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        del self._scope[-2:]


def function_spans(code: str) -> dict[str, tuple[int, int]]:
    visitor = _Spans()
    MetadataWrapper(cst.parse_module(code), unsafe_skip_copy=True).visit(visitor)
    return visitor.spans


def annotated_functions(events: Iterable[tuple[str, str]]) -> set[str]:
    """The function keys an ``annotate`` run wrote annotations into, from its events."""
    return {
        detail.split(": ", 1)[0]
        for kind, detail in events
        if not kind.startswith(("skipped", "backed out")) and ": " in detail
    }


def _culprits(
    error: MypyError, texts: Mapping[Path, str], annotated: Mapping[Path, set[str]]
) -> dict[Path, set[str]]:
    """The annotated functions to back out for ``error`` (all of them when it is untraceable)."""
    if error.path in texts:
        spans = function_spans(texts[error.path])
        around = []
        for key in annotated[error.path] & spans.keys():
            start, end = spans[key]
            if start <= error.line <= end:
                around.append((end - start, key))
        if around:
            return {error.path: {min(around)[1]}}
    named = set(_QUOTED.findall(error.message))
    by_name = {
        path: {key for key in keys if key.split("#")[0].rsplit(".", 1)[-1] in named}
        for path, keys in annotated.items()
    }
    if any(by_name.values()):
        return {path: keys for path, keys in by_name.items() if keys}
    if error.path in texts:
        return {error.path: set(annotated[error.path])}
    return {path: set(keys) for path, keys in annotated.items()}


def verify(results: list[FileResult], run: RunOptions) -> list[FileResult]:
    """Back out the annotations that make mypy report new errors (see the module docstring)."""
    changed = {r.path.resolve(): r for r in results if r.status == "changed"}
    if not changed:
        return results
    paths = sorted({r.path.resolve() for r in results if r.status in ("changed", "unchanged")})
    root = run.config.root
    try:
        before = Counter(e.identity for e in run_mypy(paths, root))
        excluded: dict[Path, set[str]] = {path: set() for path in changed}
        for _ in range(MAX_ROUNDS):
            texts = {path: r.after for path, r in changed.items() if r.after != r.before}
            after = run_mypy(paths, root, texts)
            remaining = before.copy()
            new = []
            for error in after:
                if remaining[error.identity] > 0:
                    remaining[error.identity] -= 1
                else:
                    new.append(error)
            if not new:
                break
            annotated = {path: annotated_functions(r.events) for path, r in changed.items()}
            blamed: dict[Path, dict[str, MypyError]] = {}
            for error in new:
                for path, keys in _culprits(error, texts, annotated).items():
                    for key in keys:
                        blamed.setdefault(path, {}).setdefault(key, error)
            for path, keys in blamed.items():
                _back_out(changed[path], keys, excluded[path], run)
        else:
            for result in changed.values():
                if result.after != result.before:
                    _revert(result, "mypy still reports new errors after backing out")
    except MypyFailed as failure:
        for result in changed.values():
            result.status = "error"
            result.message = (
                f"{result.path}: not verified, mypy stopped: {str(failure).splitlines()[-1]} "
                "(fix it or pass --no-verify)"
            )
    for result in changed.values():
        if result.after == result.before and result.status == "changed":
            result.status = "unchanged"
    return results


def _back_out(result: FileResult, keys: Mapping[str, MypyError], excluded: set[str], run: RunOptions) -> None:
    excluded |= set(keys)
    previous = [event for event in result.events if event[0].startswith("backed out")]
    spans = function_spans(result.after)
    result.after, events = transform(
        run.command, result.path, result.before,
        {**run.options, "exclude": frozenset(excluded)}, run.config,
    )
    for key, error in sorted(keys.items()):
        start = spans.get(key, (error.line, 0))[0]
        previous.append(("backed out", f"line {start}: {key}: {error.path.name}:{error.line}: {error}"))
    result.events = events + previous


def _revert(result: FileResult, why: str) -> None:
    result.after = result.before
    result.events = [e for e in result.events if e[0].startswith(("skipped", "backed out"))]
    result.events.append(("backed out", f"every annotation in this file: {why}"))


if __name__ == "__main__":
    sys.exit(_mypy_main(sys.argv[1:]))
