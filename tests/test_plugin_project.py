"""The realistic project under tests/plugin_project: it checks clean, it runs, and every seeded
mistake in its mistakes/ companion is reported exactly.

``clean/jaxmodels`` is a small JAX model library annotated with the batchtyping aliases; it
must pass mypy --strict with and without the plugin, and pyright strict (minus
``reportUnknownMemberType``, which jax's own signatures trip), and train under
``batchtyping.check``. ``mistakes/`` holds a few modules importing it, each seeding mistakes
the plugin reports; ``mistakes/expected.txt`` lists every error, exactly.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys

import pytest

from tests.checkers import REPO, Result, run_mypy, run_pyright

PROJECT = REPO / "tests" / "plugin_project"
CLEAN = PROJECT / "clean"
MISTAKES = PROJECT / "mistakes"
CRASH = re.compile(r"INTERNAL ERROR|Traceback")


def _lines(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if line.strip()]


@pytest.mark.parametrize("config", ["mypy.ini", "mypy-plugin.ini"], ids=["plain", "plugin"])
def test_clean_project_checks_clean_under_mypy(config: str) -> None:
    result = run_mypy(["jaxmodels"], cwd=CLEAN, config_file=CLEAN / config)
    assert not CRASH.search(result.output), result.output
    assert _lines(result) == [], result.output
    assert result.returncode == 0, result.output


def test_clean_project_checks_clean_under_pyright() -> None:
    config = json.loads((CLEAN / "pyrightconfig.json").read_text())
    result = run_pyright(["jaxmodels"], config, cwd=CLEAN)
    assert "0 errors, 0 warnings, 0 informations" in result.output, result.output
    assert result.returncode == 0, result.output


def _expected() -> list[str]:
    text = (MISTAKES / "expected.txt").read_text()
    return sorted(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def test_every_seeded_mistake_is_reported_exactly() -> None:
    modules = sorted(p.name for p in MISTAKES.glob("*.py"))
    result = run_mypy(modules, cwd=MISTAKES, config_file=MISTAKES / "mypy.ini")
    assert not CRASH.search(result.output), result.output
    assert sorted(_lines(result)) == _expected(), result.output


def test_expected_errors_name_seeded_lines() -> None:
    """Expected errors sit on ``# seeded:`` lines, and every seeded line is reported."""
    expected = {(line.split(":")[0], int(line.split(":")[1])) for line in _expected()}
    seeded = {
        (path.name, number)
        for path in MISTAKES.glob("*.py")
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if "# seeded:" in text
    }
    assert expected <= seeded, f"expected errors on lines not marked seeded: {sorted(expected - seeded)}"
    assert seeded <= expected, f"seeded, but not reported: {sorted(seeded - expected)}"


@pytest.fixture
def jaxmodels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(CLEAN))


@pytest.mark.parametrize("residual", [False, True], ids=["mlp-batchnorm", "residual-dropout"])
def test_clean_project_trains_under_runtime_checks(jaxmodels: None, residual: bool) -> None:
    from jaxmodels.experiment import run

    overrides = {"batch_size": 12, "hidden": [8], "dropout_rate": 0.1 if residual else 0.0}
    report = run(overrides, num_examples=32, residual=residual)
    assert len(report.losses) == 2
    assert all(math.isfinite(value) for value in report.losses)
    assert set(report.metrics) == {"mse", "r2"}
    assert report.raw_features == 5 + 16
    assert report.input_shape == (5 + 16 // 2 + 1,)


def test_clean_project_runtime_checks_are_on(jaxmodels: None) -> None:
    """The same code rejects, at run time, a mistake the plugin reports statically."""
    import jax.numpy as jnp
    from jaxtyping import TypeCheckError

    from jaxmodels.scalers import standardize

    pair = (jnp.ones((4, 2)), jnp.ones((4, 3)))
    with pytest.raises(TypeCheckError, match="standardize"):
        standardize(pair, (jnp.zeros(2),), (jnp.ones(2),))


def test_mypy_overhead_benchmark_runs() -> None:
    """A smoke run of benchmarks/mypy_overhead.py: it generates, measures and prints its table."""
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "mypy_overhead.py"), "--sizes", "3", "--repeat", "1"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    header, rule, row = proc.stdout.strip().splitlines()
    assert set(rule) <= {"|", "-", ":"}
    names = [cell.strip() for cell in header.strip("|").split("|")]
    cells = dict(zip(names, (cell.strip() for cell in row.strip("|").split("|")), strict=True))
    assert cells["modules"] == "3"
    assert cells["plugin CPU ms per added module"] == cells["added modules CPU ratio"] == "-"
    for column in ("cold plain s", "cold plugin s", "cold ratio", "cold plain CPU s", "cold plugin CPU s",
                   "cold CPU ratio", "incr plain s", "incr plugin s", "incr ratio", "incr CPU ratio"):
        assert float(cells[column]) > 0, column
