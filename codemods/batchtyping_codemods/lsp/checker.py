"""The two ways a check runs, both with the project's mypy config and the plugin:

* saved files: mypy's daemon (``dmypy check``), fine-grained and fast after its first build;
* unsaved buffers: dmypy reads files from disk only (a ``--shadow-file`` mapping is fixed when
  the daemon starts, and ``dmypy recheck --update`` is refused while imports are followed), so
  those checks run mypy in process from its incremental cache, each unsaved buffer written to
  a shadow copy and mapped with ``--shadow-file``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from batchtyping_codemods.lsp.project import Project

FLAGS = [
    "--show-column-numbers", "--show-error-end", "--show-error-codes", "--show-absolute-path",
    "--no-pretty", "--no-error-summary", "--hide-error-context", "--no-color-output",
]


@dataclass(frozen=True)
class Output:
    text: str  # mypy's report lines
    problem: str  # what stopped the check (empty when it ran)


def _config_flags(project: Project) -> list[str]:
    return ["--config-file", str(project.config_file)] if project.config_file else []


class Daemon:
    """One dmypy daemon for the project, a child of this process (see ``daemon.py``)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.status = project.state_dir / "dmypy.json"
        self.process: subprocess.Popen[bytes] | None = None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None and self.status.is_file()

    def start(self, timeout: float = 60.0) -> str:
        """Start it; the problem that stopped it, or ''."""
        self.stop()
        cache = self.project.cache_dir / "daemon"
        flags = [*FLAGS, *_config_flags(self.project), "--cache-dir", str(cache)]
        log = (self.project.state_dir / "dmypy.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "batchtyping_codemods.lsp.daemon", str(os.getpid()),
             str(self.status), "--", *flags],
            cwd=self.project.root, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while not self.status.is_file():
            if self.process.poll() is not None or time.monotonic() > deadline:
                return "mypy's daemon did not start: " + self._log_tail()
            time.sleep(0.02)
        return ""

    def _log_tail(self) -> str:
        path = self.project.state_dir / "dmypy.log"
        return path.read_text(errors="replace")[-2000:] if path.is_file() else ""

    def check(self, files: list[str]) -> Output:
        from mypy.dmypy.client import BadStatus, request

        try:
            response = request(
                str(self.status), "check", files=files, export_types=False, timeout=600
            )
        except BadStatus as error:
            return Output("", f"mypy's daemon: {error}")
        if "error" in response:
            return Output("", f"mypy's daemon: {response['error']}")
        return _output(str(response.get("out", "")), str(response.get("err", "")),
                       int(response.get("status", 0) or 0))

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            from mypy.dmypy.client import BadStatus, request

            try:
                request(str(self.status), "stop", timeout=5)
            except (BadStatus, OSError):
                pass
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.status.unlink(missing_ok=True)
        self.process = None


def check_buffers(project: Project, files: list[str], buffers: dict[str, str]) -> Output:
    """mypy in process on ``files``, reading each path in ``buffers`` from its text instead."""
    from mypy import api

    shadow_dir = project.state_dir / "shadow"
    args = [*FLAGS, *_config_flags(project), "--cache-dir", str(project.cache_dir / "buffers")]
    for index, (path, text) in enumerate(sorted(buffers.items())):
        shadow = shadow_dir / str(index) / Path(path).name
        shadow.parent.mkdir(parents=True, exist_ok=True)
        shadow.write_text(text, encoding="utf-8")
        args += ["--shadow-file", path, str(shadow)]
    out, err, status = api.run([*args, *files])
    return _output(out, err, status)


def _output(out: str, err: str, status: int) -> Output:
    # mypy exits 1 for type errors, 2 for a crash or a bad config (the plugin's ConfigError).
    if status >= 2 or (err.strip() and not out.strip()):
        return Output(out, (err or out).strip()[-2000:] or f"mypy exited with status {status}")
    return Output(out, "")
