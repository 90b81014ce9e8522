"""Attacks on how codemods write: edits during a run, links, permissions, owner, xattrs,
old-Mac newlines, latin-1 files, symlink loops, pathological input (the parse guard)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from batchtyping_codemods import errors, framework
from batchtyping_codemods.cli import main
from batchtyping_codemods.commands.add_checks import AddChecksCommand
from batchtyping_codemods.commands.migrate import MigrateCommand
from batchtyping_codemods.cst.parse_guard import guard
from batchtyping_codemods.framework import files

OLD = "from typing import Dict\n\n\ndef f(a: Dict[str, int]) -> None:\n    pass\n"
NEW = "def f(a: dict[str, int]) -> None:\n    pass\n"


def _migrate(paths: list[Path], root: Path, **options: object) -> tuple[int, str]:
    err = io.StringIO()
    run = framework.RunOptions(MigrateCommand, {}, framework.Config(root, {}, ">=3.11"), **options)  # type: ignore[arg-type]
    code = framework.run(paths, run, io.StringIO(), err)
    return code, err.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.11"\n')
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(OLD)
    return tmp_path


@pytest.fixture
def hook() -> Iterator[list[object]]:
    calls: list[object] = []
    yield calls
    files.WRITE_HOOK = None


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- edits made during a run


def test_a_file_edited_during_the_run_is_not_overwritten(project: Path, hook: list[object]) -> None:
    edited = "# my edit, made while the run worked\n" + OLD

    def edit_b(stage: str, path: Path) -> None:
        if stage == "before" and path.name == "a.py":  # a.py is written first: b.py changes now
            (project / "b.py").write_text(edited)

    files.WRITE_HOOK = edit_b
    code, err = _migrate([project / n for n in ("a.py", "b.py", "c.py")], project)
    assert code == errors.ERROR
    assert (project / "b.py").read_text() == edited
    assert (project / "a.py").read_text() == NEW and (project / "c.py").read_text() == NEW
    assert (f"error: {project / 'b.py'}: cannot write: changed since this run read it; "
            "not written (re-run to include the edit)") in err.splitlines()
    assert _temp_files(project) == []


class EditsDuringVerification(MigrateCommand):
    """A post-pass (annotate's is mypy verification) during which the user saves b.py."""

    @classmethod
    def postprocess(cls, results: list[framework.FileResult], options: framework.RunOptions) -> list[framework.FileResult]:
        next(r.path for r in results if r.path.name == "b.py").write_text("# saved meanwhile\n" + OLD)
        return super().postprocess(results, options)


def test_a_file_edited_during_verification_is_not_overwritten(project: Path) -> None:
    run = framework.RunOptions(EditsDuringVerification, {}, framework.Config(project, {}, ">=3.11"), jobs=2)
    err = io.StringIO()
    assert framework.run([project / n for n in ("a.py", "b.py", "c.py")], run, io.StringIO(), err) == errors.ERROR
    assert (project / "b.py").read_text() == "# saved meanwhile\n" + OLD
    assert (project / "a.py").read_text() == NEW and (project / "c.py").read_text() == NEW
    assert f"error: {project / 'b.py'}: cannot write: changed since this run read it" in err.getvalue()


def test_an_edit_landing_after_the_temp_file_is_written_is_kept(project: Path, hook: list[object]) -> None:
    def edit(stage: str, path: Path) -> None:
        if stage == "temp":
            path.write_text("x = 1  # edited\n")

    files.WRITE_HOOK = edit
    code, err = _migrate([project / "a.py"], project)
    assert code == errors.ERROR and "changed since this run read it" in err
    assert (project / "a.py").read_text() == "x = 1  # edited\n"
    assert _temp_files(project) == []


# ---------------------------------------------------------------- links, permissions, owner, xattrs


def test_a_symlink_inside_the_tree_is_written_through(project: Path) -> None:
    real = project / "real.py"
    real.write_text(OLD)
    (project / "link.py").unlink(missing_ok=True)
    (project / "link.py").symlink_to("real.py")
    code, _ = _migrate([project / "link.py"], project)
    assert code == errors.FINDINGS
    assert (project / "link.py").is_symlink() and os.readlink(project / "link.py") == "real.py"
    assert real.read_text() == NEW


def test_a_symlink_out_of_the_tree_is_written_through(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "shared.py"
    outside.write_text(OLD)
    (project / "shared.py").symlink_to(outside)
    code, _ = _migrate(framework.discover([project], framework.Config(project, {})), project)
    assert code == errors.FINDINGS
    assert (project / "shared.py").is_symlink()
    assert outside.read_text() == NEW
    assert _temp_files(outside.parent) == []


def test_a_hard_link_is_kept(project: Path) -> None:
    os.link(project / "a.py", project / "twin.py")
    code, _ = _migrate([project / "a.py"], project)
    assert code == errors.FINDINGS
    assert os.stat(project / "a.py").st_ino == os.stat(project / "twin.py").st_ino
    assert (project / "twin.py").read_text() == NEW
    assert os.stat(project / "a.py").st_nlink == 2


def test_a_read_only_file_is_refused_unless_forced(project: Path) -> None:
    path = project / "a.py"
    path.chmod(0o444)
    code, err = _migrate([path, project / "b.py"], project)
    assert code == errors.ERROR
    assert f"error: {path}: cannot write: read-only (mode 0444); --force writes it" in err.splitlines()
    assert path.read_text() == OLD and (project / "b.py").read_text() == NEW
    code, _ = _migrate([path], project, force=True)
    assert code == errors.FINDINGS
    assert path.read_text() == NEW and (path.stat().st_mode & 0o7777) == 0o444


def test_the_cli_has_force(project: Path) -> None:
    path = project / "a.py"
    path.chmod(0o444)
    assert main(["migrate", "-j", "1", str(path)]) == errors.ERROR
    assert path.read_text() == OLD
    assert main(["migrate", "-j", "1", "--force", str(path)]) == errors.FINDINGS
    assert path.read_text() == NEW


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_owner_and_group_are_kept(project: Path) -> None:
    path = project / "a.py"
    os.chown(path, 1234, 4321)
    assert _migrate([path], project)[0] == errors.FINDINGS
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 4321)
    assert path.read_text() == NEW


def test_xattrs_are_kept(project: Path) -> None:
    path = project / "a.py"
    try:
        os.setxattr(path, "user.batchtyping", b"kept")
    except OSError as error:
        pytest.skip(f"the file system has no user xattrs: {error}")
    assert _migrate([path], project)[0] == errors.FINDINGS
    assert os.getxattr(path, "user.batchtyping") == b"kept"
    assert path.read_text() == NEW


# ---------------------------------------------------------------- encodings and newlines


CR_CASES = {
    "migrate": (MigrateCommand, "from typing import Dict\rx: Dict[str, int] = {}\r", "x: dict[str, int] = {}\r"),
    "add-checks": (AddChecksCommand,
                   "from batchtyping import Data\r\r\rdef f(x: Data) -> Data:\r    return x\r",
                   "from batchtyping import Data, check\r\r\r@check\rdef f(x: Data) -> Data:\r    return x\r"),
}


@pytest.mark.parametrize("name", CR_CASES)
def test_old_mac_newlines_keep_the_final_cr(name: str) -> None:
    command, before, after = CR_CASES[name]
    assert framework.run_command(command, before, table={}, requires_python=">=3.11")[0] == after


def test_a_cr_only_file_is_written_with_its_final_cr(project: Path) -> None:
    path = project / "a.py"
    path.write_bytes(OLD.replace("\n", "\r").encode())
    assert _migrate([path], project)[0] == errors.FINDINGS
    assert path.read_bytes() == NEW.replace("\n", "\r").encode()
    assert _migrate([path], project)[0] == errors.OK


def test_a_latin1_file_with_a_non_ascii_identifier_is_migrated(project: Path) -> None:
    path = project / "a.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\n" + OLD.replace("pass", "caf\xe9 = 1").encode("latin-1"))
    assert _migrate([path, project / "b.py"], project)[0] == errors.FINDINGS
    assert path.read_bytes() == b"# -*- coding: latin-1 -*-\n\n\n" + NEW.replace("pass", "caf\xe9 = 1").encode("latin-1")


