"""Smoke test: the overhead benchmark runs and prints its side-by-side table (tiny workload)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.checkers import REPO


def test_trace_overhead_benchmark_runs_tiny() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "trace_overhead.py"), "--synthetic",
         "--calls", "5", "--repeat", "1"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "trace overhead: synthetic workload (5 model calls), best of 1"
    assert re.fullmatch(r"untraced +\d+\.\d\d +\d+\.\d\d", lines[2])
    assert re.fullmatch(r"traced +\d+\.\d\d +\d+\.\d\d", lines[3])
    assert re.fullmatch(r"ratio +\d+\.\d\dx +\d+\.\d\dx   \(target <= 3x\)", lines[4])
