"""A smoke run of benchmarks/runtime_check.py: it measures and prints its table (the
figures and targets are the benchmark's, never a test's)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.checkers import REPO


def test_the_runtime_benchmark_prints_its_table() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "runtime_check.py"), "--sizes", "1",
         "--budget", "0.01", "--repeat", "1"],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [line for line in proc.stdout.splitlines() if re.match(r"\| [\w ]+ \| [\d,]+ \|", line)]
    assert [row.split(" | ")[0] for row in rows] == ["| Params", "| DataFixed pair", "| forward pass"]
    assert re.search(r"^worst ratio [\d,]+x \(target >= 20x\): (met|MISSED)$", proc.stdout, re.M)
