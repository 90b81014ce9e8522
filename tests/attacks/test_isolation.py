"""Attacks that make batchtyping run the project's code: modules shadowing the standard
library or mypy, plugins named in the project's mypy.ini, a checker that crashes; and
configurations and encodings that used to break the checker (multi-line ini values,
latin-1 files)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from batchtyping_codemods import cli, errors
from batchtyping_codemods.verify import isolation
from tests.checkers import CACHE

BIN = Path(sys.executable).parent
SKIP_JAX = "[mypy-jax.*,jaxlib.*,numpy.*,jaxtyping.*,scipy.*,ml_dtypes.*]\nfollow_imports = skip\n"
SHADOWS = ("mypy", "re", "json", "tomllib", "dataclasses", "sitecustomize")
"""(A ``typing.py`` is refused by mypy itself: "a user-defined top-level module with name
'typing' is not supported".)"""
MARK = 'open(__file__ + ".ran", "w").close()\n'
BAD = "def f(x: int) -> str:\n    return x\n"
BAD_ERROR = 'bad.py:2: error: Incompatible return value type (got "int", expected "str")  [return-value]'
FORWARD = "def forward(params, data, training, state, rng):\n    return data, state\n"
ANNOTATED = (
    "from typing import Any\n\nfrom batchtyping import Data, Params, State\n\n\n"
    "def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:\n"
    "    return data, state\n"
)


@pytest.fixture(autouse=True)
def shared_cache(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """One cache per test (each has its own config): warm from the second run on."""
    monkeypatch.setenv("MYPY_CACHE_DIR", str(CACHE / "mypy" / f"attacks-{request.node.originalname}"))
    monkeypatch.setenv(isolation.NO_PROJECT_PLUGINS, "")  # restored after the test, whatever it sets


def _project(root: Path, ini: str = "[mypy]\n") -> Path:
    (root / ".git").mkdir()
    (root / "mypy.ini").write_text(ini + SKIP_JAX)
    for name in SHADOWS:
        (root / f"{name}.py").write_text(MARK + ("raise SystemExit(0)\n" if name == "mypy" else ""))
    return root


def _ran(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob("*.ran"))


def _check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cache = f"--cache-dir {CACHE / 'mypy' / 'attacks-check'}"
    return subprocess.run([BIN / "batchtyping", "check", *args, "--mypy-args", cache], cwd=root,
                          capture_output=True, text=True, check=False)


def test_check_runs_the_real_mypy_next_to_shadowing_modules(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "bad.py").write_text(BAD)
    proc = _check(root, "bad.py")
    assert (proc.returncode, _ran(root)) == (errors.FINDINGS, [])
    assert proc.stdout.splitlines()[0] == BAD_ERROR


def test_verification_runs_the_real_mypy_next_to_shadowing_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    (root / "model.py").write_text(FORWARD)
    monkeypatch.chdir(root)
    assert cli.main(["annotate", "-j", "1", "model.py"]) == errors.FINDINGS, capsys.readouterr().err
    assert _ran(root) == []
    assert (root / "model.py").read_text() == ANNOTATED


def test_a_crashing_checker_is_not_a_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "mypy.ini").write_text("[mypy]\nplugins = crash_plugin.py\n")
    (tmp_path / "crash_plugin.py").write_text("raise SystemExit(1)  # mypy's exit code for 'errors found'\n")
    (tmp_path / "model.py").write_text(FORWARD)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["annotate", "-j", "1", "model.py"]) == errors.ERROR
    assert "error: model.py: not verified, mypy: exit code 1 (fix it, or pass --no-verify)" in capsys.readouterr().err
    assert (tmp_path / "model.py").read_text() == FORWARD


@pytest.mark.parametrize(
    ("code", "stdout", "crashed"),
    [(0, "", False), (1, "a.py:3: error: bad  [misc]\n", False), (1, "a.py:3:5: note: see\n", False),
     (1, "", True), (1, "Traceback (most recent call last):\n", True), (2, "", True), (-9, "", True)],
)
def test_only_a_clean_exit_or_reported_errors_are_a_verdict(code: int, stdout: str, crashed: bool) -> None:
    proc = subprocess.CompletedProcess(["mypy"], code, stdout, "")
    assert (isolation.crashed(proc) is not None) is crashed


EVIL = MARK + "from mypy.plugin import Plugin\n\n\ndef plugin(version):\n    return Plugin\n"


def test_project_plugins_load_only_when_allowed(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "mypy.ini").write_text("[mypy]\nplugins = evil_plugin.py\n")
    (tmp_path / "evil_plugin.py").write_text(EVIL)
    (tmp_path / "bad.py").write_text(BAD)
    proc = _check(tmp_path, "--no-project-plugins", "bad.py")
    assert (proc.returncode, _ran(tmp_path)) == (errors.FINDINGS, [])
    assert proc.stdout.splitlines()[0] == BAD_ERROR
    proc = _check(tmp_path, "bad.py")  # documented: by default the config's plugins load, as in mypy
    assert (proc.returncode, _ran(tmp_path)) == (errors.FINDINGS, ["evil_plugin.py.ran"])


def test_verification_loads_no_project_plugin_when_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "mypy.ini").write_text("[mypy]\nplugins = evil_plugin.py, batchtyping_mypy\n" + SKIP_JAX)
    (tmp_path / "evil_plugin.py").write_text(EVIL)
    (tmp_path / "model.py").write_text(FORWARD)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["annotate", "-j", "1", "--no-project-plugins", "model.py"]) == errors.FINDINGS
    assert _ran(tmp_path) == []
    assert (tmp_path / "model.py").read_text() == ANNOTATED


def test_check_keeps_multi_line_ini_values(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\nfiles =\n    bad.py,\n    worse.py\ndisable_error_code =\n    name-defined,\n    misc\n"
    )
    (tmp_path / "bad.py").write_text(BAD)
    (tmp_path / "worse.py").write_text("x: int = 'a'\ny = undefined\n")
    proc = _check(tmp_path)
    assert proc.returncode == errors.FINDINGS, proc.stderr
    assert sorted(proc.stdout.splitlines()[:2]) == [
        BAD_ERROR,
        'worse.py:1: error: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]',
    ]


def test_a_latin1_file_does_not_block_verification(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "mypy.ini").write_text("[mypy]\n" + SKIP_JAX)
    latin = FORWARD.replace("    return", "    caf\xe9 = 1\n    return")
    (tmp_path / "a.py").write_bytes(b"# -*- coding: latin-1 -*-\n" + latin.encode("latin-1"))
    (tmp_path / "b.py").write_text(FORWARD)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["annotate", "-j", "1", "a.py", "b.py"]) == errors.FINDINGS, capsys.readouterr().err
    assert (tmp_path / "b.py").read_text() == ANNOTATED
    assert (tmp_path / "a.py").read_bytes() == (
        "# -*- coding: latin-1 -*-\n" + ANNOTATED.replace("    return", "    caf\xe9 = 1\n    return")
    ).encode("latin-1")
