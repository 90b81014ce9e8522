"""Which parsed modules get the plugin's markers (statements.py): only those that can reach
batchtyping; a module importing only the standard library, jax or numpy gets none."""

from __future__ import annotations

import pytest
from mypy.errors import Errors
from mypy.nodes import CallExpr, ExpressionStmt, MypyFile, NameExpr
from mypy.options import Options
from mypy.parse import parse

from batchtyping_mypy.calls import CallChecker
from batchtyping_mypy.config import Config
from batchtyping_mypy.mypy_api import Reporter
from batchtyping_mypy.statements import Statements

BODY = '''
def scale(x: Batch) -> Batch:
    y: Batch = x
    return y
'''


def _markers(source: str, path: str = "/project/mod.py") -> int:
    options = Options()
    tree = parse(source, path, "mod", Errors(options), options, eager=True)
    assert isinstance(tree, MypyFile)
    tree.path = path
    Statements(CallChecker(Reporter(Config()))).instrument(tree)
    found = 0
    stack = list(tree.defs)
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, ExpressionStmt) and isinstance(stmt.expr, CallExpr):
            callee = stmt.expr.callee
            found += isinstance(callee, NameExpr) and callee.name == "__import__"
        stack.extend(getattr(getattr(stmt, "body", None), "body", []))
    return found


@pytest.mark.parametrize(
    "imports",
    [
        "import os\nimport jax.numpy as jnp\nfrom jax import Array\nimport numpy as np\n",
        "from __future__ import annotations\nfrom typing import Any\n",
        "",
    ],
)
def test_a_module_that_cannot_reach_batchtyping_gets_no_markers(imports: str) -> None:
    assert _markers(imports + BODY) == 0


@pytest.mark.parametrize(
    ("imports", "markers"),
    [
        # the module's scope marker, the def's scope marker, the assignment's and the return's
        ("from batchtyping import RealDataFixed as Batch\n", 4),
        ("import batchtyping\n", 4),
        ("import os\nfrom . import sibling\n", 4),  # a project module may re-export an alias
        ("import os\nfrom models import Batch\n", 4),
        ("import os\n\ndef late() -> None:\n    import pmm.typing\n", 5),  # at any depth (+ late's)
    ],
)
def test_a_module_that_may_reach_batchtyping_is_marked(imports: str, markers: int) -> None:
    assert _markers(imports + BODY) == markers


def test_an_installed_module_gets_no_markers() -> None:
    source = "import batchtyping\n" + BODY
    assert _markers(source, "/venv/lib/python3.11/site-packages/mod.py") == 0
