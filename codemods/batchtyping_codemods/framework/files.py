"""Reading and writing one file: encodings, BOM and newlines kept; safe replacement; diffs.

A write goes to the file a symlink points at, never replaces the link; a hard-linked file,
or one whose owner or extended attributes a fresh copy could not keep, is rewritten in
place; otherwise a temp file in the same folder (mode, owner and xattrs copied) replaces it
atomically. The file must still hold what the run read (its SHA-256), checked right before
the replacement. Read-only files are refused unless forced. SIGINT/SIGTERM arriving during
a write are held until the write is complete (no 0-byte temp files, no half-written file).
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import signal
import stat
import tempfile
import threading
import tokenize
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from batchtyping_codemods.framework.results import FileResult

WRITE_HOOK: Callable[[str, Path], None] | None = None
"""Test seam: called with ("before", path) as a write starts and ("temp", path) once the temp
file exists (tests edit a file or send a signal there, so timing needs no sleeps)."""


class WriteRefused(OSError):
    """A file the run must not write: changed since it was read, read-only, not writable."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(path: Path) -> tuple[str, str]:
    """(text, encoding) honouring a BOM (``utf-8-sig``) and a PEP 263 coding cookie; newlines kept."""
    text, encoding, _ = read_source_digest(path)
    return text, encoding


def read_source_digest(path: Path) -> tuple[str, str, str]:
    """(text, encoding, SHA-256 of the bytes read)."""
    data = path.read_bytes()
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding), encoding, digest(data)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends, then deliver them (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    previous = {s: signal.signal(s, hold) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(caught):
            handler = previous[signum]
            if callable(handler):
                handler(signum, None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(signum)


def write_atomic(path: Path, text: str, encoding: str, *, expected: str | None = None,
                 force: bool = False) -> None:
    """Write ``text`` to ``path`` (through a symlink to its target), keeping mode, owner,
    hard links and xattrs. ``expected``: the SHA-256 the file must still have, else
    :class:`WriteRefused`; so are read-only files unless ``force``."""
    data = text.encode(encoding)
    target = Path(os.path.realpath(path))
    with signals_held():
        if WRITE_HOOK is not None:
            WRITE_HOOK("before", path)
        info = os.stat(target)
        if not force and not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise WriteRefused(f"read-only (mode {stat.S_IMODE(info.st_mode):04o}); --force writes it")
        if not os.access(target, os.W_OK) and not (force and info.st_uid == os.geteuid()):
            raise WriteRefused("not writable by this user")
        if info.st_nlink > 1 or not _replace(target, data, info, expected):
            _check_unchanged(target, expected)
            _write_in_place(target, data, info, force)


def _check_unchanged(target: Path, expected: str | None) -> None:
    if expected is not None and digest(target.read_bytes()) != expected:
        raise WriteRefused("changed since this run read it; not written (re-run to include the edit)")


def _replace(target: Path, data: bytes, info: os.stat_result, expected: str | None) -> bool:
    """Replace ``target`` by a temp copy; False when a copy could not keep owner or xattrs
    (or the folder is not writable): the caller writes in place instead."""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except PermissionError:
        return False
    try:
        with os.fdopen(fd, "wb") as file:
            if WRITE_HOOK is not None:
                WRITE_HOOK("temp", target)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            try:
                os.chown(tmp, info.st_uid, info.st_gid)
            except PermissionError:
                os.unlink(tmp)
                return False
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
        if not _copy_xattrs(target, tmp):
            os.unlink(tmp)
            return False
        _check_unchanged(target, expected)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


def _copy_xattrs(source: Path, dest: str) -> bool:
    """Copy every extended attribute; False when one cannot be copied (or read)."""
    if not hasattr(os, "listxattr"):
        return True
    try:
        names = os.listxattr(source)
    except OSError:
        return True  # the file system has none
    try:
        for name in names:
            os.setxattr(dest, name, os.getxattr(source, name))
    except OSError:
        return False
    return True


def _write_in_place(target: Path, data: bytes, info: os.stat_result, force: bool) -> None:
    """Overwrite the file's own inode (hard links, owner and xattrs stay); a read-only file
    (forced) gets write permission for the duration only."""
    mode = stat.S_IMODE(info.st_mode)
    if force and not os.access(target, os.W_OK):
        os.chmod(target, mode | stat.S_IWUSR)
    try:
        with open(target, "r+b") as file:
            file.write(data)
            file.truncate()
            file.flush()
            os.fsync(file.fileno())
    finally:
        if stat.S_IMODE(os.stat(target).st_mode) != mode:
            os.chmod(target, mode)


def unified_diff(result: FileResult) -> str:
    name = result.path.as_posix().lstrip("/")
    return "".join(
        difflib.unified_diff(
            result.before.splitlines(keepends=True),
            result.after.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
    )

