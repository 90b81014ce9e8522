"""benchmarks/codemod_throughput.py runs and prints its table (a tiny corpus; no timing asserted)."""

from __future__ import annotations

import importlib
import re
import sys

import pytest

from tests.checkers import REPO


def _benchmark():  # type: ignore[no-untyped-def]
    # Importable by name: -j 2 sends its functions to worker processes.
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        return importlib.import_module("codemod_throughput")
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


@pytest.mark.parametrize("command", ["annotate", "migrate"])
def test_benchmark_prints_the_ratio(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _benchmark().main(["--lines", "250", "--jobs", "1", "2", "--repeat", "1", "--command", command]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(rf"corpus: \d+ files, \d+ lines; command: {command}", lines[0])
    assert lines[1].split() == ["jobs", "floor", "lines/s", command, "lines/s", "ratio"]
    for jobs, row in zip((1, 2), lines[2:], strict=True):
        assert re.fullmatch(rf"\s+{jobs}\s+[\d,]+\s+[\d,]+\s+\d+\.\d\d", row), row


def test_corpus_has_the_requested_size(tmp_path) -> None:  # type: ignore[no-untyped-def]
    files = _benchmark().make_corpus(tmp_path, 1000)
    assert sum(p.read_text().count("\n") for p in files) >= 1000
    assert any("def " not in p.read_text() for p in files)  # some files the prefilter skips
