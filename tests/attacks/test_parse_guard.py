"""Attack: pathological Python that makes libcst's parser take gigabytes or minutes is
refused by the pre-parse guard first, quickly and with a clear message; real code passes."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import libcst
import pytest

from batchtyping_codemods.cst.parse_guard import MAX_BYTES, MAX_DEPTH, GuardError, guard

TOO_DEEP_FOR_CPYTHON = "bad.py: an expression nested too deeply for Python's own parser"

PATHOLOGICAL = {
    # 8 KB of unary minus: libcst takes 3.5 GB and aborts under a 4 GB limit.
    "unary minus, 8 KB": ("x = " + "-" * 8188 + "1\n", TOO_DEEP_FOR_CPYTHON),
    # 50 KB: libcst reached 24 GB.
    "unary minus, 50 KB": ("x = " + "-" * 50_000 + "1\n", TOO_DEEP_FOR_CPYTHON),
    # A 20,000-term `+` chain: minutes in libcst.
    "20,000-term + chain": ("x = " + " + ".join(["a"] * 20_000) + "\n", TOO_DEEP_FOR_CPYTHON),
    # Accepted by CPython, over the budget (libcst: ~0.6 s, ~5 s, ~5 s).
    "2,000 unary minus": ("x = 1\ny = " + "-" * 2000 + "1\n",
                          "bad.py:2: an expression nested more than 400 levels deep (a chain of `-` operators), over the parser's budget"),
    "2,000-term + chain": ("x = " + "+".join(["a"] * 2000) + "\n",
                           "bad.py:1: an expression nested more than 400 levels deep (a chain of `+` operators), over the parser's budget"),
    "2,000 attribute accesses": ("x = a" + ".b" * 2000 + "\n",
                                 "bad.py:1: an expression nested more than 400 levels deep (a chain of attribute accesses), over the parser's budget"),
    "2,000 calls": ("x = f" + "()" * 2000 + "\n",
                    "bad.py:1: an expression nested more than 400 levels deep (a chain of calls), over the parser's budget"),
    "too big": ("x = 1\n" * (MAX_BYTES // 6 + 1), f"bad.py: {MAX_BYTES + 6 - MAX_BYTES % 6:,} bytes, over the parser's budget of 4,194,304 bytes"),
    "syntax error": ("x = 1\ndef f(:\n", "bad.py:2: syntax error: invalid syntax"),
    "too many parentheses": ("x = " + "(" * 250 + "1" + ")" * 250 + "\n", "bad.py:1: syntax error: too many nested parentheses"),
}


@pytest.mark.parametrize("case", PATHOLOGICAL)
def test_pathological_input_is_refused_quickly(case: str) -> None:
    source, message = PATHOLOGICAL[case]
    start = time.perf_counter()
    error = guard(source, "bad.py")
    assert time.perf_counter() - start < 5  # sanity bound; CPython needs milliseconds
    assert isinstance(error, GuardError)
    assert str(error) == message


def test_at_the_budget_the_guard_passes_and_libcst_parses() -> None:
    chain = "x = " + "+".join(["a"] * MAX_DEPTH) + "\n"  # MAX_DEPTH - 1 BinOps + the leaf
    unary = "y = " + "-" * (MAX_DEPTH - 1) + "1\n"
    for source in (chain, unary, "z = a" + ".b" * (MAX_DEPTH - 1) + "\n"):
        assert guard(source, "ok.py") is None
        libcst.parse_module(source)
    assert guard("x = " + "+".join(["a"] * (MAX_DEPTH + 1)) + "\n", "bad.py") is not None


ACCEPTED = {
    "BOM": "\ufeffx = 1\n",
    "old-Mac newlines": "x = 1\ry = 2\r",
    "latin-1 cookie, non-ASCII identifier": "# -*- coding: latin-1 -*-\nd\xe9f = 1\n",
    "empty": "",
    "no final newline": "x = 1",
    "long flat `or` chain and list": "x = " + " or ".join(["a"] * 5000) + "\ny = [" + "1, " * 50_000 + "]\n",
}


@pytest.mark.parametrize("case", ACCEPTED)
def test_unusual_but_valid_input_passes(case: str) -> None:
    assert guard(ACCEPTED[case], "ok.py") is None


def _real_files(count: int = 200) -> list[Path]:
    """An evenly spread, stable sample of the .py files of jax, numpy and mypy."""
    files: list[Path] = []
    for package in ("jax", "numpy", "mypy"):
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.submodule_search_locations
        files.extend(sorted(Path(next(iter(spec.submodule_search_locations))).rglob("*.py")))
    step = max(1, len(files) // count)
    return files[::step][:count]


def test_real_files_pass() -> None:
    files = _real_files()
    assert len(files) == 200
    refused = [str(error) for path in files
               if (error := guard(path.read_text(encoding="utf-8"), str(path))) is not None]
    assert refused == []
