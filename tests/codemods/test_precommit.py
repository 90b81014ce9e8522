"""The hooks of ``.pre-commit-hooks.yaml`` run through ``pre-commit try-repo``.

pre-commit installs the hook environments from a git revision, so this runs the committed
HEAD; try-repo installs fresh environments on every call (~1 min): the package with its
codemods extra for migrate and add-checks, plus mypy for annotate and check.
tests/test_release.py runs the docs' configuration against a tagged clone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import tomllib

import yaml

from tests.checkers import CACHE, REPO

HOOKS = ["batchtyping-annotate", "batchtyping-migrate", "batchtyping-add-checks", "batchtyping-check"]
SAMPLE = """from typing import Dict

from batchtyping import Params


def f(params: Params, a: Dict[str, int]) -> None:
    pass
"""


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _try_repo(sample: Path, *args: str) -> subprocess.CompletedProcess[str]:
    sha = _git("rev-parse", "HEAD", cwd=REPO).strip()
    clone = sample.parent / "batchtyping"
    _git("clone", "--quiet", str(REPO), str(clone), cwd=REPO)
    env = {**os.environ, "MYPY_CACHE_DIR": str(CACHE / "mypy" / "pre-commit-sample")}
    cmd = [str(Path(sys.executable).parent / "pre-commit"), "try-repo", str(clone), "--ref", sha, *args]
    return subprocess.run(cmd, cwd=sample, env=env, capture_output=True, text=True, check=False)


def test_manifest_declares_a_hook_per_command() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == HOOKS
    for hook in hooks:
        assert hook["entry"] == "batchtyping " + hook["id"].removeprefix("batchtyping-")
        assert (hook["language"], hook["types_or"]) == ("python", ["python", "pyi"])
    # pre-commit runs `pip install . <additional_dependencies>` in the clone: the package's own
    # extras, no second list of versions; mypy only where the command runs it.
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert {h["id"]: h["additional_dependencies"] for h in hooks} == {
        "batchtyping-annotate": [".[codemods,mypy]"],
        "batchtyping-migrate": [".[codemods]"],
        "batchtyping-add-checks": [".[codemods]"],
        "batchtyping-check": [".[codemods,mypy]"],
    }
    assert {"codemods", "mypy"} <= set(extras)
    assert not any(dep.startswith("jax") for dep in extras["codemods"] + extras["mypy"])


def test_hooks_through_try_repo(tmp_path: Path) -> None:
    """One try-repo run (it installs a fresh environment each time): every hook on a sample."""
    sample = tmp_path / "sample"
    sample.mkdir()
    _git("init", "--quiet", cwd=sample)
    (sample / "m.py").write_text(SAMPLE)
    # The user's mypy config is honoured: not analysing jax keeps the run short.
    (sample / "mypy.ini").write_text(
        "[mypy]\n\n[mypy-jax.*,jaxlib.*,numpy.*,jaxtyping.*,scipy.*,ml_dtypes.*]\nfollow_imports = skip\n"
    )
    _git("add", ".", cwd=sample)

    run = _try_repo(sample, "--all-files")
    out = run.stdout
    assert run.returncode == 1, out
    status = {
        line.split(".")[0]: line.rsplit(".", 1)[1] for line in out.splitlines()
        if line.startswith("batchtyping ") and "..." in line
    }
    assert status == {
        "batchtyping annotate": "Passed",
        "batchtyping migrate": "Failed",
        "batchtyping add-checks": "Failed",
        "batchtyping check": "Passed",
    }, out
    assert "files were modified by this hook" in out
    assert (sample / "m.py").read_text() == (
        "from batchtyping import Params, check\n\n\n"
        "@check\ndef f(params: Params, a: dict[str, int]) -> None:\n    pass\n"
    )
