"""The configuration: ``[tool.batchtyping.codemods]`` of the nearest pyproject.toml, read once (libcst-free).

Keys are kebab-case in every codemod table (``verify-with``, ``forward-pass``,
``target-version``); ``[tool.batchtyping.mypy]`` is the plugin's table and keeps mypy's
snake_case convention. Typed tables (``Config.annotate``) are parsed once per run.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from batchtyping_codemods.errors import UsageError
from batchtyping_codemods.rules.conventions import AnnotateConfig, ConfigError


@dataclass(frozen=True)
class Config:
    """``[tool.batchtyping.codemods]`` of the nearest pyproject.toml, and that file's folder."""

    root: Path
    table: dict[str, Any]
    requires_python: str | None = None
    path: Path | None = None

    @cached_property
    def annotate(self) -> AnnotateConfig:
        """``[tool.batchtyping.codemods.annotate]``, parsed once; a bad value is a :class:`UsageError`
        naming the file and key."""
        try:
            return AnnotateConfig.from_table(self.table.get("annotate", {}), str(self.path or "pyproject.toml"))
        except ConfigError as error:
            raise UsageError(str(error)) from None


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """The config for paths under ``start``: ``explicit`` or the nearest pyproject.toml above it."""
    start = start.resolve()
    if explicit is None:
        for folder in [start, *start.parents] if start.is_dir() else start.parents:
            if (folder / "pyproject.toml").is_file():
                explicit = folder / "pyproject.toml"
                break
    if explicit is None:
        return Config(root=start if start.is_dir() else start.parent, table={})
    try:
        data = tomllib.loads(explicit.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{explicit}: invalid TOML: {error}") from None
    table = data.get("tool", {}).get("batchtyping", {}).get("codemods", {})
    if not isinstance(table, dict):
        raise UsageError(f"{explicit}: [tool.batchtyping.codemods] must be a table")
    exclude = table.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(p, str) for p in exclude):
        raise UsageError(f"{explicit}: tool.batchtyping.codemods.exclude must be a list of strings")
    requires = data.get("project", {}).get("requires-python")
    return Config(explicit.parent.resolve(), table, requires, explicit.resolve())
