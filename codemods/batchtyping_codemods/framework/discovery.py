"""Which files a run sees: folders walked honouring ``.gitignore``, ``.git/info/exclude`` and
``exclude``; module names."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pathspec

from batchtyping_codemods.errors import UsageError
from batchtyping_codemods.framework.config import Config

ALWAYS_EXCLUDED = (".git/", ".hg/", ".svn/", "__pycache__/", ".venv/", ".tox/", ".nox/",
                   ".mypy_cache/", "node_modules/", "site-packages/")


def _git_root(path: Path) -> Path | None:
    for folder in [path, *path.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def _gitignore(folder: Path, name: str = ".gitignore") -> pathspec.PathSpec | None:
    file = folder / name
    if not file.is_file():
        return None
    return pathspec.GitIgnoreSpec.from_lines(file.read_text(encoding="utf-8", errors="replace").splitlines())


def _git_dir(git_root: Path) -> Path:
    """The repository's common git folder (a worktree's ``.git`` file points into it)."""
    dot_git = git_root / ".git"
    if dot_git.is_dir():
        return dot_git
    try:
        text = dot_git.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return dot_git
    git_dir = (git_root / text.removeprefix("gitdir:").strip()).resolve()
    common = git_dir / "commondir"
    if common.is_file():
        return (git_dir / common.read_text(encoding="utf-8", errors="replace").strip()).resolve()
    return git_dir


def _ignore_files(root: Path, git_root: Path) -> list[tuple[Path, pathspec.PathSpec]]:
    """``.git/info/exclude``, then the ``.gitignore`` files above ``root`` (inside the repository)."""
    specs: list[tuple[Path, pathspec.PathSpec]] = []
    exclude = _gitignore(_git_dir(git_root) / "info", "exclude")
    if exclude is not None:
        specs.append((git_root, exclude))
    for folder in reversed([root, *root.parents]):
        if folder == root or not folder.is_relative_to(git_root):
            continue
        spec = _gitignore(folder)
        if spec is not None:
            specs.append((folder, spec))
    return specs


def discover(paths: Sequence[Path], config: Config) -> list[Path]:
    """Python files under ``paths``: folders are walked honouring ``.gitignore`` files and the
    ``exclude`` patterns (gitignore syntax, relative to the config's folder); files named
    explicitly are kept unless ``exclude`` matches them."""
    exclude = pathspec.GitIgnoreSpec.from_lines([*ALWAYS_EXCLUDED, *config.table.get("exclude", [])])

    def excluded(path: Path, is_dir: bool) -> bool:
        try:
            rel = path.resolve().relative_to(config.root).as_posix()
        except (ValueError, RuntimeError, OSError):  # outside the root; a symlink loop
            rel = path.name
        return exclude.match_file(rel + "/" if is_dir else rel)

    found: dict[Path, None] = {}
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_file():
            if not excluded(path, False):
                found[path] = None
            continue
        root = path.resolve()
        git_root = _git_root(root)
        specs = [] if git_root is None else _ignore_files(root, git_root)
        found.update(dict.fromkeys(_walk(path, root, specs, excluded, git_root is not None)))
    return list(found)


def _ignored(path: Path, is_dir: bool, specs: list[tuple[Path, pathspec.PathSpec]]) -> bool:
    for base, spec in specs:
        rel = path.relative_to(base).as_posix()
        if spec.match_file(rel + "/" if is_dir else rel):
            return True
    return False


def _walk(
    shown: Path,
    real: Path,
    specs: list[tuple[Path, pathspec.PathSpec]],
    excluded: Callable[[Path, bool], bool],
    in_git: bool,
) -> Iterator[Path]:
    if in_git and (spec := _gitignore(real)) is not None:
        specs = [*specs, (real, spec)]
    for entry in sorted(os.scandir(real), key=lambda e: e.name):
        child_real, child_shown = real / entry.name, shown / entry.name
        is_dir = entry.is_dir(follow_symlinks=False)  # as git: no symlinked folders, no cycles
        if excluded(child_real, is_dir) or _ignored(child_real, is_dir, specs):
            continue
        if is_dir:
            yield from _walk(child_shown, child_real, specs, excluded, in_git)
        elif entry.name.endswith((".py", ".pyi")) and _readable_link(entry, child_shown):
            yield child_shown


def _readable_link(entry: os.DirEntry[str], shown: Path) -> bool:
    """False, with one line on stderr, for a symlink that loops or points nowhere."""
    if not entry.is_symlink():
        return True
    try:
        os.stat(entry.path)
    except OSError as error:
        why = "a symlink loop" if error.errno == errno.ELOOP else "a symlink to nothing"
        print(f"batchtyping: {shown}: {why}, skipped", file=sys.stderr)
        return False
    return True


def module_name(path: Path) -> tuple[str, str]:
    """(full module name, package name) from the ``__init__.py`` files above ``path``."""
    path = path.resolve()
    parts = [] if path.stem == "__init__" else [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file() or (folder / "__init__.pyi").is_file():
        parts.insert(0, folder.name)
        folder = folder.parent
    name = ".".join(parts)
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    return name, package
