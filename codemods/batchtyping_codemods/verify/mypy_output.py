"""mypy's output lines as typed findings (libcst-free; used by ``check`` and ``lsp``).

mypy is run with ``--show-column-numbers --show-error-end --no-pretty --show-error-codes``
(:data:`LINE_FLAGS`), so each finding is one ``path:line:col:end_line:end_col: severity:
message  [code]`` line. mypy's ``--output json`` is not used: it lacks error ends, and on
mypy 1.19 a warm cache replays errors in the text format (python/mypy#20353).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

LINE_FLAGS = ("--show-column-numbers", "--show-error-end", "--no-pretty", "--show-error-codes")
"""mypy options making each finding one line :func:`parse` reads."""

Severity = Literal["error", "note"]

_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+):(?P<end_line>-?\d+):(?P<end_col>-?\d+): "
    r"(?P<severity>error|note|warning): (?P<message>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$"
)


@dataclass(frozen=True)
class Finding:
    """One mypy error (with the notes that follow it), 1-based as mypy prints it."""

    path: str
    line: int
    column: int  # 1-based; exact in code points on ASCII lines only (see lsp/locate.py)
    end_line: int
    end_column: int  # 1-based inclusive = 0-based exclusive
    message: str
    code: str
    severity: Severity = "error"


def matches(line: str) -> bool:
    """Whether ``line`` is a finding line (the others are summaries, crashes, config errors)."""
    return _LINE.match(line) is not None


def parse(output: str) -> list[Finding]:
    """Every error, a note on the same line right after it appended to its message; other
    notes are findings of their own (severity ``note``)."""
    found: list[Finding] = []
    last: Finding | None = None
    for raw in output.splitlines():
        match = _LINE.match(raw)
        if match is None:
            continue
        line, col = int(match["line"]), int(match["col"])
        if match["severity"] == "note" and last is not None and (match["path"], line) == (last.path, last.line):
            last = replace(last, message=f"{last.message}\n{match['message']}")
            found[-1] = last
            continue
        end_line, end_col = int(match["end_line"]), int(match["end_col"])
        if end_line < line or (end_line == line and end_col < col - 1):
            end_line, end_col = line, col - 1  # no end known: an empty range at the start
        severity: Severity = "note" if match["severity"] == "note" else "error"
        finding = Finding(match["path"], line, col, end_line, end_col, match["message"],
                          match["code"] or "", severity)
        found.append(finding)
        last = finding if severity == "error" else None
    return found
