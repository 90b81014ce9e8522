"""Run a command on text as the runner does: the helper tests and tools use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from batchtyping_codemods.framework.command import Command
from batchtyping_codemods.framework.config import Config
from batchtyping_codemods.framework.events import Event
from batchtyping_codemods.framework.runner import transform


def run_command(
    command: type[Command],
    source: str,
    *,
    path: str = "example.py",
    table: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
    module: tuple[str, str] | None = None,
    requires_python: str | None = None,
) -> tuple[str, list[Event]]:
    """(new source, events) of ``command`` on ``source`` (a file at ``path`` of ``module``)."""
    config = Config(Path.cwd(), table or {}, requires_python)
    return transform(command, Path(path), source, options or {}, config, module=module or ("example", ""))
