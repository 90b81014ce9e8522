"""The plugin's YAML cases (pytest-mypy-plugins): one shared config and one warm mypy cache.

Each case runs mypy on a small file; with a cold cache that costs seconds (jax's own
modules), so every case of one xdist worker shares ``.cache/plugin-yaml/.mypy_cache/<worker>``,
and mypy runs in the test process (``--mypy-same-process``) to skip interpreter start-up.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.checkers import CACHE

HERE = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    option = config.option
    if not getattr(option, "mypy_ini_file", None) and not getattr(
        option, "mypy_pyproject_toml_file", None
    ):
        option.mypy_ini_file = str(HERE / "mypy.ini")
    base = CACHE / "plugin-yaml"
    base.mkdir(parents=True, exist_ok=True)
    option.mypy_testing_base = str(base)
    option.mypy_same_process = False
    # pytest-mypy-plugins insists on finding a `mypy` executable on PATH.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
