"""The example project (examples/tinynet): its own tests pass, and its seeded bug is real and
invisible until annotation (scripts/demo and tests/test_demo.py show the plugin catching it)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.checkers import REPO, run_mypy

EXAMPLE = REPO / "examples"


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
        env={**os.environ, "JAX_PLATFORMS": "cpu"},
        check=False,
    )


def test_the_example_tests_pass() -> None:
    proc = _run(["-m", "pytest", "-p", "no:cacheprovider"])
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert " passed" in proc.stdout.splitlines()[-1]
    assert "failed" not in proc.stdout.splitlines()[-1]


def test_the_seeded_bug_scales_the_validation_loss_by_the_batch_size() -> None:
    code = (
        "import jax.numpy as jnp\n"
        "from tinynet.evaluate import validation_loss\n"
        "from tinynet.losses import batch_loss\n"
        "p, t = jnp.array([[1.0], [0.5], [2.0], [0.0]]), jnp.zeros((4, 1))\n"
        "print(float(validation_loss(p, t) / batch_loss(p, t)))\n"
    )
    proc = _run(["-c", code])
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout) == 4.0


def test_mypy_with_the_plugin_sees_nothing_before_annotation() -> None:
    result = run_mypy(["tinynet"], cwd=EXAMPLE, config_file=EXAMPLE / "pyproject.toml")
    assert result.returncode == 0, result.output
    assert result.output == ""
