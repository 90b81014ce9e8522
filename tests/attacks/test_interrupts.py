"""Attacks with real signals: SIGINT/SIGTERM while a run writes (no temp files, each file
old or new, the written ones listed, a re-run finishes), kill -9 of a ``-j 2`` run (its
workers die with it and let go of the caller's stdout/stderr)."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from batchtyping_codemods import errors
from batchtyping_codemods.cli import main

OLD = "from typing import Dict\n\n\ndef f(a: Dict[str, int]) -> None:\n    pass\n"
NEW = "def f(a: dict[str, int]) -> None:\n    pass\n"
FILES = 40
STOP_AT = 5  # the signal arrives while the 5th file is being written

# The run, with a hook inside the 5th write (its temp file exists): it tells the test it is
# there and waits until the test's signal has been sent. No sleeps, no races.
RUN = textwrap.dedent("""
    import os, sys
    from batchtyping_codemods import cli
    from batchtyping_codemods.framework import files
    ready, go = sys.argv[1], sys.argv[2]
    count = 0
    def hook(stage, path):
        global count
        if stage == "temp":
            count += 1
            if count == {stop}:
                open(ready, "w").close()
                with open(go) as fifo:  # blocks until the test has signalled and opened its end
                    fifo.read()
    files.WRITE_HOOK = hook
    sys.exit(cli.main(["migrate", "-j", "1", sys.argv[3]]))
""").format(stop=STOP_AT)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.11"\n')
    (tmp_path / "src").mkdir()
    for i in range(FILES):
        (tmp_path / "src" / f"m{i:02}.py").write_text(OLD)
    return tmp_path


def _wait_for(path: Path, proc: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the run never reached the hook"
        time.sleep(0.005)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_during_the_writes_leaves_no_temp_file_and_lists_what_was_written(
    tree: Path, signum: int, capsys: pytest.CaptureFixture[str]
) -> None:
    ready, go = tree / "ready", tree / "go"
    os.mkfifo(go)
    proc = subprocess.Popen([sys.executable, "-c", RUN, str(ready), str(go), str(tree / "src")],
                            cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(ready, proc)
    os.kill(proc.pid, signum)
    with open(go, "w"):  # lets the hook return: the write completes, then the signal lands
        pass
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == errors.INTERRUPTED, err
    assert [p.name for p in (tree / "src").iterdir() if not p.name.endswith(".py")] == []
    texts = {p: p.read_text() for p in sorted((tree / "src").iterdir())}
    assert set(texts.values()) <= {OLD, NEW}
    for text in texts.values():
        ast.parse(text)
    written = sorted(p for p, text in texts.items() if text == NEW)
    assert len(written) == STOP_AT  # the write the signal interrupted was completed first
    assert err.splitlines() == [
        f"batchtyping: interrupted; {STOP_AT} file(s) written:",
        *(f"written: {p}" for p in written),
        "every other file is as it was; run the same command again to finish",
    ]
    assert main(["migrate", "-j", "1", str(tree / "src")]) == errors.FINDINGS
    assert f"{FILES - STOP_AT} file(s) changed, {STOP_AT} unchanged" in capsys.readouterr().err
    assert all(p.read_text() == NEW for p in (tree / "src").iterdir())


SLOW = textwrap.dedent('''
    """A command whose workers block: the test kills the run while they work."""
    import os, time
    from pathlib import Path
    from batchtyping_codemods.commands.migrate import MigrateCommand

    class Slow(MigrateCommand):
        @classmethod
        def wants(cls, source, options):
            Path(os.environ["MARKERS"], str(os.getpid())).touch()
            time.sleep(120)
            return False
''')
PARENT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from batchtyping_codemods import framework
    from slow import Slow
    files = sorted(Path(sys.argv[1]).glob("*.py"))
    run = framework.RunOptions(Slow, {}, framework.Config(Path.cwd(), {}), jobs=2)
    sys.exit(framework.run(files, run))
""")


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as file:
            return file.read().rpartition(b")")[2].split()[0] == b"Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_parent(tree: Path) -> None:
    markers = tree / "markers"
    markers.mkdir()
    (tree / "slow.py").write_text(SLOW)
    env = {**os.environ, "MARKERS": str(markers),
           "PYTHONPATH": os.pathsep.join([str(tree), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-c", PARENT, str(tree / "src")], cwd=tree, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(list(markers.iterdir())) < 2:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.01)
    workers = [int(p.name) for p in markers.iterdir()]
    assert proc.pid not in workers
    proc.kill()
    proc.communicate(timeout=10)  # returns: nobody holds the run's stdout/stderr any more
    deadline = time.monotonic() + 5
    while not all(map(_gone, workers)):
        assert time.monotonic() < deadline, f"workers still alive: {[w for w in workers if not _gone(w)]}"
        time.sleep(0.05)
