"""The adoption corpora under tests/adoption_project (issues 12 and 13) are what they claim.

Each corpus's own tests pass as it is; every file parses except the one deliberately broken
file; the repository's suite does not collect the corpora; and the pure helpers of
benchmarks/adoption.py (the AST comparison, the summary parsing, issue 12's hand fix) judge
accepted and rejected cases.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.checkers import REPO

CORPORA = REPO / "tests" / "adoption_project"
BROKEN = CORPORA / "pmmpkg" / "modules" / "experimental.py"


def _benchmark():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        return importlib.import_module("adoption")
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


def _pytest(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *args],
        cwd=cwd, capture_output=True, text=True, check=False,
        env={**__import__("os").environ, "JAX_PLATFORMS": "cpu", "PYTHONDONTWRITEBYTECODE": "1"},
    )


@pytest.mark.parametrize("name", ["pmmpkg", "unannotated", "staxlike", "optaxlike", "paramtreelike"])
def test_corpus_tests_pass_as_is(name: str) -> None:
    corpus = _benchmark().CORPORA[name]
    result = _pytest(["--rootdir", str(corpus.root), "--confcutdir", str(corpus.root), *corpus.tests], corpus.root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout, result.stdout[-2000:]


def test_every_corpus_file_parses_but_the_broken_one() -> None:
    bad = []
    for path in sorted(CORPORA.rglob("*.py")):
        try:
            ast.parse(path.read_text(), filename=str(path))
        except SyntaxError as exc:
            bad.append((path, exc.lineno))
    assert bad == [(BROKEN, 19)]


def test_the_suite_does_not_collect_the_corpora() -> None:
    result = _pytest(["--collect-only", "--rootdir", str(REPO), "-c", str(REPO / "pyproject.toml"),
                      "tests/adoption_project"], REPO)
    assert result.returncode == 5, result.stdout  # no tests collected
    assert "error" not in result.stdout.lower(), result.stdout


def test_each_corpus_lists_files_that_exist() -> None:
    for corpus in _benchmark().CORPORA.values():
        for item in (*corpus.copy, *corpus.paths, *corpus.check, *corpus.tests, *corpus.broken):
            assert (corpus.root / item).exists(), (corpus.name, item)
    assert not (CORPORA / "staxlike" / "pyproject.toml").exists()  # issue 13 item 3


def test_pmm_typing_module_does_the_reexports() -> None:
    text = (CORPORA / "pmmpkg" / "typing.py").read_text()
    assert "    List = list\n    Dict = dict\n    Tuple = tuple\n" in text
    assert "from beartype.typing import Any, Callable, NamedTuple, Type" in text
    tree_util = (CORPORA / "pmmpkg" / "tree_util.py").read_text()
    assert "from .typing import Any, Callable, List, Tuple" in tree_util
    assert "return tuple(jax.tree_util.keystr(path) for path, _ in paths)" in tree_util


def test_hand_fix_replaces_the_reexport_block(tmp_path: Path) -> None:
    (tmp_path / "pmmpkg").mkdir()
    typing_py = tmp_path / "pmmpkg" / "typing.py"
    typing_py.write_text((CORPORA / "pmmpkg" / "typing.py").read_text())
    _benchmark().hand_fix_pmm_reexports(tmp_path)
    text = typing_py.read_text()
    assert "List = list" not in text and "from beartype.typing import Dict, List, Tuple" not in text
    assert "from typing import Dict, List, Tuple\n\n__all__" in text


@pytest.mark.parametrize(
    ("before", "after", "equal"),
    [
        ("def f(x, y=1):\n    return x\n", "from a import B\n\ndef f(x: B, y: int = 1) -> B:\n    return x\n", True),
        ("def f(x):\n    return x\n", "import batchtyping\n\n@batchtyping.check\ndef f(x: int):\n    return x\n", True),
        ("x = 1\n", "x: int = 1\n", True),
        ("def f(x):\n    return x\n", "def f(x):\n    return x + 1\n", False),
        ("def f(x, y=1):\n    return x\n", "def f(x, y=2):\n    return x\n", False),
        ("@jax.jit\ndef f(x):\n    return x\n", "def f(x):\n    return x\n", False),
    ],
)
def test_ast_comparison(before: str, after: str, equal: bool) -> None:
    assert _benchmark().ast_equal_modulo_annotations(before, after) is equal


def test_annotate_summary_figures() -> None:
    longest = "  pkg/a.py: backed out: line 12: g: every annotation: a.py:13: mypy: boom  [assignment]"
    output = (
        "batchtyping annotate: 2 file(s) changed, 1 unchanged, 0 skipped, 0 error(s)\n"
        "  Params: 4\n  return State: 2\n"
        "  pkg/a.py: skipped: line 74: f: params: used as a single array\n"
        f"{longest}\n"
        "  pkg/b.py: backed out: line 3: h: x: b.py:3: pyright: bang\n"
        "  continuation after the file lines: 7\n"
    )
    figures = _benchmark().annotate_figures(output)
    assert figures == {"kept": 6, "backed_out_entries": 2, "skipped_entries": 1, "longest_back_out_line": len(longest)}
