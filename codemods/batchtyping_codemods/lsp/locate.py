"""Expressions of a document found from mypy's columns, and their exact LSP ranges.

mypy's columns are exact on ASCII lines only: mypy 2.4 counts a column as code points less
one per extra UTF-8 byte before it (``é`` moves it one left). So a finding is matched, start
and end, against the document's expressions (stdlib ``ast``) under each way of counting
(code points, UTF-8 bytes, that drift), and takes the matched expression's true range.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from batchtyping_codemods.lsp.findings import Finding

Counting = Callable[[int, int], int]  # (code points, UTF-8 bytes) before a column -> mypy's
COUNTINGS: tuple[Counting, ...] = (
    lambda chars, _: chars,
    lambda _, raw: raw,
    lambda chars, raw: 2 * chars - raw,
)


def parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def _chars(lines: list[str], line: int, byte_offset: int) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def node_at(tree: ast.AST, lines: list[str], finding: Finding) -> ast.expr | None:
    """The expression that starts and ends where ``finding`` says."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.expr) or node.end_lineno is None or node.end_col_offset is None:
            continue
        if (node.lineno, node.end_lineno) != (finding.line, finding.end_line):
            continue
        start = (_chars(lines, node.lineno, node.col_offset), node.col_offset)
        end = (_chars(lines, node.end_lineno, node.end_col_offset), node.end_col_offset)
        if any(count(*start) == finding.column - 1 and count(*end) == finding.end_column
               for count in COUNTINGS):
            return node
    return None


def position(lines: list[str], line: int, byte_offset: int) -> types.Position:
    """An AST position (1-based line, UTF-8 byte column) as an LSP (UTF-16) position."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    prefix = text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore")
    return types.Position(line=line - 1, character=len(prefix.encode("utf-16-le")) // 2)


def node_range(lines: list[str], node: ast.expr) -> types.Range:
    assert node.end_lineno is not None and node.end_col_offset is not None
    return types.Range(
        start=position(lines, node.lineno, node.col_offset),
        end=position(lines, node.end_lineno, node.end_col_offset),
    )
