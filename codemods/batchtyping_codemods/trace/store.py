"""The trace database: SQLite, one row per traced function and one per recorded call.

Schema (``SCHEMA_VERSION`` 1)::

    functions(id, module, qualname, filename, firstlineno,
              params,        -- JSON list of the parameter names, in order
              seen)          -- calls seen, recorded or not (sampling keeps a subset)
    calls(id, function_id, args, result, traced)
              -- args: JSON object parameter name -> value description (see ``values``)
              -- result: JSON value description of the return value
              -- traced: 1 when some value was a jit/vmap/grad tracer
    meta(key, value)        -- schema_version

Several processes (pytest-xdist workers, subprocesses) may write to one database: each
writes its buffered calls in one transaction, with a busy timeout.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = "1"
DEFAULT_DB = ".batchtyping-trace.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS functions (
    id INTEGER PRIMARY KEY,
    module TEXT NOT NULL,
    qualname TEXT NOT NULL,
    filename TEXT NOT NULL,
    firstlineno INTEGER NOT NULL,
    params TEXT NOT NULL,
    seen INTEGER NOT NULL DEFAULT 0,
    UNIQUE (filename, qualname, firstlineno)
);
CREATE TABLE IF NOT EXISTS calls (
    id INTEGER PRIMARY KEY,
    function_id INTEGER NOT NULL REFERENCES functions(id),
    args TEXT NOT NULL,
    result TEXT NOT NULL,
    traced INTEGER NOT NULL
);
"""


@dataclass
class Call:
    args: dict[str, Any]
    result: dict[str, Any]
    traced: bool = False


@dataclass
class Function:
    """One traced function and its recorded calls."""

    module: str
    qualname: str
    filename: str
    firstlineno: int
    params: list[str]
    seen: int = 0
    calls: list[Call] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.filename, self.qualname, self.firstlineno)


def connect(path: str | Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), timeout=60)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(_SCHEMA)
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        db.commit()
    elif row[0] != SCHEMA_VERSION:
        db.close()
        raise ValueError(f"{path}: trace database schema {row[0]}, expected {SCHEMA_VERSION}")
    return db


def write(path: str | Path, functions: Iterable[Function]) -> None:
    """Add ``functions``' calls (and seen counts) to the database, in one transaction."""
    db = connect(path)
    try:
        with db:
            for fn in functions:
                db.execute(
                    "INSERT INTO functions (module, qualname, filename, firstlineno, params, seen)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (filename, qualname, firstlineno)"
                    " DO UPDATE SET seen = seen + excluded.seen",
                    (fn.module, fn.qualname, fn.filename, fn.firstlineno, json.dumps(fn.params), fn.seen),
                )
                (fid,) = db.execute(
                    "SELECT id FROM functions WHERE filename = ? AND qualname = ? AND firstlineno = ?",
                    fn.key,
                ).fetchone()
                db.executemany(
                    "INSERT INTO calls (function_id, args, result, traced) VALUES (?, ?, ?, ?)",
                    [(fid, json.dumps(c.args), json.dumps(c.result), int(c.traced)) for c in fn.calls],
                )
    finally:
        db.close()


def read(path: str | Path) -> list[Function]:
    """Every function in the database with its calls, in a stable order."""
    if not Path(path).exists():
        raise FileNotFoundError(f"{path}: no trace database (run `batchtyping trace` first)")
    db = connect(path)
    try:
        functions: dict[int, Function] = {}
        for fid, module, qualname, filename, line, params, seen in db.execute(
            "SELECT id, module, qualname, filename, firstlineno, params, seen FROM functions"
            " ORDER BY filename, firstlineno, qualname"
        ):
            functions[fid] = Function(module, qualname, filename, line, json.loads(params), seen)
        for fid, args, result, traced in db.execute(
            "SELECT function_id, args, result, traced FROM calls ORDER BY id"
        ):
            functions[fid].calls.append(Call(json.loads(args), json.loads(result), bool(traced)))
        return list(functions.values())
    finally:
        db.close()
