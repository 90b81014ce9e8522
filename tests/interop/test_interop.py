"""The libraries every training loop calls, with batchtyping-annotated params and state.

``cases/*.py`` hold the canonical optax step, flax linen ``init``/``apply``, equinox's
``filter_*`` and chex's asserts, written with the smallest idiom each needs: mypy with the
plugin and pyright report nothing on them. ``*_naive.py`` are the same programs without the
idiom, with exactly the errors recorded below (docs/interop.md shows them per checker). Both
run under ``check``: every error below is a static false positive of the library's hints.

optax, chex and equinox are dev dependencies; flax (orbax, tensorstore) is not: its
signatures come from ``stubs/flax`` (copied from flax 0.12.8), so its cases are static only.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.checkers import BIN, CACHE, run_mypy

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.py"))
IDIOMS = [p for p in CASES if not p.stem.endswith("_naive")]
RUNNABLE = [p for p in CASES if not p.stem.startswith("flax")]

# (case, line, mypy code) for the naive programs: optax's hints (chex's ArrayTree) admit
# neither None leaves nor node classes, both ways; flax wants each collection a Mapping.
MYPY_NAIVE = [
    ("flax_linen_naive", 32, "dict-item"),
    ("flax_linen_naive", 32, "dict-item"),
    ("flax_linen_naive", 39, "dict-item"),
    ("flax_linen_naive", 39, "dict-item"),
    ("flax_linen_naive", 39, "return-value"),
    ("optax_step_naive", 22, "arg-type"),
    ("optax_step_naive", 30, "arg-type"),
    ("optax_step_naive", 31, "arg-type"),
    ("optax_step_naive", 31, "assignment"),
    ("optax_step_naive", 39, "return-value"),
]
PYRIGHT_NAIVE = [
    ("flax_linen_naive", 32, "reportArgumentType"),
    ("flax_linen_naive", 39, "reportArgumentType"),
    ("flax_linen_naive", 39, "reportReturnType"),
    ("optax_step_naive", 22, "reportArgumentType"),
    ("optax_step_naive", 30, "reportArgumentType"),
    ("optax_step_naive", 31, "reportArgumentType"),
    ("optax_step_naive", 31, "reportAssignmentType"),
    ("optax_step_naive", 39, "reportReturnType"),
]
_MYPY_LINE = re.compile(r"^cases/(\w+)\.py:(\d+): error: .*\[([a-z-]+)\]$")


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """cases/ and stubs/ next to a pyrightconfig.json (the source tree stays untouched)."""
    root = tmp_path_factory.mktemp("interop")
    for folder in ("cases", "stubs"):
        shutil.copytree(HERE / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    # flax is a stub only here: pyright would warn that its source is missing.
    config = {"typeCheckingMode": "standard", "stubPath": "stubs", "reportMissingModuleSource": "none"}
    (root / "pyrightconfig.json").write_text(json.dumps(config))
    return root


@pytest.fixture(scope="module")
def mypy_errors() -> list[tuple[str, int, str]]:
    """The config at its fixed path, so mypy's cache (optax, chex, jax) stays warm."""
    result = run_mypy(["cases"], cwd=HERE, config_file=HERE / "mypy.ini")
    found = [_MYPY_LINE.match(line) for line in result.output.splitlines()]
    assert all(found), result.output
    return sorted((m[1], int(m[2]), m[3]) for m in found if m)


@pytest.fixture(scope="module")
def pyright_errors(copy: Path) -> list[tuple[str, int, str]]:
    proc = subprocess.run(
        [str(BIN / "pyright"), "--pythonpath", str(BIN / "python"), "--outputjson", "cases"],
        cwd=copy, capture_output=True, text=True, check=False,
    )
    report = json.loads(proc.stdout)
    return sorted(
        (Path(d["file"]).stem, d["range"]["start"]["line"] + 1, d.get("rule", ""))
        for d in report["generalDiagnostics"]
    )


def test_the_idioms_pass_mypy_with_the_plugin(mypy_errors: list[tuple[str, int, str]]) -> None:
    assert [e for e in mypy_errors if not e[0].endswith("_naive")] == []


def test_the_idioms_pass_pyright(pyright_errors: list[tuple[str, int, str]]) -> None:
    assert [e for e in pyright_errors if not e[0].endswith("_naive")] == []


def test_without_the_idioms_mypy_reports_exactly_these(mypy_errors: list[tuple[str, int, str]]) -> None:
    assert [e for e in mypy_errors if e[0].endswith("_naive")] == MYPY_NAIVE


def test_without_the_idioms_pyright_reports_exactly_these(
    pyright_errors: list[tuple[str, int, str]],
) -> None:
    assert [e for e in pyright_errors if e[0].endswith("_naive")] == PYRIGHT_NAIVE


def test_every_library_has_an_idiom_and_a_naive_version() -> None:
    stems = {p.stem for p in CASES}
    assert {p.stem for p in IDIOMS} == {"optax_step", "flax_linen", "equinox_filter", "chex_asserts"}
    assert {"optax_step_naive", "flax_linen_naive"} <= stems


def test_cases_run_under_check() -> None:
    """The idioms change nothing at run time, and the naive programs are correct there
    (one interpreter: jax and optax are imported once)."""
    script = "import runpy, sys\nfor path in sys.argv[1:]:\n    runpy.run_path(path, run_name='__main__')\n"
    proc = subprocess.run(
        [sys.executable, "-c", script, *map(str, RUNNABLE)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert [p.stem for p in RUNNABLE] == [
        "chex_asserts", "equinox_filter", "optax_step", "optax_step_naive"
    ]


def test_mypy_without_follow_untyped_imports_skips_optax_and_chex() -> None:
    """optax and chex ship no py.typed: without the config line mypy sees ``Any`` (and says so)."""
    folder = CACHE / "interop-plain"  # a fixed path: mypy's cache stays warm
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "mypy.ini"
    config.write_text("[mypy]\nplugins = batchtyping_mypy\n", encoding="utf-8")
    cases = [HERE / "cases" / "optax_step_naive.py", HERE / "cases" / "chex_asserts.py"]
    result = run_mypy(cases, config_file=config)
    found = re.findall(r"^.*/(\w+)\.py:\d+: error: .*\[([a-z-]+)\]$", result.output, re.M)
    assert found == [("chex_asserts", "import-untyped"), ("optax_step_naive", "import-untyped")], (
        result.output
    )
