"""``--format`` (full, concise, json, github) and ``--quiet`` for the codemods and ``check``
(framework/report.py), the plain-text ``--help``, and each subcommand's exit-code line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from batchtyping_codemods import cli, errors
from batchtyping_codemods.framework import report
from batchtyping_codemods.verify import mypy_output
from tests.codemods.test_cli import BIN, CACHE

OLD = "from typing import List\n\nx: List[int] = []\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.11"\n')
    (tmp_path / "m.py").write_text(OLD)
    (tmp_path / "ok.py").write_text("x = 1\n")
    (tmp_path / "bad.py").write_text("from typing import List\ndef f(:\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_concise_is_one_line_per_finding(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(["migrate", "--check", "--format", "concise", "m.py", "ok.py", "bad.py"], capsys)
    assert code == errors.ERROR
    assert out == ""
    assert err.splitlines() == [
        "m.py: error: would change (typing.List -> list: 1)  [would-change]",
        "bad.py: error: bad.py:2: syntax error: invalid syntax  [error]",
    ]


def test_quiet_keeps_only_errors_and_is_silent_on_success(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(["migrate", "--quiet", "ok.py"], capsys) == (errors.OK, "", "")
    code, out, err = _main(["migrate", "-q", "m.py"], capsys)  # written: a notice, not an error
    assert (code, out, err) == (errors.FINDINGS, "", "")
    assert (project / "m.py").read_text() == "x: list[int] = []\n"
    code, out, err = _main(["migrate", "-q", "--check", "bad.py"], capsys)
    assert (code, out) == (errors.ERROR, "")
    assert err == "bad.py: error: bad.py:2: syntax error: invalid syntax  [error]\n"


def test_json_is_one_object_with_files_and_events(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(["migrate", "--diff", "--format", "json", "m.py", "ok.py"], capsys)
    assert (code, err) == (errors.FINDINGS, "")
    data = json.loads(out)  # the diff is inside, not before it
    assert data == {
        "schema": 1, "command": "migrate", "mode": "diff", "exit_code": 1,
        "counts": {"changed": 1, "unchanged": 1, "skipped": 0, "error": 0},
        "notes": [],
        "files": [
            {"path": "m.py", "status": "changed", "message": None,
             "diff": data["files"][0]["diff"],
             "events": [{"kind": "typing.List -> list", "detail": "", "function": None, "target": None,
                         "alias": None, "line": None, "reason": None}]},
            {"path": "ok.py", "status": "unchanged", "message": None, "diff": None, "events": []},
        ],
    }
    assert data["files"][0]["diff"].splitlines()[-2:] == ["-x: List[int] = []", "+x: list[int] = []"]
    assert (project / "m.py").read_text() == OLD


def test_github_annotations(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(["migrate", "--check", "--format", "github", "m.py", "bad.py"], capsys)
    assert (code, err) == (errors.ERROR, "")
    assert out.splitlines() == [
        "::error file=m.py,title=batchtyping migrate%3A would-change::would change (typing.List -> list: 1)",
        "::error file=bad.py,title=batchtyping migrate%3A error::bad.py:2: syntax error: invalid syntax",
    ]


def test_github_escapes_properties_and_messages() -> None:
    item = report.Item("a,b:c%.py", "warning", "two\nlines 100%", "backed-out", 3)
    assert report.github([item], "t") == (
        "::warning file=a%2Cb%3Ac%25.py,line=3,title=t%3A backed-out::two%0Alines 100%25\n")


# ---------------------------------------------------------------- check

MYPY_OUTPUT = (
    'a.py:3:5:3:9: error: Incompatible types in assignment  [assignment]\n'
    'a.py:3:5:3:9: note: See the docs\n'
    'a.py:7:1:7:0: error: Name "y" is not defined  [name-defined]\n'
    'a.py: note: In function "f":\n'
    'Found 2 errors in 1 file (checked 1 source file)\n'
)


def test_check_formats_render_mypy_findings(capsys: pytest.CaptureFixture[str]) -> None:
    import io

    findings = mypy_output.parse(MYPY_OUTPUT)
    assert [f.message for f in findings] == ["Incompatible types in assignment\nSee the docs", 'Name "y" is not defined']
    out = io.StringIO()
    report.report_check(findings, 1, "concise", False, out)
    assert out.getvalue().splitlines() == [
        "a.py:3:5: error: Incompatible types in assignment; See the docs  [assignment]",
        'a.py:7:1: error: Name "y" is not defined  [name-defined]',
    ]
    out = io.StringIO()
    report.report_check(findings, 1, "github", False, out)
    assert out.getvalue().splitlines() == [
        "::error file=a.py,line=3,col=5,endLine=3,endColumn=9,title=batchtyping check%3A assignment::"
        "Incompatible types in assignment%0ASee the docs",
        '::error file=a.py,line=7,col=1,title=batchtyping check%3A name-defined::Name "y" is not defined',
    ]
    out = io.StringIO()
    report.report_check(findings, 1, "json", False, out)
    assert json.loads(out.getvalue())["findings"][1] == {
        "path": "a.py", "line": 7, "column": 1, "end_line": 7, "end_column": 0,
        "message": 'Name "y" is not defined', "code": "name-defined", "severity": "error"}


def _check(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    cache = f"--cache-dir {CACHE / 'mypy' / 'codemods-report'}"
    return subprocess.run([BIN / "batchtyping", "check", *args, "--mypy-args", cache],
                          cwd=tmp_path, capture_output=True, text=True, check=False)


def test_check_concise_and_quiet_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text('x: int = "s"\n')
    (tmp_path / "good.py").write_text("x: int = 1\n")
    bad = _check(tmp_path, "bad.py", "--format", "concise")
    assert (bad.returncode, bad.stderr) == (1, "")
    assert bad.stdout == ('bad.py:1:10: error: Incompatible types in assignment (expression has type "str", '
                          'variable has type "int")  [assignment]\n')
    good = _check(tmp_path, "good.py", "--quiet")
    assert (good.returncode, good.stdout, good.stderr) == (0, "", "")


def test_check_when_mypy_fails_is_exit_2_with_its_message(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text("x: int = 1\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    done = subprocess.run([BIN / "batchtyping", "check", "good.py", "--format", "json",
                           "--mypy-args=--no-such-option"],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert json.loads(done.stdout) == {"schema": 1, "command": "check", "exit_code": 2, "findings": []}
    assert "unrecognized arguments: --no-such-option" in done.stderr


# ---------------------------------------------------------------- --help


def _help(name: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    with pytest.raises(SystemExit):
        cli.main([name, "--help"])
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("name", ["migrate", "add-checks", "trace", "check", "annotate", "apply", "lsp"])
def test_help_is_plain_text_with_its_own_exit_codes(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _help(name, capsys)
    text = "\n".join(lines)
    for rest in ("``", ":class:", ":mod:", ":func:", "**", "::"):
        assert rest not in text, (name, rest)
    exits = errors.EXIT_CODES[name].splitlines()
    at = lines.index(exits[0])
    assert lines[at:at + len(exits)] == exits
    assert ("opt-outs: '# batchtyping: skip-file'" in text) == (name in ("migrate", "add-checks", "annotate", "apply"))


def test_help_lines_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    migrate = _help("migrate", capsys)
    at = migrate.index("migrate: rewrite other spellings of the aliases into the aliases.")
    assert migrate[0].startswith("usage: batchtyping migrate") and migrate[at - 1:at + 2:2] == ["", ""]
    assert ("* chex/optax: optax.Params -> Params; chex.ArrayTree -> Params where it means" in migrate)
    trace = _help("trace", capsys)
    at = trace.index("batchtyping trace: run a Python command while recording calls; --report the result.")
    assert trace[at + 1:at + 5] == [
        "", "    batchtyping trace [--module PKG ...] [--db FILE] -- python -m pytest tests/",
        "    batchtyping trace --report [--db FILE]", ""]
    check = _help("check", capsys)
    assert check[-2:] == ["exit codes: 0 no type errors, 1 type errors found, 2 a usage or",
                          "configuration error, mypy missing or crashed."]
    assert "files changed" not in "\n".join(check)


def test_plain_text_converts_rest() -> None:
    assert cli.plain_text(
        "A :class:`~a.b.Command` or :mod:`x.y`, :func:`text <a.f>`, ``code``, **bold**, "
        "X \\| Y; see::\n\n    literal\n\n::\n\n    block\n"
    ) == "A Command or x.y, text, code, bold, X | Y; see:\n\n    literal\n\n    block\n"


def test_check_without_mypy_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "mypy" else real(name, *a))
    (tmp_path / "good.py").write_text("x: int = 1\n")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "good.py"]) == errors.ERROR
    assert capsys.readouterr().err == "batchtyping check needs mypy: pip install 'batchtyping[mypy]'\n"
