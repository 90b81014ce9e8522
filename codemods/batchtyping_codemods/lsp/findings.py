"""mypy's ``batch-*`` findings (parsed by :mod:`~batchtyping_codemods.verify.mypy_output`) as LSP
diagnostics with exact ranges."""

from __future__ import annotations

import ast
import re

from lsprotocol import types

from batchtyping_codemods.verify import mypy_output
from batchtyping_codemods.verify.mypy_output import Finding

__all__ = ["PREFIX", "Finding", "parse", "to_diagnostic"]

PREFIX = "batch-"


def parse(output: str) -> list[Finding]:
    """Errors with a ``batch-*`` code; a note right after one is appended to its message."""
    return [f for f in mypy_output.parse(output) if f.severity == "error" and f.code.startswith(PREFIX)]


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
