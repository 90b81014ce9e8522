"""The plugin and the stubs under the oldest and the newest mypy of the declared range.

The range is the ``mypy`` extra in pyproject.toml. The newest is the project's own mypy;
the oldest is installed with pip into ``.cache/mypy-<version>/`` on first use.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.checkers import BIN, CACHE, REPO

SAMPLE = REPO / "tests" / "plugin" / "versions" / "sample.py"


def declared_range() -> tuple[str, str]:
    extra = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    (spec,) = [s for s in extra["mypy"] if s.startswith("mypy")]
    oldest = re.search(r">=\s*([\d.]+)", spec)
    below = re.search(r"<\s*([\d.]+)", spec)
    assert oldest and below, spec
    return oldest.group(1), below.group(1)


def oldest_mypy(version: str) -> Path:
    venv = CACHE / f"mypy-{version}"
    python = venv / "bin" / "python"
    if not (venv / "bin" / "mypy").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", f"mypy=={version}"], check=True
        )
    return venv / "bin" / "mypy"


def expected() -> list[str]:
    lines = SAMPLE.read_text().splitlines()
    return [
        f"{SAMPLE.name}:{number}: [{m.group(1)}]"
        for number, line in enumerate(lines, start=1)
        if (m := re.search(r"# expect: ([\w-]+)", line))
    ]


def reported(mypy: Path, version_tag: str, tmp_path: Path) -> list[str]:
    sample = tmp_path / SAMPLE.name
    sample.write_text(SAMPLE.read_text())
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nplugins = batchtyping_mypy\nstrict = True\n")
    env = {
        **os.environ,
        # The plugin is imported by this mypy's interpreter, the code's packages come from ours.
        "PYTHONPATH": os.pathsep.join(str(REPO / d) for d in ("mypy_plugin", "stubs")),
    }
    proc = subprocess.run(
        [
            str(mypy), "--config-file", str(config), "--python-executable", str(BIN / "python"),
            "--cache-dir", str(CACHE / f"mypy-versions-{version_tag}"), "--no-error-summary",
            "--show-error-codes", "--show-traceback", sample.name,
        ],
        cwd=tmp_path, capture_output=True, text=True, env=env, check=False,
    )
    out = proc.stdout + proc.stderr
    found = re.findall(r"^(\S+\.py:\d+): error: .*\[([\w-]+)\]$", out, flags=re.M)
    assert "Traceback" not in out and "INTERNAL ERROR" not in out, out
    return [f"{Path(where).name}: [{code}]" for where, code in found]


def test_oldest_supported_mypy(tmp_path: Path) -> None:
    oldest, _ = declared_range()
    assert reported(oldest_mypy(oldest), oldest, tmp_path) == expected()


def test_newest_supported_mypy(tmp_path: Path) -> None:
    import mypy.version

    _, below = declared_range()
    newest = tuple(int(p) for p in mypy.version.__version__.split("+")[0].split(".")[:2])
    assert newest < tuple(int(p) for p in below.split(".")[:2])
    assert reported(BIN / "mypy", "newest", tmp_path) == expected()
