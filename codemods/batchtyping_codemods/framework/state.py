"""The typed per-file state a run hands a command (one entry in libcst's ``context.scratch``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from batchtyping_codemods.framework.config import Config
from batchtyping_codemods.framework.events import Event

STATE_KEY = "batchtyping.file"


@dataclass
class FileState:
    """What the runner knows of a file, and what the command reports back."""

    config: Config
    source: str | None = None
    """The file's text as read (``None`` under ``python -m libcst.tool``)."""
    has_skip_comments: bool | None = None
    """Whether a ``# batchtyping: skip`` comment occurs (``None``: not looked at yet)."""
    events: list[Event] = field(default_factory=list)
    dropped_uses: Counter[str] = field(default_factory=Counter)
    """Uses of a local name the command rewrote away (its import goes when none is left)."""


def file_state(scratch: dict[str, Any]) -> FileState:
    """The state in a context's ``scratch``; a default one when the runner did not set it."""
    state = scratch.get(STATE_KEY)
    if state is None:
        state = scratch[STATE_KEY] = FileState(Config(Path.cwd(), {}))
    assert isinstance(state, FileState)
    return state
