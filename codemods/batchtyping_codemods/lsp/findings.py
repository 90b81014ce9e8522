"""mypy's output lines as typed findings, and findings as LSP diagnostics with exact ranges."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from lsprotocol import types

PREFIX = "batch-"
# path:line:column:end_line:end_column: severity: message  [code]
_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+):(?P<end_line>-?\d+):(?P<end_col>-?\d+): "
    r"(?P<severity>error|note|warning): (?P<message>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$"
)


@dataclass(frozen=True)
class Finding:
    """One mypy error (with the notes that follow it), 1-based as mypy prints it."""

    path: str
    line: int
    column: int  # 1-based; exact in code points on ASCII lines only (see locate.py)
    end_line: int
    end_column: int  # 1-based inclusive = 0-based exclusive
    message: str
    code: str


def parse(output: str) -> list[Finding]:
    """Errors with a ``batch-*`` code; a note right after one is appended to its message."""
    found: list[Finding] = []
    last: Finding | None = None
    for raw in output.splitlines():
        match = _LINE.match(raw)
        if match is None:
            continue
        if match["severity"] == "note":
            if last is not None and match["path"] == last.path and int(match["line"]) == last.line:
                last = Finding(**{**last.__dict__, "message": f"{last.message}\n{match['message']}"})
                found[-1] = last
            continue
        code = match["code"] or ""
        if not code.startswith(PREFIX):
            last = None
            continue
        line, col = int(match["line"]), int(match["col"])
        end_line, end_col = int(match["end_line"]), int(match["end_col"])
        if end_line < line or (end_line == line and end_col < col - 1):
            end_line, end_col = line, col - 1  # no end known: to_diagnostic covers the token
        last = Finding(match["path"], line, col, end_line, end_col, match["message"], code)
        found.append(last)
    return found


def _utf16(line: str, offset: int) -> int:
    """mypy's 0-based column in ``line``, taken as code points, as a UTF-16 offset."""
    return len(line[: max(offset, 0)].encode("utf-16-le")) // 2


def to_diagnostic(finding: Finding, lines: list[str], tree: ast.AST | None = None) -> types.Diagnostic:
    """The range of the expression ``finding`` points at when ``tree`` (the document's AST)
    has one; else mypy's columns taken as code points."""
    from batchtyping_codemods.lsp.locate import node_at, node_range

    node = node_at(tree, lines, finding) if tree is not None else None
    if node is not None:
        return _diagnostic(finding, node_range(lines, node))

    def position(line: int, offset: int) -> types.Position:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return types.Position(line=line - 1, character=_utf16(text, offset))

    start = position(finding.line, finding.column - 1)
    end = position(finding.end_line, finding.end_column)
    if (end.line, end.character) <= (start.line, start.character):
        # mypy gives some contexts (a bare name) an end at its start: cover the token.
        text = lines[start.line] if start.line < len(lines) else ""
        token = re.match(r"\w+|.", text[start.character:])
        end = types.Position(line=start.line, character=start.character + (len(token[0]) if token else 0))
    return _diagnostic(finding, types.Range(start=start, end=end))


def _diagnostic(finding: Finding, range_: types.Range) -> types.Diagnostic:
    return types.Diagnostic(
        range=range_,
        message=finding.message,
        severity=types.DiagnosticSeverity.Error,
        code=finding.code,
        source="batchtyping",
    )
