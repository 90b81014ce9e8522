"""The codemods package's dependency rule, read from its source (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "codemods" / "batchtyping_codemods"
ROOT = "batchtyping_codemods"
MAX_LINES = 400
LIBCST_FREE = ("errors", "framework.config", "framework.events", "framework.report", "framework.results",
               "framework.state", "rules.conventions", "verify.checkers", "verify.isolation", "verify.mypy_output")
"""Modules trace/ (and ``check``) may use: they import no libcst, directly or not."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        found[".".join((ROOT, *parts))] = path
    return found


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(module: str) -> list[tuple[str, list[str], bool]]:
    """(imported module, names taken from it, under ``if TYPE_CHECKING:``) for every import,
    function-level ones included; relative imports resolved."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    is_package = MODULES[module].name == "__init__.py"
    found: list[tuple[str, list[str], bool]] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            guarded = typing_only or (isinstance(child, ast.If) and _is_type_checking(child))
            if isinstance(child, ast.Import):
                found.extend((alias.name, [], typing_only) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = module.split(".")
                    parts = parts if is_package else parts[:-1]
                    parts = parts[: len(parts) - child.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                names = [alias.name for alias in child.names]
                found.append((base, names, typing_only))
                for name in names:  # ``from pkg import module``
                    if f"{base}.{name}" in MODULES:
                        found.append((f"{base}.{name}", [], typing_only))
            visit(child, guarded)

    visit(tree, False)
    return found


def _internal(module: str, runtime_only: bool = True) -> set[str]:
    return {target for target, _, typing_only in _imports(module)
            if target in MODULES and target != module and not (runtime_only and typing_only)}


def test_the_package_is_read() -> None:
    assert f"{ROOT}.cli" in MODULES and f"{ROOT}.framework.runner" in MODULES
    assert f"{ROOT}.commands.annotate" in MODULES


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_cli_imports_commands(module: str) -> None:
    if module == f"{ROOT}.cli" or module.startswith(f"{ROOT}.commands"):
        return
    wrong = sorted(t for t in _internal(module, runtime_only=False) if t.startswith(f"{ROOT}.commands"))
    assert not wrong, f"{module} imports {wrong}: only cli imports commands"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_names_of_another_module(module: str) -> None:
    private = [(target, name) for target, names, _ in _imports(module)
               if target.startswith(ROOT) and target != module
               for name in names if name.startswith("_") and not name.startswith("__")]
    assert not private, f"{module} imports private names {private}"


def test_no_import_cycles() -> None:
    """Runtime imports (``if TYPE_CHECKING:`` ones are not executed) form no cycle."""
    graph = {module: _internal(module) for module in MODULES}
    done: set[str] = set()

    def walk(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(module):], module]))
        if module in done:
            return
        for target in sorted(graph[module]):
            walk(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        walk(module, [])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_the_line_budget(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines (budget {MAX_LINES})"


def _closure(module: str) -> set[str]:
    seen, todo = set(), [module]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(_internal(current))
    return seen


def _third_party(module: str) -> set[str]:
    return {target.split(".")[0] for target, _, typing_only in _imports(module)
            if not typing_only and not target.startswith(ROOT)}


@pytest.mark.parametrize("module", [*(f"{ROOT}.{m}" for m in LIBCST_FREE), f"{ROOT}.cli", f"{ROOT}.check",
                                    *(m for m in MODULES if m.startswith((f"{ROOT}.trace", f"{ROOT}.lsp")))])
def test_libcst_free_modules_need_no_libcst(module: str) -> None:
    """trace/ runs in users' processes, lsp/ and ``check`` need only mypy, ``cli`` must start without the
    codemods extra: none of them imports libcst at module level, directly or through another
    module (function-level imports count too, except ``cli``'s lazy subcommand loading)."""
    reached = _closure(module) if module != f"{ROOT}.cli" else {module}
    heavy = {m: _third_party(m) & {"libcst", "pathspec"} for m in reached}
    assert not {m: h for m, h in heavy.items() if h}, f"{module} reaches libcst: {heavy}"


def test_trace_imports_only_libcst_free_modules() -> None:
    allowed = {f"{ROOT}.{m}" for m in LIBCST_FREE} | {f"{ROOT}.framework"}
    for module in (m for m in MODULES if m.startswith(f"{ROOT}.trace")):
        outside = {t for t in _internal(module, runtime_only=False) if not t.startswith(f"{ROOT}.trace")}
        assert outside <= allowed, f"{module} imports {sorted(outside - allowed)}"
