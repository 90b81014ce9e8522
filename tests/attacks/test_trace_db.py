"""Attacks on the trace database: two concurrent `trace` runs on one file, and files that
are not trace databases (corrupt, truncated, foreign, a folder, a missing folder)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from batchtyping_codemods import cli
from batchtyping_codemods.trace import store

CALLS = 2500  # more than the recorder's flush size: each run writes twice

LIB = "def f(x):\n    return x\n"
SCRIPT = """\
import sys, time
from pathlib import Path
import lib
me, other = sys.argv[1], sys.argv[2]
Path(me).touch()  # both runs have started before either records anything
deadline = time.time() + 60
while not Path(other).exists() and time.time() < deadline:
    time.sleep(0.01)
for i in range({calls}):
    lib.f(i)
"""


def trace(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "batchtyping_codemods.cli", "trace", *args],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": ""},
    )


def run_trace(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = trace(*args, cwd=cwd)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.fixture
def in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """`batchtyping trace ARGS` run in this process from ``tmp_path`` (fast: no start-up)."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        code = cli.main(["trace", *args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return run


@pytest.mark.parametrize("append", [False, True])
def test_two_concurrent_runs_keep_every_call_and_count_their_own(tmp_path: Path, append: bool) -> None:
    (tmp_path / "lib.py").write_text(LIB)
    (tmp_path / "work.py").write_text(SCRIPT.format(calls=CALLS))
    options = ["--module", "lib", "--first", str(CALLS), "--db", "t.sqlite", *(["--append"] if append else [])]
    runs = [trace(*options, "--", "work.py", me, other, cwd=tmp_path)
            for me, other in (("a", "b"), ("b", "a"))]
    for proc in runs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert err.strip() == f"batchtyping trace: recorded {CALLS} call(s) of 1 function(s) in t.sqlite (command exit code 0)"
    (fn,) = store.read(tmp_path / "t.sqlite")
    assert (len(fn.calls), fn.seen) == (2 * CALLS, 2 * CALLS)


def test_a_run_without_append_replaces_finished_and_abandoned_runs(tmp_path: Path) -> None:
    (tmp_path / "lib.py").write_text(LIB)
    (tmp_path / "once.py").write_text("import lib\nlib.f(1)\n")
    db = tmp_path / "t.sqlite"
    for _ in range(2):
        proc = run_trace("--module", "lib", "--db", "t.sqlite", "--", "once.py", cwd=tmp_path)
        assert "recorded 1 call(s) of 1 function(s)" in proc.stderr
    assert [len(fn.calls) for fn in store.read(db)] == [1]
    proc = run_trace("--module", "lib", "--db", "t.sqlite", "--append", "--", "once.py", cwd=tmp_path)
    assert "recorded 1 call(s) of 1 function(s)" in proc.stderr
    assert [len(fn.calls) for fn in store.read(db)] == [2]
    # A run whose `trace` process died (killed before finishing) counts as finished.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    abandoned = store.begin_run(db, replace=False)
    with closing(sqlite3.connect(db)) as raw, raw:
        raw.execute("UPDATE runs SET pid = ? WHERE id = ?", (dead.pid, abandoned))
    store.write(db, [store.Function("lib", "f", str(tmp_path / "lib.py"), 1, ["x"], 1,
                                    [store.Call({"x": {"t": "int"}}, {"t": "int"})])], abandoned)
    alive = store.begin_run(db, replace=False)  # this process: still running
    store.write(db, [store.Function("lib", "g", str(tmp_path / "lib.py"), 5, ["x"], 1,
                                    [store.Call({"x": {"t": "int"}}, {"t": "int"})])], alive)
    proc = run_trace("--module", "lib", "--db", "t.sqlite", "--", "once.py", cwd=tmp_path)
    assert "recorded 1 call(s) of 1 function(s)" in proc.stderr
    assert sorted((fn.qualname, len(fn.calls)) for fn in store.read(db)) == [("f", 1), ("g", 1)]


