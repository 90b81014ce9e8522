"""Reading and writing one file: encodings, BOM and newlines kept; atomic replacement; diffs."""

from __future__ import annotations

import difflib
import io
import os
import tempfile
import tokenize
from pathlib import Path

from batchtyping_codemods.framework.results import FileResult


def read_source(path: Path) -> tuple[str, str]:
    """(text, encoding) honouring a BOM (``utf-8-sig``) and a PEP 263 coding cookie; newlines kept."""
    data = path.read_bytes()
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding), encoding


def write_atomic(path: Path, text: str, encoding: str) -> None:
    """Replace ``path`` by ``text`` through a temp file in the same folder; the mode is kept."""
    data = text.encode(encoding)
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


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
