"""The typed seams of a run: what it was asked (:class:`RunOptions`) and what one file gave (:class:`FileResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from batchtyping_codemods.framework.config import Config
from batchtyping_codemods.framework.events import Event

if TYPE_CHECKING:
    from batchtyping_codemods.framework.command import Command

Status = Literal["unchanged", "changed", "skipped", "error"]


@dataclass
class FileResult:
    """What a command did (or would do) to one file."""

    path: Path
    status: Status
    before: str = ""
    after: str = ""
    encoding: str = "utf-8"
    events: list[Event] = field(default_factory=list)
    message: str = ""
    """Why the file was skipped, or the error (``path:line:col: message``)."""
    digest: str = ""
    """SHA-256 of the bytes read: the file is written only if it still has them."""


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs besides the file list (picklable: sent to worker processes)."""

    command: type[Command]
    options: dict[str, Any]
    config: Config
    mode: Literal["write", "diff", "check"] = "write"
    jobs: int = 1
    progress: bool = False
    report: str = "full"
    """The ``--format`` of the final report (:mod:`~batchtyping_codemods.framework.report`)."""
    quiet: bool = False
    force: bool = False
    """Write read-only files too (``--force``)."""
    notes: list[str] = field(default_factory=list)
    """Run-level lines a ``postprocess`` adds to the summary (``narrow: 12 errors before, 3 after``)."""
