"""How big the pre-commit hook environments are, built by pre-commit from the docs' config.

    .venv/bin/python benchmarks/hook_env_size.py

Clones this repository's committed HEAD into a temporary folder, tags the clone
``v<version>`` (the real repository is left alone), writes the ``.pre-commit-config.yaml``
of docs/codemods.md with ``repo:`` pointing at the clone, lets pre-commit build every hook
environment and prints each one's size on disk and its largest distributions.
tests/test_release.py runs the same configuration through ``pre-commit run``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS_PAGE = REPO / "docs" / "codemods.md"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def version() -> str:
    text = (REPO / "stubs" / "batchtyping" / "_version.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    assert found, "no __version__ in stubs/batchtyping/_version.py"
    return found.group(1)


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def tagged_clone(dest: Path) -> Path:
    """A clone of the committed HEAD, tagged ``v<version>`` as a release would be."""
    _git("clone", "--quiet", str(REPO), str(dest), cwd=REPO)
    _git("-c", "user.name=t", "-c", "user.email=t@t", "tag", f"v{version()}", cwd=dest)
    return dest


def docs_config(clone: Path) -> str:
    """The docs' pre-commit config, verbatim but for ``repo:`` (the clone's path), with the
    page's second snippet (the slim ``annotate`` hook) put first in its ``hooks:`` list."""
    blocks = re.findall(r"^```yaml\n(.*?)^```", DOCS_PAGE.read_text(encoding="utf-8"), re.S | re.M)
    config, annotate = blocks
    config, replaced = re.subn(r"^(  - repo: )/path/to/batchtyping\b", rf"\g<1>{clone}", config, flags=re.M)
    assert replaced == 1, "docs/codemods.md: no `repo: /path/to/batchtyping` line"
    head, hooks = config.split("    hooks:\n")
    return f"{head}    hooks:\n{annotate}{hooks}"


@dataclass(frozen=True)
class HookEnv:
    additional_dependencies: tuple[str, ...]
    path: Path
    megabytes: float
    distributions: dict[str, float]  # name -> MB of its files


def hook_envs(pre_commit_home: Path) -> list[HookEnv]:
    """Every python environment pre-commit built under ``pre_commit_home``."""
    envs = []
    for state in sorted(pre_commit_home.glob("repo*/py_env-*/.install_state_v1")):
        env = state.parent
        deps = tuple(json.loads(state.read_text())["additional_dependencies"])
        envs.append(HookEnv(deps, env, _megabytes(env), _distributions(env)))
    return envs


def _megabytes(path: Path) -> float:
    """Disk usage, as ``du -s`` counts it."""
    return sum(p.lstat().st_blocks * 512 for p in path.rglob("*")) / 2**20


def _distributions(env: Path) -> dict[str, float]:
    sizes = {}
    for record in env.glob("lib/python*/site-packages/*.dist-info/RECORD"):
        site = record.parent.parent
        name = record.parent.name.split("-")[0].lower().replace("_", "-")
        files = [site / line.split(",")[0] for line in record.read_text().splitlines() if line]
        sizes[name] = sum(f.stat().st_size for f in files if f.is_file()) / 2**20
    return sizes


def with_default_hooks(config: str, clone: Path) -> str:
    """``config`` plus the manifest's own ``annotate`` (verified: codemods and mypy)."""
    return config + f"  - repo: {clone}\n    rev: v{version()}\n    hooks:\n      - id: batchtyping-annotate\n"


def install(config: str, project: Path, pre_commit_home: Path) -> None:
    project.mkdir(parents=True, exist_ok=True)
    _git("init", "--quiet", cwd=project)
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    subprocess.run(
        [str(PRE_COMMIT), "install-hooks"], cwd=project, check=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home)},
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        clone = tagged_clone(root / "batchtyping")
        install(with_default_hooks(docs_config(clone), clone), root / "project", root / "home")
        for env in hook_envs(root / "home"):
            largest = sorted(env.distributions.items(), key=lambda kv: -kv[1])[:6]
            print(f"{env.megabytes:7.1f} MB  additional_dependencies: {list(env.additional_dependencies)}")
            print("           largest: " + ", ".join(f"{n} {mb:.1f}" for n, mb in largest))


if __name__ == "__main__":
    main()
