"""The engine: discovery, opt-outs, modes and exit codes, config, and every safety rule."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from batchtyping_codemods import errors, framework
from batchtyping_codemods.framework import runner
from batchtyping_codemods.cli import main
from batchtyping_codemods.commands.migrate import MigrateCommand as Migrate

OLD = "from typing import Dict\n\n\ndef f(a: Dict[str, int]) -> None:\n    pass\n"
NEW = "def f(a: dict[str, int]) -> None:\n    pass\n"


def _run(files: list[Path], root: Path, mode: str = "write", jobs: int = 1, table: dict | None = None):
    out, err = io.StringIO(), io.StringIO()
    config = framework.Config(root, table or {}, ">=3.11")
    code = framework.run(files, framework.RunOptions(Migrate, {}, config, mode, jobs), out, err)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.11"\n')
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "old.py").write_text(OLD)
    (tmp_path / "pkg" / "clean.py").write_text("x = 1\n")
    return tmp_path


# ---------------------------------------------------------------- modes and exit codes


def test_write_mode_changes_files_and_exits_1(project: Path) -> None:
    code, out, err = _run([project / "pkg" / "old.py", project / "pkg" / "clean.py"], project)
    assert (code, out) == (1, "")
    assert (project / "pkg" / "old.py").read_text() == NEW
    assert err.splitlines() == [
        "batchtyping migrate: 1 file(s) changed, 1 unchanged, 0 skipped, 0 error(s)",
        "  typing.Dict -> dict: 1",
    ]


def test_nothing_to_change_exits_0(project: Path) -> None:
    assert _run([project / "pkg" / "clean.py"], project)[0] == 0


def test_diff_prints_a_unified_diff_and_writes_nothing(project: Path) -> None:
    path = project / "pkg" / "old.py"
    code, out, _ = _run([path], project, mode="diff")
    assert code == 1
    assert path.read_text() == OLD
    name = path.as_posix().lstrip("/")
    assert out == (
        f"--- a/{name}\n+++ b/{name}\n@@ -1,5 +1,2 @@\n-from typing import Dict\n-\n-\n"
        "-def f(a: Dict[str, int]) -> None:\n+def f(a: dict[str, int]) -> None:\n     pass\n"
    )


def test_check_writes_nothing_and_names_the_files(project: Path) -> None:
    path = project / "pkg" / "old.py"
    code, out, err = _run([path], project, mode="check")
    assert (code, out, path.read_text()) == (1, "", OLD)
    assert f"would change: {path}" in err.splitlines()


def test_parallel_run_gives_the_same_result(project: Path) -> None:
    for i in range(6):
        (project / "pkg" / f"m{i}.py").write_text(OLD)
    files = framework.discover([project], framework.load_config(project))
    code, _, err = _run(files, project, jobs=2)
    assert code == 1
    assert "7 file(s) changed, 2 unchanged" in err
    assert all((project / "pkg" / f"m{i}.py").read_text() == NEW for i in range(6))


# ---------------------------------------------------------------- safety


def test_unparsable_and_too_deep_files_are_errors_others_still_processed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = project / "pkg" / "bad.py"
    bad.write_text("from typing import Dict\ndef f(:\n    pass\n")
    deep = project / "pkg" / "deep.py"
    deep.write_text("from typing import Dict\nx: " + "Dict[int, " * 150 + "int" + "]" * 150 + "\n")
    monkeypatch.setattr(runner, "RECURSION_LIMIT", 1000)
    monkeypatch.setattr(runner, "_stack_thread", None)
    try:
        code, _, err = _run([bad, deep, project / "pkg" / "old.py"], project)
    finally:
        runner._stack_thread = None  # the next run restores the usual limit
    assert code == 2
    assert (project / "pkg" / "old.py").read_text() == NEW
    assert err.splitlines()[-2:] == [
        f"error: {bad}:2: syntax error: invalid syntax",
        f"error: {deep}: nested too deeply (recursion limit)",
    ]
    assert bad.read_text() == "from typing import Dict\ndef f(:\n    pass\n"


def test_nesting_that_overflows_the_default_stack_does_not_kill_the_run(project: Path) -> None:
    deep = project / "pkg" / "deep.py"
    deep.write_text("from typing import Dict\nx: Dict[int, int] = " + "(" * 3000 + "1" + ")" * 3000 + "\n")
    code, _, err = _run([deep, project / "pkg" / "old.py"], project)
    assert code == 2  # the pre-parse guard refuses it before libcst sees it
    assert f"error: {deep}:2: syntax error: too many nested parentheses" in err
    assert deep.read_text().startswith("from typing import Dict\nx: Dict[int, int] = (((")
    assert (project / "pkg" / "old.py").read_text() == NEW


def test_atomic_write_keeps_mode_encoding_bom_and_newlines(project: Path) -> None:
    latin = project / "pkg" / "latin.py"
    latin.write_bytes(b"# -*- coding: latin-1 -*-\r\n" + OLD.replace("pass", "'\xe9'").encode("latin-1").replace(b"\n", b"\r\n"))
    latin.chmod(0o754)
    bom = project / "pkg" / "bom.py"
    bom.write_bytes(b"\xef\xbb\xbf" + OLD.replace("pass", "'\xc3\xa9'").encode())
    code, _, _ = _run([latin, bom], project)
    assert code == 1
    assert latin.read_bytes() == b"# -*- coding: latin-1 -*-\r\n\r\n\r\ndef f(a: dict[str, int]) -> None:\r\n    '\xe9'\r\n"
    assert stat.S_IMODE(latin.stat().st_mode) == 0o754
    assert bom.read_bytes() == b"\xef\xbb\xbf" + NEW.replace("pass", "'\xc3\xa9'").encode()
    assert sorted(p.name for p in (project / "pkg").iterdir()) == [
        "__init__.py", "bom.py", "clean.py", "latin.py", "old.py"
    ]  # no temp file left behind


def test_failed_write_leaves_the_file_and_no_temp_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / "pkg" / "old.py"

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    code, _, err = _run([path], project)
    assert code == 2
    assert f"error: {path}: cannot write: disk full" in err
    assert path.read_text() == OLD
    assert not [p for p in (project / "pkg").iterdir() if p.name.endswith(".tmp")]


def test_a_crashing_command_is_an_error_for_that_file_only(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: Migrate, original_node: object, updated_node: object) -> object:
        raise ValueError("bug")

    monkeypatch.setattr(Migrate, "leave_Subscript", boom)
    code, _, err = _run([project / "pkg" / "old.py"], project)
    assert code == 2
    assert "internal error in MigrateCommand: ValueError: bug" in err


# ---------------------------------------------------------------- opt-outs


def test_skip_file_comment(project: Path) -> None:
    path = project / "pkg" / "old.py"
    path.write_text("# batchtyping: skip-file\n" + OLD)
    code, _, err = _run([path], project)
    assert code == 0
    assert f"skipped {path}: opted out (# batchtyping: skip-file)" in err
    assert path.read_text() == "# batchtyping: skip-file\n" + OLD


def test_skip_line_comment_on_a_def_header_keeps_the_body_processed() -> None:
    source = (
        "from typing import Dict\n\n\n"
        "def f(\n    a: Dict[str, int],  # batchtyping: skip\n) -> None:\n"
        "    b: Dict[str, int] = {}\n"
    )
    out, _ = _transform(source)
    assert out == source.replace("    b: Dict", "    b: dict")


def _transform(source: str) -> tuple[str, list[tuple[str, str]]]:
    return framework.transform(Migrate, Path("x.py"), source, {}, framework.Config(Path.cwd(), {}, ">=3.11"))


# ---------------------------------------------------------------- discovery and config


def test_discovery_honours_gitignore_exclude_and_file_types(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("generated/\n*_pb2.py\n")
    (tmp_path / "pyproject.toml").write_text('[tool.batchtyping.codemods]\nexclude = ["legacy/", "skip_me.py"]\n')
    for name in ["a.py", "b.pyi", "c.txt", "x_pb2.py", "skip_me.py", "generated/g.py", "legacy/l.py",
                 "sub/d.py", "sub/.gitignore", "sub/e.py", ".venv/v.py", "__pycache__/p.py"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("e.py\n" if name.endswith(".gitignore") else "x = 1\n")
    config = framework.load_config(tmp_path)
    found = framework.discover([tmp_path], config)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.py", "b.pyi", "sub/d.py"]
    # Files named explicitly are kept unless `exclude` matches them.
    explicit = framework.discover([tmp_path / "x_pb2.py", tmp_path / "skip_me.py"], config)
    assert explicit == [tmp_path / "x_pb2.py"]


def test_config_errors_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.batchtyping.codemods]\nexclude = 3\n")
    with pytest.raises(errors.UsageError, match="exclude must be a list of strings"):
        framework.load_config(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.batchtyping.codemods.migrate]\ntarget-version = 'new'\n")
    with pytest.raises(errors.UsageError, match=r"target-version: expected a version like \"3.10\", got 'new'"):
        Migrate.validate_config(framework.load_config(tmp_path))
    (tmp_path / "pyproject.toml").write_text("[tool.batchtyping.codemods.migrate]\ntypo = 1\n")
    with pytest.raises(errors.UsageError, match="unknown key 'typo'"):
        Migrate.validate_config(framework.load_config(tmp_path))


@pytest.mark.parametrize(
    ("pyproject", "expected"),
    [
        ('[project]\nrequires-python = ">=3.9"\n', "def f(a: Optional[int]) -> None: ...\n"),
        ('[project]\nrequires-python = ">=3.10"\n', "def f(a: int | None) -> None: ...\n"),
        ('[project]\nrequires-python = ">=3.9"\n[tool.batchtyping.codemods.migrate]\ntarget-version = "3.10"\n',
         "def f(a: int | None) -> None: ...\n"),
        ("", "def f(a: Optional[int]) -> None: ...\n"),
    ],
)
def test_target_version_from_config_or_requires_python(tmp_path: Path, pyproject: str, expected: str) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject)
    path = tmp_path / "m.py"
    path.write_text("from typing import Optional\n\ndef f(a: Optional[int]) -> None: ...\n")
    main(["migrate", str(path), "-j", "1"])
    assert path.read_text().endswith(expected)


def test_module_names_follow_init_files(tmp_path: Path) -> None:
    (tmp_path / "src" / "pkg" / "sub").mkdir(parents=True)
    for init in ("src/pkg/__init__.py", "src/pkg/sub/__init__.py"):
        (tmp_path / init).write_text("")
    assert framework.module_name(tmp_path / "src/pkg/sub/m.py") == ("pkg.sub.m", "pkg.sub")
    assert framework.module_name(tmp_path / "src/pkg/__init__.py") == ("pkg", "pkg")
    assert framework.module_name(tmp_path / "script.py") == ("script", "")


# ---------------------------------------------------------------- progress and the post-pass


def test_progress_bar_goes_to_stderr_when_asked(project: Path) -> None:
    err = io.StringIO()
    files = [project / "pkg" / "old.py", project / "pkg" / "clean.py"]
    run = framework.RunOptions(Migrate, {}, framework.Config(project, {}, ">=3.11"), "check", 1, progress=True)
    framework.process_all(files, run, err)
    assert "[###############...............] 1/2 files" in err.getvalue()
    assert "] 2/2 files" in err.getvalue()
    quiet = io.StringIO()
    framework.process_all(files, framework.RunOptions(Migrate, {}, run.config, "check", 1), quiet)
    assert quiet.getvalue() == ""


class _BackingOut(Migrate):
    """A command whose post-pass undoes every change (what annotate's verification does)."""

    @classmethod
    def postprocess(cls, results: list[framework.FileResult], options: framework.RunOptions) -> list[framework.FileResult]:
        for result in results:
            if result.status == "changed":
                result.events.append(framework.Event("backed out", "every change"))
                result.after, result.status = result.before, "unchanged"
        return results


def test_postprocess_sees_every_result_before_anything_is_written(project: Path) -> None:
    path = project / "pkg" / "old.py"
    err = io.StringIO()
    config = framework.Config(project, {}, ">=3.11")
    code = framework.run([path], framework.RunOptions(_BackingOut, {}, config), io.StringIO(), err)
    assert code == 0
    assert path.read_text() == OLD
    assert f"  {path}: backed out: every change" in err.getvalue().splitlines()
