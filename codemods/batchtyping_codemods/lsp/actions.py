"""Code actions for the findings whose fix is mechanical (found with the stdlib ``ast``):

* ``batch-dim``, a batch passed where one example is expected: map the callee over the
  batch with ``jax.vmap`` (``in_axes`` 0 for the batched arguments, None for the others);
* ``batch-dtype``, a complex array where real data is expected: take its ``.real`` part.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from lsprotocol import types

from batchtyping_codemods.lsp.findings import Finding
from batchtyping_codemods.lsp.locate import node_at, node_range, parse

_BATCHED_FOR_BATCHLESS = re.compile(r'^Argument "[^"]+" to "[^"]+" is batched \(.*where batchless')
_COMPLEX_ARRAY = re.compile(r'has complex leaves \("complex array"\) where real leaves')


def actions(uri: str, source: str, wanted: list[Finding], every: list[Finding]) -> list[types.CodeAction]:
    """Actions for ``wanted`` (the findings at the cursor); ``every`` is the file's findings."""
    tree = parse(source)
    if tree is None:
        return []
    lines = source.splitlines(keepends=True)
    found: list[types.CodeAction] = []
    for finding in wanted:
        node = node_at(tree, lines, finding)
        if node is None:
            continue
        if finding.code == "batch-dim" and _BATCHED_FOR_BATCHLESS.match(finding.message):
            action = _vmap(uri, tree, lines, node, every)
        elif finding.code == "batch-dtype" and _COMPLEX_ARRAY.search(finding.message):
            action = _real(uri, lines, node)
        else:
            action = None
        if action is not None and action.title not in {a.title for a in found}:
            found.append(action)
    return found


def _walk(tree: ast.AST) -> Iterator[ast.expr]:
    return (node for node in ast.walk(tree) if isinstance(node, ast.expr))


def _segment(lines: list[str], node: ast.expr) -> str:
    return ast.get_source_segment("".join(lines), node) or ""


def _edit(uri: str, title: str, edits: list[types.TextEdit]) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def _vmap(uri: str, tree: ast.Module, lines: list[str], argument: ast.expr,
          every: list[Finding]) -> types.CodeAction | None:
    call = next((n for n in _walk(tree) if isinstance(n, ast.Call) and argument in n.args), None)
    if call is None or call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return None  # vmap maps keyword arguments over axis 0 whatever in_axes says
    batched = {
        id(node) for finding in every
        if finding.code == "batch-dim" and _BATCHED_FOR_BATCHLESS.match(finding.message)
        for node in [node_at(tree, lines, finding)] if node is not None
    }
    axes = ["0" if id(arg) in batched else "None" for arg in call.args]
    func = _segment(lines, call.func)
    if all(axis == "0" for axis in axes):
        wrapped = f"jax.vmap({func})"
    else:
        tuple_text = f"({axes[0]},)" if len(axes) == 1 else f"({', '.join(axes)})"
        wrapped = f"jax.vmap({func}, in_axes={tuple_text})"
    edits = [types.TextEdit(range=node_range(lines, call.func), new_text=wrapped)]
    edits += _import_jax(tree, lines)
    return _edit(uri, f"Map {func} over the batch: {wrapped}(...)", edits)


def _import_jax(tree: ast.Module, lines: list[str]) -> list[types.TextEdit]:
    for statement in tree.body:
        if isinstance(statement, ast.Import) and any(
            alias.name == "jax" and alias.asname in (None, "jax") for alias in statement.names
        ):
            return []
    line = 0
    for statement in tree.body:
        docstring = (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                     and isinstance(statement.value.value, str) and line == 0)
        future = isinstance(statement, ast.ImportFrom) and statement.module == "__future__"
        if not (docstring or future):
            break
        line = statement.end_lineno or line
    at = types.Position(line=line, character=0)
    return [types.TextEdit(range=types.Range(start=at, end=at), new_text="import jax\n")]


def _real(uri: str, lines: list[str], node: ast.expr) -> types.CodeAction:
    text = _segment(lines, node)
    atom = isinstance(node, (ast.Name, ast.Attribute, ast.Call, ast.Subscript))
    new = f"{text}.real" if atom else f"({text}).real"
    edit = types.TextEdit(range=node_range(lines, node), new_text=new)
    return _edit(uri, f"Take the real part: {new}", [edit])
