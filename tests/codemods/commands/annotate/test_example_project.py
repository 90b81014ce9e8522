"""The issue's end-to-end test: ``annotate`` then ``migrate`` on an unannotated copy of the
example project (examples/, its seeded mistake fixed); mypy with the plugin and pyright then
report no error, and the project's own tests pass with runtime checks on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from batchtyping_codemods import cli
from batchtyping_codemods.verify.checkers import Mypy
from tests.checkers import REPO

MISTAKE = "return jnp.mean(per_example_loss(predictions, targets))"
FIX = "return jnp.mean(jax.vmap(per_example_loss)(predictions, targets))"


def test_annotate_and_migrate_the_example_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "example"
    shutil.copytree(REPO / "examples", root, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
    evaluate = root / "tinynet" / "evaluate.py"
    assert MISTAKE in evaluate.read_text()
    evaluate.write_text(evaluate.read_text().replace(MISTAKE, FIX))

    assert cli.main(["annotate", "-j", "1", str(root / "tinynet")]) == 1
    annotate_summary = capsys.readouterr().err
    assert cli.main(["migrate", "-j", "1", str(root / "tinynet")]) == 1
    capsys.readouterr()
    layers = (root / "tinynet" / "layers.py").read_text()
    assert "def linear(hyperparams: HyperParams) -> ModuleCallable[DictParams, State, ArrayData]:" in layers
    assert "backed out" in annotate_summary  # verification did its job on the way

    files = sorted(p.resolve() for p in (root / "tinynet").glob("*.py"))
    assert [str(error) for error in Mypy(root, files).run()] == []
    pyright = subprocess.run(
        [str(Path(sys.executable).parent / "pyright"), "--pythonpath", sys.executable, "tinynet"],
        cwd=root, capture_output=True, text=True, check=False,
        env={**os.environ, "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"},
    )
    assert pyright.returncode == 0, pyright.stdout
    assert "0 errors" in pyright.stdout
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:warnings",
         "--jaxtyping-packages=tinynet,beartype.beartype"],
        cwd=root, capture_output=True, text=True, check=False, env={**os.environ, "JAX_PLATFORMS": "cpu"},
    )
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert " passed" in tests.stdout.splitlines()[-1]
