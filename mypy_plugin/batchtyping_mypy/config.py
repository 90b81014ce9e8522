"""``[tool.batchtyping.mypy]`` in pyproject.toml: which codes are on, extra PyTree node classes."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from batchtyping_mypy.codes import ALL


class ConfigError(ValueError):
    """A bad ``[tool.batchtyping.mypy]`` table (the message names the file and the key)."""


@dataclass(frozen=True)
class Config:
    disabled_codes: frozenset[str] = frozenset()
    node_classes: frozenset[str] = frozenset()
    source: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        return code not in self.disabled_codes


def _pyproject(config_file: str | None) -> Path | None:
    if config_file:
        path = Path(config_file)
        if path.suffix == ".toml":
            return path
        candidate = path.parent / "pyproject.toml"
    else:
        candidate = Path.cwd() / "pyproject.toml"
    return candidate if candidate.is_file() else None


def load(config_file: str | None) -> Config:
    """Read the table next to (or in) mypy's config file; no table means the defaults."""
    path = _pyproject(config_file)
    if path is None:
        return Config()
    with path.open("rb") as f:
        table = tomllib.load(f).get("tool", {}).get("batchtyping", {}).get("mypy", {})
    unknown = set(table) - {"disable_codes", "node_classes"}
    if unknown:
        raise ConfigError(f"{path}: [tool.batchtyping.mypy] has unknown key(s) {sorted(unknown)}")
    disabled = _strings(table, "disable_codes", path)
    bad = sorted(set(disabled) - set(ALL))
    if bad:
        raise ConfigError(
            f"{path}: [tool.batchtyping.mypy] disable_codes has unknown code(s) {bad}; "
            f"known: {sorted(ALL)}"
        )
    nodes = _strings(table, "node_classes", path)
    return Config(frozenset(disabled), frozenset(nodes), str(path), dict(table))


def _strings(table: dict[str, Any], key: str, path: Path) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: [tool.batchtyping.mypy] {key} must be a list of strings")
    return value