def _trace_db(path: Path) -> bytes:
    """A real trace database of several pages, checkpointed into one file."""
    fn = store.Function("m", "f", "/m.py", 1, ["x"], 300,
                        [store.Call({"x": {"t": "str", "pad": "x" * 200}}, {"t": "none"})] * 300)
    store.write(path, [fn])
    return path.read_bytes()


def _foreign(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE users (name TEXT)")
        db.execute("INSERT INTO users VALUES ('ada')")


def _old_schema(path: Path) -> None:
    store.write(path, [])
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


BAD = {
    "corrupt": (lambda p: p.write_bytes(b"\x89garbage\x00" * 500),
                "x.sqlite: not a trace database (not an SQLite file)"),
    "text": (lambda p: p.write_text("hello\n"), "x.sqlite: not a trace database (not an SQLite file)"),
    "truncated": (lambda p: p.write_bytes(_trace_db(p)[:8192]),
                  "x.sqlite: damaged trace database (truncated or corrupt: database disk image is malformed)"),
    "foreign": (_foreign, "x.sqlite: not a trace database (an SQLite database with tables users)"),
    "directory": (lambda p: p.mkdir(), "x.sqlite: is a directory, not a trace database"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_database_file_is_one_line_and_exit_2(tmp_path: Path, in_process, case: str) -> None:  # type: ignore[no-untyped-def]
    make, message = BAD[case]
    make(tmp_path / "x.sqlite")
    before = sorted((p.name, p.read_bytes() if p.is_file() else b"") for p in tmp_path.rglob("*"))
    for args in (["--", "-c", "pass"], ["--append", "--", "-c", "pass"], ["--report"]):
        proc = in_process("--db", "x.sqlite", *args)
        assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"batchtyping trace: {message}\n")
    # Nothing is added to, or deleted from, the file.
    assert sorted((p.name, p.read_bytes() if p.is_file() else b"") for p in tmp_path.rglob("*")) == before


def test_a_database_in_a_missing_folder_is_an_error(tmp_path: Path, in_process) -> None:  # type: ignore[no-untyped-def]
    proc = in_process("--db", "nowhere/x.sqlite", "--", "-c", "pass")
    assert (proc.returncode, proc.stderr) == (2, "batchtyping trace: nowhere/x.sqlite: folder nowhere does not exist\n")
    assert not (tmp_path / "nowhere").exists()
    proc = in_process("--db", "nowhere/x.sqlite", "--report")
    assert (proc.returncode, proc.stderr) == (
        2, "batchtyping trace: nowhere/x.sqlite: no trace database (run `batchtyping trace` first)\n")


def test_an_older_schema_is_replaced_but_never_appended_to(tmp_path: Path, in_process) -> None:  # type: ignore[no-untyped-def]
    _old_schema(tmp_path / "x.sqlite")
    proc = in_process("--db", "x.sqlite", "--append", "--", "-c", "pass")
    assert (proc.returncode, proc.stderr) == (2, "batchtyping trace: x.sqlite: trace database schema 1, expected 2\n")
    proc = in_process("--db", "x.sqlite", "--", "-c", "pass")
    assert (proc.returncode, proc.stderr) == (
        0, "batchtyping trace: recorded 0 call(s) of 0 function(s) in x.sqlite (command exit code 0)\n")
    assert store.read(tmp_path / "x.sqlite") == []


def test_an_empty_file_is_a_new_database(tmp_path: Path, in_process) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "x.sqlite").touch()
    proc = in_process("--db", "x.sqlite", "--", "-c", "pass")
    assert proc.returncode == 0, proc.stderr


def test_a_traced_program_survives_a_database_gone_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from batchtyping_codemods.trace.recorder import Recorder

    (tmp_path / "x.sqlite").mkdir()  # e.g. replaced by a folder while the command runs
    recorder = Recorder(tmp_path / "x.sqlite", modules=["m"])
    recorder._functions[compile("pass", "m.py", "exec")] = store.Function("m", "f", "m.py", 1, [], seen=1)
    recorder.flush()
    assert capsys.readouterr().err == f"batchtyping trace: calls not recorded: {tmp_path / 'x.sqlite'}: is a directory, not a trace database\n"
