"""Shared helpers of the codemod tests: run a command on text, compare programs modulo annotations."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from batchtyping_codemods import framework
from batchtyping_codemods.commands.add_checks import AddChecksCommand as AddChecks
from batchtyping_codemods.commands.migrate import MigrateCommand as Migrate

FIXTURES = Path(__file__).parent / "fixtures"
COMMANDS: dict[str, type[framework.Command]] = {"migrate": Migrate, "add_checks": AddChecks}


def run_command(command: type[framework.Command], source: str, **settings: Any) -> tuple[str, list[framework.Event]]:
    """(new source, events) of ``command`` on ``source``, as the runner runs it."""
    return framework.run_command(command, source, **settings)


@dataclass(frozen=True)
class Fixture:
    command: str
    name: str
    before: str
    after: str
    settings: dict[str, Any]

    def run(self, source: str | None = None) -> tuple[str, list[framework.Event]]:
        module = self.settings.get("module")
        return run_command(
            COMMANDS[self.command],
            self.before if source is None else source,
            path=self.settings.get("path", "example.py"),
            table=self.settings.get("config"),
            options=self.settings.get("options"),
            module=tuple(module) if module else None,  # type: ignore[arg-type]
            requires_python=self.settings.get("requires-python"),
        )


def fixtures() -> list[Fixture]:
    """Every ``<command>/<rule>.before.py`` with its ``.after.py`` and optional ``.json``
    (``config``: the [tool.batchtyping.codemods] table, ``options``, ``module``, ``path``)."""
    found = []
    for before in sorted(FIXTURES.glob("*/*.before.py")):
        stem = before.name.removesuffix(".before.py")
        settings_file = before.with_name(stem + ".json")
        settings = json.loads(settings_file.read_text()) if settings_file.exists() else {}
        after = before.with_name(stem + ".after.py")
        found.append(Fixture(
            before.parent.name, stem, _read(before), _read(after) if after.exists() else "", settings
        ))
    return found


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


class _Strip(ast.NodeTransformer):
    """Drop what the codemods may change: annotations, decorators they add, imports."""

    def __init__(self, decorators: set[str]) -> None:
        self.decorators = decorators

    def visit_arg(self, node: ast.arg) -> ast.arg:
        node.annotation = None
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        self.generic_visit(node)
        node.returns = None
        node.decorator_list = [d for d in node.decorator_list if ast.unparse(d) not in self.decorators]
        return node

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        node.annotation = ast.Constant(None)
        return node

    def visit_Import(self, node: ast.Import) -> None:
        return None

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        return None

    def visit_Expr(self, node: ast.Expr) -> ast.AST | None:
        # ``install_import_hook("pkg", ...)``: an import in all but name.
        if isinstance(node.value, ast.Call) and ast.unparse(node.value.func) == "install_import_hook":
            return None
        return node


def skeleton(source: str, decorators: set[str] = frozenset({"check", "batchtyping.check", "bt.check"})) -> str:  # type: ignore[assignment]
    """The program with annotations, imports and added decorators removed (empty blocks get pass)."""
    tree = _Strip(set(decorators)).visit(ast.parse(source))
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and not block and field == "body":
                block.append(ast.Pass())
    return ast.dump(tree)


def _editable_lines(source: str) -> set[int]:
    """Lines a codemod may touch: imports, def headers (decorators to colon), annotated assignments."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.AnnAssign)):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            lines.update(range(first, node.body[0].lineno))
    return lines


def only_signature_lines_changed(before: str, after: str) -> None:
    """Every line of ``before`` that is not kept byte for byte is an import, a def header or an
    annotated assignment (text outside the edited spans is untouched)."""
    import difflib

    old = before.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, after.splitlines(keepends=True), autojunk=False)
    allowed = _editable_lines(before)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            outside = [n for n in range(i1 + 1, i2 + 1) if n not in allowed and old[n - 1].strip()]
            assert not outside, f"lines {outside} changed: {[old[n - 1] for n in outside]}"


def pairs(events: list[framework.Event]) -> list[tuple[str, str]]:
    """(kind, detail) of each event: what the summary shows."""
    return [(event.kind, event.detail) for event in events]
