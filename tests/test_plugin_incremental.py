"""Incremental mypy and dmypy give the cold verdict on tests/plugin_project (issue 18, item 12).

A copy of the project is checked, then a module its mistakes import gains an unrelated
function: mypy re-checks the importers from source without computing their imports again
(so without ``get_additional_deps``), and before the fix the plugin's return and assignment
checks were lost there (39 errors instead of 44). Then the plugin's settings change under a
running dmypy. The caches are shared between runs of the suite, like tests.checkers does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.checkers import CACHE
from tests.test_plugin_project import CLEAN, MISTAKES, _expected

UNRELATED = "\n\ndef unrelated_helper() -> int:\n    return 1\n"
FLAGS = ["--no-error-summary", "--show-error-codes", "--no-pretty", "--hide-error-context"]


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(CLEAN, tmp_path / "clean")
    shutil.copytree(MISTAKES, tmp_path / "mistakes")
    return tmp_path / "mistakes"


def _modules(mistakes: Path) -> list[str]:
    return sorted(p.name for p in mistakes.glob("*.py"))


def _sorted(proc: subprocess.CompletedProcess[str]) -> list[str]:
    lines = (proc.stdout + proc.stderr).splitlines()
    return sorted(line for line in lines if line.strip() and not line.startswith(("Daemon ", "Restarting")))


def _mypy(mistakes: Path, cache: Path) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(mistakes / "mypy.ini"), "--cache-dir", str(cache),
         *FLAGS, *_modules(mistakes)],
        cwd=mistakes, capture_output=True, text=True, check=False,
    )
    return _sorted(proc)


def _edit(path: Path) -> None:
    path.write_text(path.read_text() + UNRELATED)


def test_incremental_run_after_an_unrelated_edit_gives_the_cold_verdict(tmp_path: Path) -> None:
    mistakes = _copy(tmp_path)
    cache = CACHE / "mypy" / "plugin-project-incremental"
    expected = _expected()
    assert len([line for line in expected if ": error:" in line]) == 44
    assert _mypy(mistakes, cache) == expected
    _edit(tmp_path / "clean" / "jaxmodels" / "losses.py")  # imported by batch_dims and structures
    assert _mypy(mistakes, cache) == expected
    _edit(tmp_path / "clean" / "jaxmodels" / "scalers.py")
    assert _mypy(mistakes, cache) == expected
    assert _mypy(mistakes, cache) == expected  # everything from the cache


class _Daemon:
    def __init__(self, status: Path, mistakes: Path, cache: Path) -> None:
        self.cmd = [sys.executable, "-m", "mypy.dmypy", "--status-file", str(status)]
        self.mistakes = mistakes
        self.cache = cache

    def run(self) -> list[str]:
        proc = subprocess.run(
            [*self.cmd, "run", "--timeout", "300", "--", "--config-file", str(self.mistakes / "mypy.ini"),
             "--cache-dir", str(self.cache), *FLAGS, *_modules(self.mistakes)],
            cwd=self.mistakes, capture_output=True, text=True, check=False,
        )
        return _sorted(proc)

    def stop(self) -> None:
        subprocess.run([*self.cmd, "stop"], cwd=self.mistakes, capture_output=True, check=False)


def test_dmypy_after_an_unrelated_edit_and_a_settings_change_gives_the_cold_verdict(tmp_path: Path) -> None:
    mistakes = _copy(tmp_path)
    expected = _expected()
    daemon = _Daemon(tmp_path / "dmypy.json", mistakes, CACHE / "mypy" / "plugin-project-dmypy")
    try:
        assert daemon.run() == expected
        _edit(tmp_path / "clean" / "jaxmodels" / "losses.py")
        assert daemon.run() == expected  # a fine-grained re-check
        # The plugin's settings change: the daemon restarts (its plugin snapshot changed).
        with (mistakes / "mypy.ini").open("a") as ini:
            ini.write("\n[batchtyping-mypy]\ndisable_codes = batch-dim, batch-leaf\n")
        quieter = _mypy(mistakes, CACHE / "mypy" / "plugin-project-quieter")  # the cold verdict
        kept = [line for line in expected if "[batch-dim]" not in line and "[batch-leaf]" not in line]
        unused = 'batch_dims.py:58: error: Unused "type: ignore" comment  [unused-ignore]'
        assert quieter == sorted([*kept, unused])
        assert daemon.run() == quieter
        # (No edit under these settings: dmypy's fine-grained re-check drops "Unused type:
        # ignore" errors of re-checked modules, plugin or not; mypy's own limitation.)
        (mistakes / "mypy.ini").write_text((MISTAKES / "mypy.ini").read_text())
        assert daemon.run() == expected
        _edit(tmp_path / "clean" / "jaxmodels" / "scalers.py")
        assert daemon.run() == expected
    finally:
        daemon.stop()


LIB = '''from batchtyping import {alias}


def scale(x: {alias}) -> None:
    return None
'''
MAIN = '''from batchtyping import BatchlessRealDataFixed

from lib import scale


def use(stats: BatchlessRealDataFixed) -> None:
    scale(stats)
    scale(stats)
'''
WRONG = ('main.py:7: error: Argument "x" to "scale" is batchless ("BatchlessRealDataFixed") where batched '
         'data ("RealDataFixed") is expected  [batch-dim]')


def test_dmypy_after_a_parameter_changes_its_alias_gives_the_cold_verdict(tmp_path: Path) -> None:
    """The call checker remembers each callee's parameter meanings per declared type object:
    a def whose annotation changes under dmypy is judged by its new parameters."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "mypy.ini").write_text("[mypy]\nstrict = True\nplugins = batchtyping_mypy\n")
    (project / "main.py").write_text(MAIN)
    lib = project / "lib.py"
    daemon = _Daemon(tmp_path / "dmypy.json", project, CACHE / "mypy" / "plugin-alias-change-dmypy")
    try:
        lib.write_text(LIB.format(alias="RealDataFixed"))
        assert daemon.run() == sorted([WRONG, WRONG.replace("main.py:7:", "main.py:8:")])
        lib.write_text(LIB.format(alias="BatchlessRealDataFixed"))
        assert daemon.run() == []
        lib.write_text(LIB.format(alias="RealDataFixed"))
        assert daemon.run() == sorted([WRONG, WRONG.replace("main.py:7:", "main.py:8:")])
    finally:
        daemon.stop()
