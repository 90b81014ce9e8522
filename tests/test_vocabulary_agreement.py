"""One vocabulary: every alias name the plugin, codemods and docs spell is one vocabulary.py defines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from batchtyping.vocabulary import ALIASES, PUBLIC_NAMES
from tests.checkers import REPO

# A CamelCase word ending like an alias name: what a hand-written alias reference looks like.
_ALIAS_LIKE = re.compile(r"^(?:[A-Z][A-Za-z]*)?(Params|Data|DataFixed|State|Shape|Callable)T?$")
_PACKAGES = [REPO / "mypy_plugin" / "batchtyping_mypy", REPO / "codemods" / "batchtyping_codemods"]


def _alias_like_literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _ALIAS_LIKE.match(node.value)
    }


@pytest.mark.parametrize("package", _PACKAGES, ids=lambda p: p.name)
def test_tooling_spells_only_vocabulary_names(package: Path) -> None:
    unknown = {
        f"{path.relative_to(REPO)}: {name}"
        for path in sorted(package.rglob("*.py"))
        for name in _alias_like_literals(path)
        if name not in PUBLIC_NAMES
    }
    assert not unknown, "alias names not in batchtyping.vocabulary:\n" + "\n".join(sorted(unknown))


def test_the_scan_would_notice_a_stray_name(tmp_path: Path) -> None:
    stray = tmp_path / "stray.py"
    stray.write_text('NAMES = {"params": "Params", "x": "BatchedParams"}\n')
    assert _alias_like_literals(stray) == {"Params", "BatchedParams"}


def test_runtime_and_stub_docs_carry_each_runtime_definition() -> None:
    runtime = (REPO / "stubs" / "batchtyping" / "_runtime.py").read_text()
    stub = (REPO / "stubs" / "batchtyping" / "__init__.pyi").read_text()
    for alias in ALIASES:
        if alias.name != "ModuleCallable":
            assert f"{alias.name} = {alias.runtime}" in runtime, alias.name
        assert alias.runtime in stub, alias.name
