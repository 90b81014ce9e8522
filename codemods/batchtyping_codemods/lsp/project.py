"""The project a document belongs to: its root, mypy config file, and the server's own folder."""

from __future__ import annotations

import configparser
import hashlib
import json
import os
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

CONFIG_NAMES = ("mypy.ini", ".mypy.ini", "pyproject.toml", "setup.cfg")
ROOT_MARKERS = (*CONFIG_NAMES, ".git")


@dataclass(frozen=True)
class Project:
    root: Path
    config_file: Path | None
    cache_dir: Path  # mypy's caches, kept across server runs
    state_dir: Path  # this server's status file and shadow copies, removed on exit

    def config_files(self) -> list[Path]:
        """The files whose content decides the check: mypy's config, the plugin's table."""
        files = [self.root / name for name in CONFIG_NAMES]
        if self.config_file is not None:
            files.append(self.config_file)
        return sorted({f for f in files if f.is_file()})

    def config_fingerprint(self) -> str:
        """Changes when the check would: mypy's sections and ``[tool.batchtyping.mypy]``
        (another edit of pyproject.toml, say its version, keeps the daemon)."""
        digest = hashlib.sha256()
        for path in self.config_files():
            relevant = _relevant(path)
            if relevant:
                digest.update(str(path).encode() + b"\0" + relevant + b"\0")
        return digest.hexdigest()

    def relative(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path.resolve())


def _relevant(path: Path) -> bytes:
    """What of a config file mypy or the plugin reads (b"" for none of it)."""
    raw = path.read_bytes()
    try:
        if path.suffix == ".toml":
            tool = tomllib.loads(raw.decode("utf-8")).get("tool", {})
            tables = {"mypy": tool.get("mypy"), "batchtyping": tool.get("batchtyping", {}).get("mypy")}
            if tables == {"mypy": None, "batchtyping": None}:
                return b""
            return json.dumps(tables, sort_keys=True, default=str).encode()
        if path.name == "setup.cfg":
            parser = configparser.RawConfigParser()
            parser.read_string(raw.decode("utf-8"))
            sections = {name: dict(parser[name]) for name in parser.sections() if name.startswith("mypy")}
            return json.dumps(sections, sort_keys=True).encode() if sections else b""
    except (ValueError, AttributeError, configparser.Error):  # a broken file: mypy will say what is wrong
        pass
    return raw


def find_root(start: Path) -> Path:
    """The nearest folder above ``start`` holding a mypy config or ``.git``; else ``start``'s folder."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return folder


def find_config(root: Path) -> Path | None:
    """mypy's own order: mypy.ini, .mypy.ini, then pyproject.toml / setup.cfg with a mypy section."""
    for name in CONFIG_NAMES:
        path = root / name
        if not path.is_file():
            continue
        if name.endswith("mypy.ini"):
            return path
        text = path.read_text(encoding="utf-8", errors="replace")
        if (name == "pyproject.toml" and "[tool.mypy" in text) or (
            name == "setup.cfg" and "[mypy" in text
        ):
            return path
    return None


def open_project(start: Path, cache_dir: Path | None = None) -> Project:
    """The project of ``start``; its state goes under ``cache_dir`` (default: the root's .mypy_cache)."""
    root = find_root(start)
    base = cache_dir if cache_dir is not None else root / ".mypy_cache"
    key = hashlib.sha256(str(root).encode()).hexdigest()[:12]
    home = base.resolve() / "batchtyping-lsp" / key
    state = home / f"server-{os.getpid()}"
    state.mkdir(parents=True, exist_ok=True)
    return Project(root, find_config(root), home / "mypy", state)


def remove_state(project: Project) -> None:
    shutil.rmtree(project.state_dir, ignore_errors=True)
