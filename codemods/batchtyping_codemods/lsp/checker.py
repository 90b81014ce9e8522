"""mypy's daemon (``dmypy``) for the project, with the project's config and the plugin,
checking the project's mirror (see ``mirror.py``) so that unsaved text is checked too."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from batchtyping_codemods.lsp.mirror import Mirror
from batchtyping_codemods.lsp.project import Project

FLAGS = [
    "--show-column-numbers", "--show-error-end", "--show-error-codes", "--show-absolute-path",
    "--no-pretty", "--no-error-summary", "--hide-error-context", "--no-color-output",
]


try:  # where mypy 2.x keeps it
    from mypy.ipc import BadStatus
except ImportError:  # pragma: no cover - older mypy keeps it in the client
    from mypy.dmypy.client import BadStatus  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Output:
    text: str  # mypy's report lines
    problem: str  # what stopped the check (empty when it ran)


class Daemon:
    """One dmypy daemon for the project, a child of this process (see ``daemon.py``)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.status = project.state_dir / "dmypy.json"
        self.process: subprocess.Popen[bytes] | None = None
        self.mirror = Mirror(project.root, project.state_dir / "mirror")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None and self.status.is_file()

    def start(self, timeout: float = 60.0) -> str:
        """Start it; the problem that stopped it, or ''."""
        self.stop()
        self.mirror.sync({})
        config = self.project.config_file
        if config is not None and config.is_relative_to(self.project.root):
            config = Path(self.mirror.to_mirror(str(config)))
        flags = [*FLAGS, "--cache-dir", str(self.project.cache_dir / "daemon")]
        flags += ["--config-file", str(config)] if config is not None else []
        log = (self.project.state_dir / "dmypy.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "batchtyping_codemods.lsp.daemon", str(os.getpid()),
             str(self.status), "--", *flags],
            cwd=self.mirror.folder, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
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

    def check(self, files: list[str], unsaved: dict[str, str]) -> Output:
        """Check ``files`` (real paths), reading each path in ``unsaved`` as its text there."""
        from mypy.dmypy.client import request

        self.mirror.sync(unsaved)
        try:
            response = request(
                str(self.status), "check", files=[self.mirror.to_mirror(f) for f in files],
                export_types=False, timeout=600,
            )
        except BadStatus as error:
            return Output("", f"mypy's daemon: {error}")
        if "error" in response:
            return Output("", f"mypy's daemon: {response['error']}")
        out = "".join(
            f"{self.mirror.to_real(line.split(':', 1)[0])}:{line.split(':', 1)[1]}" if ":" in line else line
            for line in str(response.get("out", "")).splitlines(keepends=True)
        )
        return _output(out, str(response.get("err", "")), int(response.get("status", 0) or 0))

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            from mypy.dmypy.client import request

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


def _output(out: str, err: str, status: int) -> Output:
    # mypy exits 1 for type errors, 2 for a crash or a bad config (the plugin's ConfigError),
    # and 2 for a syntax error too, which is reported as an error line.
    if status >= 2 and ": error:" not in out:
        return Output(out, (err or out).strip()[-2000:] or f"mypy exited with status {status}")
    return Output(out, "")
