"""``batchtyping trace`` then ``batchtyping apply`` on a small script, end to end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MINI = Path(__file__).parent / "mini"


def batchtyping(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "batchtyping_codemods.cli", *args],
        cwd=cwd, capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": ""},
    )


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project, traced once (its pristine sources are copied per test)."""
    root = tmp_path_factory.mktemp("traced")
    shutil.copytree(MINI / "shop", root / "shop")
    shutil.copy(MINI / "main.py", root)
    proc = batchtyping("trace", "--module", "shop", "--db", "trace.sqlite", "--", "main.py", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "batchtyping trace: recorded 28 call(s) of 9 function(s) in trace.sqlite" in proc.stderr
    return root


@pytest.fixture
def project(traced: Path, tmp_path: Path) -> Path:
    shutil.copytree(traced, tmp_path / "p")
    return tmp_path / "p"


def test_apply_writes_the_expected_annotations(project: Path) -> None:
    proc = batchtyping("apply", "--db", "trace.sqlite", "--no-verify", "shop", "main.py", cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert (project / "shop" / "ops.py").read_bytes() == (MINI / "ops.expected.py").read_bytes()
    assert proc.stderr.splitlines()[0] == "batchtyping apply: 1 file(s) changed, 2 unchanged, 0 skipped, 0 error(s)"
    assert "  DataFixedT: 2\n" in proc.stderr
    assert "skipped: features: inputs: Data fits the calls, but not the body: no narrow Data alias allows `inputs[\"a\"]` (line 20)" in proc.stderr
    assert "shop/ops.py: skipped: dense.<locals>.forward: rng: no alias fits (role rng; seen: none)" in proc.stderr
    # Idempotent: existing annotations are kept, nothing left to do.
    again = batchtyping("apply", "--db", "trace.sqlite", "--no-verify", "shop", cwd=project)
    assert again.returncode == 0, again.stderr
    # The annotations hold at run time for the calls they were inferred from.
    run = subprocess.run(
        [sys.executable, "-c", "from jaxtyping import install_import_hook\n"
         "install_import_hook('shop', 'beartype.beartype')\nimport runpy\nrunpy.run_path('main.py')"],
        cwd=project, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr


def test_diff_and_check_write_nothing(project: Path) -> None:
    before = (project / "shop" / "ops.py").read_text()
    diff = batchtyping("apply", "--db", "trace.sqlite", "--no-verify", "--diff", "shop", cwd=project)
    assert diff.returncode == 1
    assert "+def center(x: RealDataFixedT, mean: BatchlessRealDataFixed) -> RealDataFixedT:" in diff.stdout
    check = batchtyping("apply", "--db", "trace.sqlite", "--no-verify", "--check", "shop", cwd=project)
    assert check.returncode == 1
    assert "would change: shop/ops.py" in check.stderr
    assert (project / "shop" / "ops.py").read_text() == before


def test_missing_database_is_an_error(project: Path) -> None:
    proc = batchtyping("apply", "--db", "nope.sqlite", "shop", cwd=project)
    assert proc.returncode == 2
    assert "nope.sqlite: no trace database (run `batchtyping trace` first)" in proc.stderr


def test_bad_conventions_are_a_usage_error(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.batchtyping.codemods.annotate]\nparameters = { x = 'Nope' }\n")
    proc = batchtyping("apply", "--db", "trace.sqlite", "shop", cwd=project)
    assert proc.returncode == 2
    assert "parameters.x: 'Nope' is not a batchtyping alias" in proc.stderr


def test_report(traced: Path) -> None:
    proc = batchtyping("trace", "--report", "--db", "trace.sqlite", cwd=traced)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("shop.ops:scale "))
    assert lines[start].endswith("ops.py:7): 6 call(s) recorded of 6 seen")
    assert lines[start + 1:start + 4] == ["    x: DataFixedT", "    factor: -", "    return: DataFixedT"]
    assert any(line.endswith("3 call(s) recorded of 3 seen, 3 traced by jit/vmap/grad") for line in lines)
    assert "    return: ModuleCallable[DictParams, DictState, ArrayData]" in lines


def test_trace_needs_a_command(tmp_path: Path) -> None:
    proc = batchtyping("trace", cwd=tmp_path)
    assert proc.returncode == 2
    assert "give a command after `--`, or --report" in proc.stderr


def test_trace_passes_the_command_exit_code_and_records_subprocesses(tmp_path: Path) -> None:
    (tmp_path / "lib.py").write_text("def f(x):\n    return x\n")
    (tmp_path / "child.py").write_text("import lib\nlib.f(1)\n")
    (tmp_path / "parent.py").write_text(
        "import subprocess, sys\nsubprocess.run([sys.executable, 'child.py'], check=True)\nsys.exit(3)\n"
    )
    proc = batchtyping("trace", "--", "parent.py", cwd=tmp_path)
    assert proc.returncode == 3
    assert "recorded 1 call(s) of 1 function(s)" in proc.stderr


def test_a_shadowed_sitecustomize_still_runs(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text("import builtins\nbuiltins.CUSTOMIZED = True\n")
    (tmp_path / "show.py").write_text("print(CUSTOMIZED)\n")
    proc = subprocess.run(
        [sys.executable, "-m", "batchtyping_codemods.cli", "trace", "--", "show.py"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
    )
    assert (proc.returncode, proc.stdout) == (0, "True\n"), proc.stderr
