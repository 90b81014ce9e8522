"""The report formats of ``check`` and the codemods (``--format``, ``--quiet``), from typed results.

``full`` is the summary (codemods, on stderr) or mypy's own output (``check``); ``concise`` is
one line per finding (stderr for the codemods, stdout for ``check``); ``json`` is one object
per run (stdout; schema in docs/cli.md); ``github`` is GitHub workflow annotations (stdout).
``--quiet`` keeps only errors: nothing on success. libcst-free (``check`` uses it).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal, TextIO, get_args

from batchtyping_codemods.framework.events import summarize

if TYPE_CHECKING:
    from batchtyping_codemods.framework.results import FileResult, RunOptions
    from batchtyping_codemods.verify.mypy_output import Finding

Format = Literal["full", "concise", "json", "github"]
FORMATS: tuple[str, ...] = get_args(Format)
Level = Literal["error", "warning", "notice"]
SCHEMA = 1
"""The version of the json format; bumped only when a field changes meaning or goes away."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--format`` and ``--quiet``, shared by ``check`` and the codemods."""
    parser.add_argument("--format", choices=FORMATS, default="full",
                        help="report format: full (default), concise (one line per finding), "
                        "json (one object), github (workflow annotations)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="report only errors (nothing on success)")


@dataclass(frozen=True)
class Item:
    """One finding of a concise or github report."""

    path: str
    level: Level
    message: str
    code: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None

    def location(self) -> str:
        """``path``, ``path:line`` or ``path:line:col``."""
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column is not None else "")


def concise(items: Sequence[Item]) -> str:
    """``path:line:col: level: message  [code]``, a multi-line message joined with ``; ``."""
    return "".join(
        f"{i.location()}: {i.level}: {'; '.join(i.message.splitlines())}" + (f"  [{i.code}]" if i.code else "") + "\n"
        for i in items
    )


def _escape(text: str, property_: bool = False) -> str:
    """GitHub's workflow-command escaping (``%``, newlines; ``:`` and ``,`` in properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def github(items: Sequence[Item], tool: str) -> str:
    lines = []
    for item in items:
        props = [f"file={_escape(item.path, True)}"]
        names = ("line", "col", "endLine", "endColumn")
        values = (item.line, item.column, item.end_line, item.end_column)
        props += [f"{name}={value}" for name, value in zip(names, values) if value is not None]
        props.append(f"title={_escape(f'{tool}: {item.code}' if item.code else tool, True)}")
        lines.append(f"::{item.level} {','.join(props)}::{_escape(item.message)}\n")
    return "".join(lines)


# --------------------------------------------------------------------------- the codemods


def _kind_code(kind: str) -> str:
    return kind.replace(" ", "-")


def codemod_items(results: Sequence[FileResult], run: RunOptions) -> list[Item]:
    """A changed file (an error with ``--check``), each listed event, a skip, an error."""
    items: list[Item] = []
    for result in results:
        path = str(result.path)
        if result.status == "changed":
            counts = Counter(e.kind for e in result.events if not e.listed)
            edits = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()))
            verb = {"write": "changed", "diff": "would change", "check": "would change"}[run.mode]
            level: Level = "error" if run.mode == "check" else "notice"
            items.append(Item(path, level, f"{verb}{f' ({edits})' if edits else ''}", _kind_code(verb)))
        for event in result.events:
            if event.listed:
                level = "warning" if event.kind.startswith("backed out") else "notice"
                items.append(Item(path, level, event.detail, _kind_code(event.kind), event.line))
        if result.status == "skipped":
            items.append(Item(path, "notice", result.message, "skipped"))
        elif result.status == "error":
            items.append(Item(path, "error", result.message, "error"))
    return items


def codemod_json(results: Sequence[FileResult], run: RunOptions, exit_code: int) -> dict[str, Any]:
    from batchtyping_codemods.framework.files import unified_diff

    counts = Counter(r.status for r in results)
    return {
        "schema": SCHEMA,
        "command": getattr(run.command, "NAME", run.command.__name__),
        "mode": run.mode,
        "exit_code": exit_code,
        "counts": {status: counts[status] for status in ("changed", "unchanged", "skipped", "error")},
        "notes": list(run.notes),
        "files": [
            {
                "path": str(r.path),
                "status": r.status,
                "message": r.message or None,
                "diff": unified_diff(r) if run.mode == "diff" and r.status == "changed" else None,
                "events": [asdict(e) for e in r.events],
            }
            for r in results
        ],
    }


def report_run(results: Sequence[FileResult], run: RunOptions, exit_code: int,
               stdout: TextIO, stderr: TextIO) -> None:
    """The end of a codemod run, in ``run.report`` format (the runner's last step)."""
    name = f"batchtyping {getattr(run.command, 'NAME', run.command.__name__)}"
    if run.report == "json":
        stdout.write(json.dumps(codemod_json(results, run, exit_code), indent=2) + "\n")
        return
    items = codemod_items(results, run)
    if run.quiet:
        items = [i for i in items if i.level == "error"]
    if run.report == "github":
        stdout.write(github(items, name))
    elif run.report == "concise" or run.quiet:
        stderr.write(concise(items))
    else:
        stderr.write(summarize(results, run) + "\n")


# --------------------------------------------------------------------------- check


def mypy_items(findings: Sequence[Finding]) -> list[Item]:
    items = []
    for f in findings:
        end = (f.end_line, f.end_column) if (f.end_line, f.end_column) >= (f.line, f.column) else (None, None)
        level: Level = "notice" if f.severity == "note" else "error"
        items.append(Item(f.path, level, f.message, f.code, f.line, f.column, *end))
    return items


def check_json(findings: Sequence[Finding], exit_code: int) -> dict[str, Any]:
    return {"schema": SCHEMA, "command": "check", "exit_code": exit_code,
            "findings": [asdict(f) for f in findings]}


def report_check(findings: Sequence[Finding], exit_code: int, form: str, quiet: bool, stdout: TextIO) -> None:
    """``check``'s findings in ``form`` (not ``full``: that is mypy's own output)."""
    if form == "json":
        stdout.write(json.dumps(check_json(findings, exit_code), indent=2) + "\n")
        return
    items = mypy_items(findings)
    if quiet:
        items = [i for i in items if i.level == "error"]
    stdout.write(github(items, "batchtyping check") if form == "github" else concise(items))
