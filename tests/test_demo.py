"""scripts/demo end to end (the venv already exists): every step runs and the plugin catches
the example's seeded bug."""

from __future__ import annotations

import os
import re
import subprocess

from tests.checkers import REPO


def test_demo_runs_every_step_and_shows_the_caught_mistake() -> None:
    proc = subprocess.run(
        [str(REPO / "scripts" / "demo")],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=900,
        check=False,
    )
    out = proc.stdout
    assert proc.returncode == 0, out[-4000:] + proc.stderr[-4000:]
    steps = [
        "== 1. batchtyping annotate tinynet",
        "== 2. batchtyping migrate tinynet",
        "== 3. mypy",
        "== 4. the example's tests",
        "== summary",
    ]
    positions = [out.find(step) for step in steps]
    assert -1 not in positions and positions == sorted(positions), out
    # Step 1 and 2: the codemods' summaries and a diff excerpt.
    assert "batchtyping annotate: " in out and "batchtyping migrate: " in out
    assert re.search(r"^\+    def forward\(params: \w+, data: \w+, training: bool", out, re.M)
    assert re.search(r"^\+from batchtyping import .*BatchlessRealDataFixed", out, re.M)
    # Step 3: the caught mistake, with its error code; pyright accepts the annotated code.
    caught = re.findall(r"^(?:mypy: )?tinynet/evaluate\.py:23: error: .*$", out, re.M)
    assert caught and all("per_example_loss" in line and line.endswith("[batch-dim]") for line in caught)
    assert "pyright: 0 errors" in out
    # Step 4: the tests pass with the checks on, and the checks are live.
    summary = out[out.find("== summary") :]
    assert "tests with runtime checks on: " in summary and " passed" in summary
    assert "batch_loss(4 predictions, 3 targets) -> TypeCheckError" in summary
    assert "[batch-dim]" in summary
