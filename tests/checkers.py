"""Run the static checkers the way the tests need them: one call per file set, shared caches.

mypy's cache lives in ``.cache/mypy/<flags-hash>`` so that every test (and every xdist
worker) running the same configuration reuses one warm cache: a cold mypy run over code
importing jax costs seconds, a warm one well under one.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".cache"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Result:
    returncode: int
    output: str


def _run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    proc = subprocess.run(
        cmd,
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return Result(proc.returncode, proc.stdout + proc.stderr)


def mypy_cache_dir(flags: list[str]) -> Path:
    key = hashlib.sha256(json.dumps(sorted(flags)).encode()).hexdigest()[:12]
    return CACHE / "mypy" / key


def run_mypy(
    paths: list[str | Path],
    flags: list[str] = (),  # type: ignore[assignment]
    cwd: Path | None = None,
    config_file: str | Path | None = None,
) -> Result:
    """mypy on ``paths`` with ``flags``; ``--config-file`` defaults to none at all."""
    flags = list(flags)
    config = ["--config-file", str(config_file)] if config_file else ["--config-file", ""]
    cache = mypy_cache_dir([*flags, *config])
    cmd = [
        str(BIN / "python"), "-m", "mypy", *config, "--cache-dir", str(cache),
        "--no-error-summary", "--show-error-codes", "--no-pretty", "--hide-error-context",
        *flags, *map(str, paths),
    ]
    return _run(cmd, cwd=cwd)


def run_pyright(paths: list[str | Path], config: dict[str, object], cwd: Path) -> Result:
    """pyright on ``paths`` with a pyrightconfig.json written into ``cwd``."""
    (cwd / "pyrightconfig.json").write_text(json.dumps(config))
    cmd = [str(BIN / "pyright"), "--pythonpath", str(BIN / "python"), *map(str, paths)]
    return _run(cmd, cwd=cwd)
