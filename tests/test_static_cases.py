"""The typeshed-style case files in ``tests/static/cases``: two checkers and the runtime agree.

Each line the checkers must reject carries ``# type: ignore[<mypy code>]`` (or, in
``pyright_only.py``, ``# pyright: ignore[<rule>]``) and sits alone in a ``with rejected():``
block. mypy runs with ``--warn-unused-ignores`` and pyright with
``reportUnnecessaryTypeIgnoreComment``, so both must stay silent: a missed error shows up
as an unused ignore, a new one as an error. Executing the same files shows that the
runtime rejects every marked line and accepts every other one, under ``check``.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from tests.checkers import REPO, run_mypy, run_pyright

CASES = REPO / "tests" / "static" / "cases"
CASE_FILES = sorted(p for p in CASES.glob("*.py") if not p.name.startswith("_"))
ONE_CHECKER = {"pyright_only.py"}

MYPY_FLAGS = ["--strict", "--warn-unused-ignores"]
PYRIGHT_CONFIG = {
    "typeCheckingMode": "strict",
    "enableTypeIgnoreComments": True,
    "reportUnnecessaryTypeIgnoreComment": "error",
}


@pytest.fixture(scope="module")
def cases_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The case folder next to a fresh pyrightconfig.json (the source tree stays untouched)."""
    root = tmp_path_factory.mktemp("static")
    shutil.copytree(CASES, root / "cases", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_mypy_strict_agrees_with_every_marked_line(cases_copy: Path) -> None:
    result = run_mypy(["cases"], MYPY_FLAGS, cwd=cases_copy)
    assert (result.returncode, result.output) == (0, ""), result.output


def test_pyright_strict_agrees_with_every_marked_line(cases_copy: Path) -> None:
    result = run_pyright(["cases"], PYRIGHT_CONFIG, cwd=cases_copy)
    assert result.returncode == 0, result.output
    assert result.output.strip().splitlines()[-1] == "0 errors, 0 warnings, 0 informations"


def _marked_lines(path: Path) -> list[int]:
    return [
        number
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "# type: ignore[" in line or "# pyright: ignore[" in line
    ]


def _rejected_blocks(path: Path) -> set[int]:
    """The lines inside ``with rejected(...):`` blocks."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.With) and any(
            isinstance(item.context_expr, ast.Call)
            and getattr(item.context_expr.func, "id", "") == "rejected"
            for item in node.items
        ):
            assert node.end_lineno is not None
            lines.update(range(node.lineno, node.end_lineno + 1))
    return lines


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_every_marked_line_is_a_rejected_block(path: Path) -> None:
    assert set(_marked_lines(path)) <= _rejected_blocks(path)


def test_at_least_thirty_lines_both_checkers_reject() -> None:
    both = [
        (path.name, line)
        for path in CASE_FILES
        if path.name not in ONE_CHECKER
        for line in _marked_lines(path)
    ]
    assert len(both) >= 30, both
    assert all("# type: ignore[" in path.read_text() for path in CASE_FILES if path.name not in ONE_CHECKER)
    assert "# type: ignore" not in (CASES / "pyright_only.py").read_text()


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_runtime_agrees(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the case file: accepted lines pass ``check``, each rejected block raises."""
    monkeypatch.syspath_prepend(str(CASES))
    monkeypatch.delitem(sys.modules, "_helpers", raising=False)
    name = f"static_case_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
