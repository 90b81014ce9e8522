"""A mirror of the project that mypy's daemon checks: every Python file (and mypy config
file) of the project as a symlink to the real one, except the files with unsaved changes in
the editor, which are regular files holding the editor's text.

Why: dmypy reads files from disk only. Its ``--shadow-file`` mapping is fixed when the
daemon starts, and ``dmypy recheck --update`` is refused while imports are followed. Its
file watcher does see a symlink turn into a file, a file turn back into a symlink, and an
edit of the real file through the symlink, so one fine-grained re-check serves saved and
unsaved text alike.
"""

from __future__ import annotations

import os
from pathlib import Path

from batchtyping_codemods.lsp.project import CONFIG_NAMES

SOURCES = (".py", ".pyi")
MARKERS = ("py.typed",)
SKIPPED = {"__pycache__", "node_modules", "site-packages", "build", "dist"}


def _skipped(folder: Path, name: str) -> bool:
    return name.startswith(".") or name in SKIPPED or (folder / name / "pyvenv.cfg").is_file()


def project_files(root: Path, skip: Path) -> set[Path]:
    """The project's Python files and root config files, relative to ``root``."""
    found = {Path(name) for name in CONFIG_NAMES if (root / name).is_file()}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not _skipped(here, d) and here / d != skip]
        found.update(
            (here / f).relative_to(root) for f in files if f.endswith(SOURCES) or f in MARKERS
        )
    return found


class Mirror:
    def __init__(self, root: Path, folder: Path) -> None:
        self.root = root
        self.folder = folder
        self.files: set[Path] = set()

    def to_mirror(self, path: str) -> str:
        return str(self.folder / Path(path).resolve().relative_to(self.root))

    def to_real(self, path: str) -> str:
        try:
            return str(self.root / Path(path).relative_to(self.folder))
        except ValueError:
            return path

    def sync(self, unsaved: dict[str, str]) -> None:
        """Make the mirror match the project on disk, with ``unsaved`` (path -> text) on top."""
        buffers = {Path(path).resolve().relative_to(self.root): text for path, text in unsaved.items()}
        wanted = project_files(self.root, self.folder) | set(buffers)
        for gone in self.files - wanted:
            (self.folder / gone).unlink(missing_ok=True)
        for relative in sorted(wanted):
            target = self.folder / relative
            text = buffers.get(relative)
            if text is None:
                _link(target, self.root / relative)
            elif not target.is_file() or target.is_symlink() or target.read_text("utf-8") != text:
                _replace(target, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8"))
        self.files = wanted


def _link(target: Path, real: Path) -> None:
    if target.is_symlink() and os.readlink(target) == str(real):
        return
    _replace(target, lambda tmp: tmp.symlink_to(real))


def _replace(target: Path, make: object) -> None:
    """Atomically: the watcher never sees a missing file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    make(tmp)  # type: ignore[operator]
    os.replace(tmp, target)
