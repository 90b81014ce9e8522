"""The codemods under the oldest and the newest libcst of the declared range.

The range is the ``codemods`` extra in pyproject.toml. The newest is the project's own
libcst; the oldest is installed with pip into ``.cache/libcst-<version>/`` on first use and
put first on ``PYTHONPATH``. Both run every codemod fixture byte for byte, and the module
that leans on libcst internals (``cst/libcst_compat.py``) with them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.checkers import CACHE, REPO

TESTS = ["tests/codemods/test_fixtures.py", "tests/codemods/commands/annotate/test_fixtures.py"]


def declared_range() -> tuple[str, str]:
    extra = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    (spec,) = [s for s in extra["codemods"] if s.startswith("libcst")]
    oldest = re.search(r">=\s*([\d.]+)", spec)
    below = re.search(r"<\s*([\d.]+)", spec)
    assert oldest and below, spec
    return oldest.group(1), below.group(1)


def oldest_libcst(version: str) -> Path:
    target = CACHE / f"libcst-{version}"
    if not (target / "libcst").is_dir():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
             f"libcst=={version}"],
            check=True,
        )
    return target


def run_fixtures(first_on_path: Path | None) -> tuple[str, str]:
    """(libcst version seen, pytest output) of the fixture tests in a fresh interpreter."""
    env = dict(os.environ)
    if first_on_path is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(first_on_path), env.get("PYTHONPATH", "")])
    version = subprocess.run(
        [sys.executable, "-c", "import libcst._version as v; print(v.version)"],
        env=env, capture_output=True, text=True, check=True, cwd=REPO,
    ).stdout
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", *TESTS],
        env=env, capture_output=True, text=True, check=False, cwd=REPO,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    return version, proc.stdout


def test_oldest_supported_libcst() -> None:
    oldest, _ = declared_range()
    version, out = run_fixtures(oldest_libcst(oldest))
    assert oldest in version, version
    assert re.search(r"\d+ passed", out) and "failed" not in out, out


def test_newest_supported_libcst() -> None:
    import importlib.metadata

    _, below = declared_range()
    installed = importlib.metadata.version("libcst")
    newest = tuple(int(p) for p in installed.split(".")[:2])
    assert newest < tuple(int(p) for p in below.split(".")[:2])
    version, out = run_fixtures(None)
    assert installed in version, version
    assert re.search(r"\d+ passed", out) and "failed" not in out, out
