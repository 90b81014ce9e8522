"""The plugin's settings: which codes are on, extra PyTree node classes.

Read, like pydantic's plugin settings, from the file mypy reads its own from: the
``[tool.batchtyping.mypy]`` table of a ``pyproject.toml``, or the ``[batchtyping-mypy]``
section of a ``mypy.ini``/``.mypy.ini``/``setup.cfg`` (an ini without that section falls back
on the table of the ``pyproject.toml`` next to it; no config file: the one in the working
folder). A bad file, key or value is one line in ``problems`` naming the file, the section,
the key and what is valid; what is bad is ignored and mypy carries on.
"""

from __future__ import annotations

import configparser
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from batchtyping_mypy.codes import ALL

TABLE = "tool.batchtyping.mypy"
SECTION = "batchtyping-mypy"
KEYS = ("disable_codes", "node_classes")


@dataclass(frozen=True)
class Config:
    disabled_codes: frozenset[str] = frozenset()
    node_classes: frozenset[str] = frozenset()
    source: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    """One line per bad file, key or value, each naming the file, section and key."""

    def enabled(self, code: str) -> bool:
        return code not in self.disabled_codes

    def digest(self) -> str:
        """Changes whenever the settings do (mypy's caches and dmypy follow it)."""
        data = json.dumps([sorted(self.disabled_codes), sorted(self.node_classes)])
        return hashlib.sha256(data.encode()).hexdigest()[:16]


def load(config_file: str | None) -> Config:
    """The settings for mypy's ``config_file`` (None: mypy found none); never raises."""
    problems: list[str] = []
    path = Path(config_file) if config_file else None
    if path is not None and path.suffix != ".toml":
        section = _ini_section(path, problems)
        if section is not None:
            return _validate(section, f"{path}: [{SECTION}]", str(path), problems, _names)
        path = path.parent / "pyproject.toml"
    elif path is None:
        path = Path.cwd() / "pyproject.toml"
    if not path.is_file():
        return Config(problems=tuple(problems))
    table = _toml_table(path, problems)
    return _validate(table, f"{path}: [{TABLE}]", str(path), problems, _list)


def _ini_section(path: Path, problems: list[str]) -> dict[str, str] | None:
    parser = configparser.RawConfigParser()
    try:
        with path.open(encoding="utf-8") as f:
            parser.read_file(f)
    except (OSError, UnicodeDecodeError, configparser.Error) as error:
        problems.append(f"{path}: not read ({_first_line(error)}); the plugin uses its defaults")
        return None
    return dict(parser.items(SECTION)) if parser.has_section(SECTION) else None


def _toml_table(path: Path, problems: list[str]) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            document = tomllib.load(f)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        problems.append(f"{path}: not read ({_first_line(error)}); the plugin uses its defaults")
        return {}
    table: Any = document
    for part in TABLE.split("."):
        table = table.get(part, {}) if isinstance(table, dict) else {}
    if not isinstance(table, dict):
        problems.append(f"{path}: [{TABLE}] must be a table; the plugin uses its defaults")
        return {}
    return table


def _validate(table: dict[str, Any], where: str, source: str, problems: list[str], read: Any) -> Config:
    for key in sorted(set(table) - set(KEYS)):
        problems.append(f'{where}: unknown key "{key}" (ignored); valid keys: {", ".join(KEYS)}')
    disabled = read(table, "disable_codes", where, problems)
    for code in [c for c in disabled if c not in ALL]:
        problems.append(
            f'{where}: disable_codes: unknown code "{code}" (ignored); valid codes: {", ".join(sorted(ALL))}'
        )
    nodes = read(table, "node_classes", where, problems)
    raw = {key: table[key] for key in KEYS if key in table}
    codes = frozenset(c for c in disabled if c in ALL)
    return Config(codes, frozenset(nodes), source, raw, tuple(problems))


def _list(table: dict[str, Any], key: str, where: str, problems: list[str]) -> list[str]:
    """A TOML value: a list of strings."""
    value = table.get(key, [])
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    problems.append(f'{where}: {key} must be a list of strings, like {key} = ["..."] (ignored)')
    return []


def _names(table: dict[str, str], key: str, where: str, problems: list[str]) -> list[str]:
    """An ini value: names separated by commas or new lines."""
    return [name.strip() for name in table.get(key, "").replace("\n", ",").split(",") if name.strip()]


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
