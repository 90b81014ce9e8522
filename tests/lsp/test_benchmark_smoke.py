"""benchmarks/lsp_latency.py runs and prints its table (a tiny project; no timing asserted)."""

from __future__ import annotations

import subprocess
import sys

from tests.checkers import CACHE, REPO


def test_lsp_latency_smoke() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "lsp_latency.py"), "--modules", "2",
         "--repeat", "1", "--cache-dir", str(CACHE / "mypy" / "lsp")],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    header, rule, row = proc.stdout.splitlines()
    assert header.startswith("| modules | first diagnostics s | didChange median s")
    assert row.split("|")[1].strip() == "2"
