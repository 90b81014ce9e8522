"""Trace the example project's test suite, apply, then check the result every way there is.

mypy with the plugin and pyright report no error on the annotated project, and its own
tests still pass with runtime checks on every annotated function (jaxtyping's import hook
with beartype).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.checkers import CACHE, REPO, run_pyright
from tests.codemods.helpers import only_signature_lines_changed, skeleton

EXAMPLE = REPO / "examples"


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          check=False, env={**os.environ, **(env or {})})


def test_trace_apply_check_and_test_the_example(tmp_path: Path) -> None:
    project = tmp_path / "example"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__", ".*cache*"))
    cli = ("-m", "batchtyping_codemods.cli")

    traced = _run(*cli, "trace", "--module", "tinynet", "--db", "trace.sqlite", "--",
                  "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    assert traced.returncode == 0, traced.stdout + traced.stderr
    assert re.search(r"recorded \d+ call\(s\) of \d+ function\(s\)", traced.stderr)

    mypy_cache = CACHE / "mypy" / "trace-example"
    applied = _run(*cli, "apply", "--db", "trace.sqlite", "-j", "1", "tinynet", cwd=project,
                   env={"MYPY_CACHE_DIR": str(mypy_cache)})
    assert applied.returncode == 1, applied.stderr
    summary = applied.stderr.splitlines()
    assert summary[0].endswith(" 0 skipped, 0 error(s)"), summary[0]
    added = sum(int(n) for n in re.findall(r"^  [\w\[\], ]+: (\d+)$", applied.stderr, re.M))
    assert added >= 40, applied.stderr
    for path in sorted((project / "tinynet").glob("*.py")):  # annotations and imports only
        before, after = (EXAMPLE / "tinynet" / path.name).read_text(), path.read_text()
        assert skeleton(before) == skeleton(after), path.name
        only_signature_lines_changed(before, after)
    layers = (project / "tinynet" / "layers.py").read_text()
    # Forward passes and the closures returning them, with the containers the calls showed.
    assert re.search(r"def \w+\(hyperparams: HyperParams\) -> ModuleCallable\[DictParams, DictState, ArrayData\]:", layers)
    assert "def forward(params: DictParams, data: ArrayData, training: bool, state: DictState, rng)" in layers

    # The project's tests under runtime checks, while the checkers run.
    checked = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning",
         "--jaxtyping-packages=tinynet,beartype.beartype"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        mypy = subprocess.run(
            [sys.executable, "-m", "mypy", "--cache-dir", str(mypy_cache), "--no-error-summary",
             "tinynet", "tests"], cwd=project, capture_output=True, text=True, check=False,
        )  # the project's own configuration: the batchtyping plugin
        pyright = run_pyright([project / "tinynet"], {"pythonVersion": "3.11"}, cwd=project)
    finally:
        output, _ = checked.communicate(timeout=600)
    assert (mypy.returncode, mypy.stdout + mypy.stderr) == (0, "")
    assert pyright.returncode == 0, pyright.output
    assert "0 errors" in pyright.output
    assert checked.returncode == 0, output[-3000:]
