"""The hooks of ``.pre-commit-hooks.yaml`` run through ``pre-commit try-repo``.

pre-commit installs the hook environment from a git revision, so this runs the committed
HEAD (cloned once into ``.cache/pre-commit/``; the environment is cached there as well).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    clone = CACHE / "pre-commit" / f"repo-{sha[:12]}"
    if not clone.exists():
        _git("clone", "--quiet", str(REPO), str(clone), cwd=REPO)
        _git("checkout", "--quiet", sha, cwd=clone)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(CACHE / "pre-commit"),
        "MYPY_CACHE_DIR": str(CACHE / "mypy" / "pre-commit-sample"),
    }
    cmd = [str(Path(sys.executable).parent / "pre-commit"), "try-repo", str(clone), "--ref", sha, *args]
    return subprocess.run(cmd, cwd=sample, env=env, capture_output=True, text=True, check=False)


def test_manifest_declares_a_hook_per_command() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == HOOKS
    for hook in hooks:
        assert hook["entry"] == "batchtyping " + hook["id"].removeprefix("batchtyping-")
        assert (hook["language"], hook["types_or"]) == ("python", ["python", "pyi"])


def test_hooks_through_try_repo(tmp_path: Path) -> None:
    sample = tmp_path / "sample"
    sample.mkdir()
    _git("init", "--quiet", cwd=sample)
    (sample / "m.py").write_text(SAMPLE)
    (sample / "notes.txt").write_text("not python\n")
    _git("add", ".", cwd=sample)

    # Zero Python files: every hook is skipped, the run passes.
    quiet = _try_repo(sample, "--files", "notes.txt")
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    for hook in HOOKS:
        assert f"{hook.replace('-', ' ', 1)}" in quiet.stdout
    assert quiet.stdout.count("(no files to check)Skipped") == len(HOOKS)

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
    assert (sample / "m.py").read_text() == (
        "from batchtyping import check, Params\n\n\n"
        "@check\ndef f(params: Params, a: dict[str, int]) -> None:\n    pass\n"
    )
