"""The plugin's own quality: mypy's proper_plugin over its code, incremental runs equal to a
cold run, and clear errors for a bad configuration."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.checkers import CACHE, REPO, run_mypy

PLUGIN = REPO / "mypy_plugin" / "batchtyping_mypy"


def test_proper_plugin_finds_no_unexpanded_types() -> None:
    """mypy's own rule for plugins: never isinstance() a type before get_proper_type()."""
    result = run_mypy([PLUGIN], config_file=REPO / "tests" / "plugin" / "proper_plugin.ini")
    assert result.returncode == 0, result.output


MODELS = '''
import jax
from jax import Array
from jaxtyping import Float, PyTree
from batchtyping import BatchlessDataFixed, DataFixed, Params, State

def per_example(p: Params, x: BatchlessDataFixed) -> BatchlessDataFixed:
    return x

vmapped = jax.vmap(per_example, in_axes=(None, 0))

class Scaler:
    def transform(self, x: DataFixed) -> DataFixed:
        return x

def raw(x: PyTree[Float[Array, "b"], " T"], y: PyTree[Float[Array, "b"], " T"]) -> None: ...

@jax.tree_util.register_static
class Static:
    pass
'''

TRAIN = '''
from jax import Array
from batchtyping import BatchlessDataFixed, DataFixed, Params, State
from {package}.models import Scaler, Static, per_example, raw, vmapped

def keep(s: State) -> None: ...

def step(p: Params, a: Array, xb: BatchlessDataFixed, xd: DataFixed) -> None:
    vmapped(p, xd)
    vmapped(p, xb)
    per_example(p, vmapped(p, xd))
    Scaler().transform(xb)
    raw((a,), [a])
    keep(Static())
    reveal_type(Scaler().transform((a, a)))

def example_as_batch(xb: BatchlessDataFixed) -> DataFixed:
    batch: DataFixed = xb
    return xb
'''


def _check(project: Path, cache: Path) -> list[str]:
    proc = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--config-file", str(project / "mypy.ini"),
            "--cache-dir", str(cache), "--no-error-summary", "--show-traceback", project.name,
        ],
        cwd=project.parent, capture_output=True, text=True, check=False,
    )
    return sorted((proc.stdout + proc.stderr).splitlines())


def test_incremental_and_dmypy_runs_match_the_cold_run(tmp_path: Path) -> None:
    """Cached runs, re-checks after edits and the daemon all report what a cold run reports.

    One test, one cache: warm for jax, cold for the project (new module names each time).
    """
    package = f"inc_{uuid.uuid4().hex[:8]}"
    project = tmp_path / package
    project.mkdir()
    (project / "__init__.py").write_text("")
    (project / "models.py").write_text(MODELS)
    (project / "train.py").write_text(TRAIN.format(package=package))
    cache = CACHE / "mypy" / "plugin-incremental"
    (project / "mypy.ini").write_text(f"[mypy]\nplugins = batchtyping_mypy\ncache_dir = {cache}\n")

    cold = _check(project, cache)
    assert len([line for line in cold if "[batch-" in line]) == 6, cold  # 2 in a return, an assignment
    assert len([line for line in cold if ": error:" in line]) == 6, cold
    assert any('Revealed type is "tuple[' in line for line in cold), cold
    assert _check(project, cache) == cold  # everything from the cache
    (project / "train.py").write_text(TRAIN.format(package=package) + "\n# edited\n")
    assert _check(project, cache) == cold  # models from the cache, train rechecked
    (project / "models.py").write_text(MODELS + "\n# edited\n")
    assert _check(project, cache) == cold  # both rechecked

    status = tmp_path / "dmypy.json"
    dmypy = [sys.executable, "-m", "mypy.dmypy", "--status-file", str(status)]

    def daemon_check() -> list[str]:
        proc = subprocess.run(
            [*dmypy, "run", "--timeout", "300", "--", "--config-file",
             str(project / "mypy.ini"), "--no-error-summary", project.name],
            cwd=tmp_path, capture_output=True, text=True, check=False,
        )
        lines = (proc.stdout + proc.stderr).splitlines()
        return sorted(line for line in lines if not line.startswith("Daemon started"))

    try:
        assert daemon_check() == cold  # the daemon's first check
        (project / "train.py").write_text(TRAIN.format(package=package) + "\n# again\n")
        assert daemon_check() == cold  # its fine-grained re-check
        # A def gains an alias while the daemon runs: calls to it are checked from then on
        # (the plugin remembers a project name's hook answer per declared type object).
        subprocess.run([*dmypy, "stop"], cwd=tmp_path, capture_output=True, check=False)
        loose = MODELS.replace("import jax\n", "import jax\nfrom typing import Any\n", 1)
        loose = loose.replace("transform(self, x: DataFixed)", "transform(self, x: Any)")
        (project / "models.py").write_text(loose)
        dropped = [line for line in cold if '"transform" of "Scaler"' in line]
        assert len(dropped) == 1 and "[batch-dim]" in dropped[0], cold
        batch = [line for line in daemon_check() if "[batch-" in line]
        assert batch == [line for line in cold if "[batch-" in line and line not in dropped]
        (project / "models.py").write_text(MODELS)
        assert daemon_check() == cold
    finally:
        subprocess.run([*dmypy, "stop"], cwd=tmp_path, capture_output=True, check=False)


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ('disable_codes = ["batch-nope"]', 'disable_codes: unknown code "batch-nope" (ignored); valid codes: '
         "batch-dim, batch-dtype, batch-jit, batch-leaf, batch-module, batch-pytree, batch-structure"),
        ("node_classes = 3", 'node_classes must be a list of strings, like node_classes = ["..."] (ignored)'),
        ("colour = 1", 'unknown key "colour" (ignored); valid keys: disable_codes, node_classes'),
    ],
)
def test_a_bad_config_names_file_and_key(tmp_path: Path, table: str, problem: str) -> None:
    from batchtyping_mypy.config import load

    pyproject = tmp_path / "pyproject.toml"
    good = 'disable_codes = ["batch-leaf"]' if table.startswith("node") else 'node_classes = ["a.B"]'
    pyproject.write_text(f"[tool.batchtyping.mypy]\n{table}\n{good}\n")
    config = load(str(pyproject))
    assert config.problems == (f"{pyproject}: [tool.batchtyping.mypy]: {problem}",)
    assert config.node_classes | config.disabled_codes in ({"a.B"}, {"batch-leaf"})  # the rest counts


def test_config_is_read_next_to_an_ini_file(tmp_path: Path) -> None:
    from batchtyping_mypy.config import load

    (tmp_path / "pyproject.toml").write_text('[tool.batchtyping.mypy]\nnode_classes = ["a.B"]\n')
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    config = load(str(tmp_path / "mypy.ini"))
    assert config.node_classes == {"a.B"} and config.enabled("batch-dim")


def test_a_file_parsed_again_replaces_its_markers() -> None:
    """dmypy parses an edited file again: its old markers are forgotten, not kept forever."""
    from mypy.errors import Errors
    from mypy.options import Options
    from mypy.parse import parse

    from batchtyping_mypy.calls import CallChecker
    from batchtyping_mypy.config import load
    from batchtyping_mypy.mypy_api import Reporter
    from batchtyping_mypy.statements import Statements

    source = "from batchtyping import Params\n\n\ndef f(x: Params) -> Params:\n    y: Params = x\n    return y\n"
    statements = Statements(CallChecker(Reporter(load(None))))
    for _ in range(2):
        options = Options()
        tree = parse(source, "project/model.py", "model", Errors(options), options, eager=True)
        statements.instrument(tree)
        assert len(statements.marked) == 2