# ---------------------------------------------------------------- walks and parsing


def test_a_symlink_loop_is_skipped_with_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pkg").mkdir()
    (project / "pkg" / "loop.py").symlink_to("loop2.py")
    (project / "pkg" / "loop2.py").symlink_to("loop.py")
    (project / "pkg" / "dangling.py").symlink_to("nowhere.py")
    (project / "pkg" / "ok.py").write_text(OLD)
    assert main(["migrate", "-j", "1", str(project / "pkg")]) == errors.FINDINGS
    err = capsys.readouterr().err.splitlines()
    assert f"batchtyping: {project / 'pkg' / 'loop.py'}: a symlink loop, skipped" in err
    assert f"batchtyping: {project / 'pkg' / 'loop2.py'}: a symlink loop, skipped" in err
    assert f"batchtyping: {project / 'pkg' / 'dangling.py'}: a symlink to nothing, skipped" in err
    assert (project / "pkg" / "ok.py").read_text() == NEW


def test_the_parse_guard_refuses_pathological_files_and_the_others_go_on(project: Path) -> None:
    bomb = project / "bomb.py"
    bomb.write_text("from typing import Dict\nx: Dict[str, int] = " + "-" * 8000 + "1\n")
    chain = project / "chain.py"
    chain.write_text("from typing import Dict\nx: Dict[str, int] = " + " + ".join(["1"] * 20_000) + "\n")
    code, err = _migrate([bomb, chain, project / "a.py"], project)
    assert code == errors.ERROR
    lines = err.splitlines()  # the guard's own messages are tested in test_parse_guard.py
    assert f"error: {bomb}: an expression nested too deeply for Python's own parser" in lines
    assert f"error: {guard(chain.read_text(), str(chain))}" in lines
    assert (project / "a.py").read_text() == NEW
    assert bomb.read_text().startswith("from typing import Dict\n")
