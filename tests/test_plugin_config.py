"""The plugin's settings, end to end under the oldest and newest supported mypy: read from
pyproject.toml or from mypy.ini/setup.cfg; a bad file, key or value is one line naming the
file, section and key, and mypy carries on (issue 16 item 2, issue 18 item 10)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.checkers import BIN, CACHE, REPO
from tests.test_plugin_versions import declared_range, oldest_mypy

CODE = """\
from batchtyping import BatchlessDataFixed, ComplexDataFixed, RealDataFixed

def real(x: RealDataFixed) -> None: ...

def f(xb: BatchlessDataFixed, c: ComplexDataFixed) -> None:
    real(xb)
    real(c)
"""
DIM = 'a.py:6: error: Argument "x" to "real" is batchless ("BatchlessDataFixed") where batched data ("RealDataFixed") is expected  [batch-dim]'
DTYPE = 'a.py:7: error: Argument "x" to "real" has complex leaves ("ComplexDataFixed") where real leaves ("RealDataFixed") are expected  [batch-dtype]'
PLUGIN = "[mypy]\nplugins = batchtyping_mypy\n"
CODES = "batch-dim, batch-dtype, batch-jit, batch-leaf, batch-module, batch-pytree, batch-structure"


def _mypy(which: str, folder: Path, config: str) -> tuple[list[str], list[str], int]:
    """mypy's stdout and stderr lines and exit code; one cache per mypy and effective settings
    (a settings change re-checks everything, jax included)."""
    from batchtyping_mypy.config import load

    cache = CACHE / "mypy-config" / f"{which}-{load(str(folder / config)).digest()}"
    if which == "newest":
        mypy, env = BIN / "mypy", dict(os.environ)
    else:
        mypy = oldest_mypy(declared_range()[0])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(REPO / d) for d in ("mypy_plugin", "stubs"))}
    proc = subprocess.run(
        [str(mypy), "--config-file", config, "--python-executable", str(BIN / "python"),
         "--cache-dir", str(cache), "--no-error-summary", "--show-error-codes",
         "--no-pretty", "a.py"],
        cwd=folder, capture_output=True, text=True, env=env, check=False,
    )
    return proc.stdout.splitlines(), proc.stderr.splitlines(), proc.returncode


# (files, config file, expected stdout, expected stderr)
CASES = {
    "ini_section": (
        {"mypy.ini": PLUGIN + "[batchtyping-mypy]\ndisable_codes = batch-dim,\n    batch-leaf\n"},
        "mypy.ini", [DTYPE], [],
    ),
    "setup_cfg_section": (
        {"setup.cfg": PLUGIN + "[batchtyping-mypy]\ndisable_codes = batch-dtype\n"}, "setup.cfg", [DIM], [],
    ),
    "pyproject_table": (
        {"pyproject.toml": '[tool.mypy]\nplugins = ["batchtyping_mypy"]\n\n'
                           '[tool.batchtyping.mypy]\ndisable_codes = ["batch-dim"]\n'},
        "pyproject.toml", [DTYPE], [],
    ),
    "pyproject_next_to_an_ini": (
        {"mypy.ini": PLUGIN, "pyproject.toml": '[tool.batchtyping.mypy]\ndisable_codes = ["batch-dtype"]\n'},
        "mypy.ini", [DIM], [],
    ),
    "unknown_key_and_code_in_an_ini": (
        {"mypy.ini": PLUGIN + "[batchtyping-mypy]\ncolour = red\ndisable_codes = batch-dim, batch-nope\n"},
        "mypy.ini", [DTYPE],
        ['mypy.ini: [batchtyping-mypy]: unknown key "colour" (ignored); valid keys: disable_codes, node_classes',
         f'mypy.ini: [batchtyping-mypy]: disable_codes: unknown code "batch-nope" (ignored); valid codes: {CODES}'],
    ),
    "bad_value_in_pyproject": (
        {"pyproject.toml": '[tool.mypy]\nplugins = ["batchtyping_mypy"]\n\n'
                           '[tool.batchtyping.mypy]\ndisable_codes = "batch-dim"\n'},
        "pyproject.toml", [DIM, DTYPE],
        ['pyproject.toml: [tool.batchtyping.mypy]: disable_codes must be a list of strings, '
         'like disable_codes = ["..."] (ignored)'],
    ),
    "malformed_pyproject_next_to_an_ini": (
        {"mypy.ini": PLUGIN, "pyproject.toml": "[tool.batchtyping.mypy\n"}, "mypy.ini", [DIM, DTYPE],
        ["pyproject.toml: not read (Expected ']' at the end of a table declaration (at line 1, column 23)); "
         "the plugin uses its defaults"],
    ),
    "non_utf8_pyproject_next_to_an_ini": (
        {"mypy.ini": PLUGIN, "pyproject.toml": b"# \xff\n[tool.batchtyping.mypy]\n"}, "mypy.ini", [DIM, DTYPE],
        ["pyproject.toml: not read ('utf-8' codec can't decode byte 0xff in position 2: invalid start byte); "
         "the plugin uses its defaults"],
    ),
    "unknown_key_in_pyproject_next_to_an_ini": (
        {"mypy.ini": PLUGIN, "pyproject.toml": "[tool.batchtyping.mypy]\ncolor = 1\n"}, "mypy.ini", [DIM, DTYPE],
        ['pyproject.toml: [tool.batchtyping.mypy]: unknown key "color" (ignored); '
         "valid keys: disable_codes, node_classes"],
    ),
}


OLDEST = ("ini_section", "unknown_key_and_code_in_an_ini", "malformed_pyproject_next_to_an_ini",
          "non_utf8_pyproject_next_to_an_ini")


@pytest.mark.parametrize(
    ("case", "which"), [(case, "newest") for case in sorted(CASES)] + [(case, "oldest") for case in OLDEST]
)
def test_settings_and_bad_settings(tmp_path: Path, case: str, which: str) -> None:
    files, config, out, err = CASES[case]
    (tmp_path / "a.py").write_text(CODE)
    for name, content in files.items():
        target = tmp_path / name
        target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content)
    stdout, stderr, returncode = _mypy(which, tmp_path, config)
    assert stdout == out
    assert [line.replace(f"{tmp_path}/", "") for line in stderr] == err
    assert returncode == 1
