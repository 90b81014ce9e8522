"""The stubs against the runtime (mypy's stubtest) and pyright's completeness report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.checkers import BIN, REPO

STUBS = REPO / "stubs"


def test_stubtest_is_clean(tmp_path: Path) -> None:
    """Every difference is an allowlist entry with its reason; unused entries fail too."""
    proc = subprocess.run(
        [
            sys.executable, "-m", "mypy.stubtest", "batchtyping",
            "--mypy-config-file", str(STUBS / "stubtest_mypy.ini"),
            "--allowlist", str(STUBS / "stubtest_allowlist.txt"),
        ],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "Success: no issues found in 10 modules"


def test_allowlist_entries_give_reasons() -> None:
    for line in (STUBS / "stubtest_allowlist.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            entry, _, reason = line.partition("  # ")
            assert entry.strip() and len(reason.split()) >= 3, line


def test_pyright_verifytypes_is_complete(tmp_path: Path) -> None:
    """100% known types and a docstring on every public symbol.

    ``--ignoreexternal``: jax's own annotations (``Array.dtype`` -> ``dtype[Any]``, numpy,
    ``numbers``) are partially unknown, which no batchtyping change can fix. pyright finds
    the venv's packages through ``python`` on PATH (``--pythonpath`` is not used here).
    """
    proc = subprocess.run(
        [str(BIN / "pyright"), "--verifytypes", "batchtyping", "--ignoreexternal", "--outputjson"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    report = json.loads(proc.stdout)["typeCompleteness"]
    assert report["packageRootDirectory"] == str(STUBS / "batchtyping")
    assert report["completenessScore"] == 1, proc.stdout
    problems = [(s["name"], d["message"]) for s in report["symbols"] for d in s["diagnostics"]]
    assert problems == []
    assert report["missingFunctionDocStringCount"] == 0
    assert report["missingClassDocStringCount"] == 0
    assert proc.returncode == 0, proc.stdout
