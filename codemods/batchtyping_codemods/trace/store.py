"""The trace database: SQLite, one row per ``trace`` run, per traced function of a run, and
per recorded call.

Schema (``SCHEMA_VERSION`` 2)::

    runs(id, pid, host, started, finished)  -- one `batchtyping trace` run; finished NULL while it runs
    functions(id, run_id, module, qualname, filename, firstlineno,
              params,        -- JSON list of the parameter names, in order
              seen)          -- calls seen in this run, recorded or not (sampling keeps a subset)
    calls(id, function_id, args, result, traced)
              -- args: JSON object parameter name -> value description (see ``values``)
              -- result: JSON value description of the return value
              -- traced: 1 when some value was a jit/vmap/grad tracer
    meta(key, value)        -- schema_version

Every row belongs to one run, so concurrent runs never touch each other's rows. Several
processes (pytest-xdist workers, subprocesses, concurrent runs) write to one database: the
database is in WAL mode and every write takes SQLite's single writer lock up front
(``BEGIN IMMEDIATE``) with a busy timeout. ``begin_run(replace=True)`` (``trace`` without
``--append``) removes the rows of earlier runs that have finished, or whose ``trace``
process is gone, never those of a run still in progress. ``read`` merges a function's rows
over runs. A file that is not a trace database raises ``StoreError`` naming it: nothing is
ever added to, or deleted from, a foreign file.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

SCHEMA_VERSION = "2"
DEFAULT_DB = ".batchtyping-trace.sqlite"
_TABLES = {"meta", "runs", "functions", "calls"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    started REAL NOT NULL,
    finished REAL
);
CREATE TABLE IF NOT EXISTS functions (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    module TEXT NOT NULL,
    qualname TEXT NOT NULL,
    filename TEXT NOT NULL,
    firstlineno INTEGER NOT NULL,
    params TEXT NOT NULL,
    seen INTEGER NOT NULL DEFAULT 0,
    UNIQUE (run_id, filename, qualname, firstlineno)
);
CREATE TABLE IF NOT EXISTS calls (
    id INTEGER PRIMARY KEY,
    function_id INTEGER NOT NULL REFERENCES functions(id),
    args TEXT NOT NULL,
    result TEXT NOT NULL,
    traced INTEGER NOT NULL
);
"""


class StoreError(ValueError):
    """The file is not a usable trace database; the message names the file and the problem."""


class OtherSchema(StoreError):
    """A trace database of another schema version."""


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


@dataclass(frozen=True)
class Summary:
    """What one run recorded."""

    calls: int
    functions: int


# ---- opening ---------------------------------------------------------------------------
def _problem(error: sqlite3.Error) -> str:
    name = getattr(error, "sqlite_errorname", "")
    if name == "SQLITE_NOTADB":
        return "not a trace database (not an SQLite file)"
    if name == "SQLITE_CORRUPT":
        return "damaged trace database (truncated or corrupt: database disk image is malformed)"
    return f"cannot use trace database ({error})"


def _open(path: Path, create: bool, check: bool = True) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) to the database at
    ``path``, checked to be empty or a trace database of this schema."""
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a trace database")
    if not path.exists():
        if not create:
            raise FileNotFoundError(f"{path}: no trace database (run `batchtyping trace` first)")
        if not path.parent.is_dir():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
    uri = f"file:{quote(str(path.absolute()))}?mode={'rwc' if create else 'rw'}"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=60, isolation_level=None)
    except sqlite3.Error as error:
        raise StoreError(f"{path}: {_problem(error)}") from None
    try:
        if check:
            _check(db, path)
        if create:
            db.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as error:
        db.close()
        raise StoreError(f"{path}: {_problem(error)}") from None
    except BaseException:
        db.close()
        raise
    return db


def _check(db: sqlite3.Connection, path: Path) -> None:
    try:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and not _TABLES & tables:
            raise StoreError(f"{path}: not a trace database (an SQLite database with tables "
                             f"{', '.join(sorted(tables))})")
        if tables:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() \
                if "meta" in tables else None
            if row is None:
                raise StoreError(f"{path}: not a trace database (no schema_version in its meta table)")
            if row[0] != SCHEMA_VERSION:
                raise OtherSchema(f"{path}: trace database schema {row[0]}, expected {SCHEMA_VERSION}")
    except sqlite3.Error as error:
        raise StoreError(f"{path}: {_problem(error)}") from None


def _writing(db: sqlite3.Connection) -> None:
    """Take the writer lock and make sure the schema exists."""
    db.execute("BEGIN IMMEDIATE")
    for statement in filter(str.strip, _SCHEMA.split(";")):
        db.execute(statement)
    db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))


def _drop(db: sqlite3.Connection) -> None:
    db.execute("BEGIN IMMEDIATE")
    for table in sorted(_TABLES):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute("COMMIT")


def _guarded(path: Path, create: bool, work, check: bool = True):  # type: ignore[no-untyped-def]
    db = _open(path, create, check)
    try:
        return work(db)
    except sqlite3.Error as error:
        if db.in_transaction:
            db.rollback()
        raise StoreError(f"{path}: {_problem(error)}") from None
    finally:
        db.close()


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection to a trace database (created, in WAL mode, if missing)."""
    path = Path(path)
    db = _open(path, create=True)
    try:
        _writing(db)
        db.execute("COMMIT")
    except sqlite3.Error as error:
        db.close()
        raise StoreError(f"{path}: {_problem(error)}") from None
    return db


# ---- runs --------------------------------------------------------------------------------
def _alive(pid: int, host: str) -> bool:
    if host != socket.gethostname():
        return True  # cannot tell: keep its rows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def begin_run(path: str | Path, replace: bool) -> int:
    """Register a new run and return its id. With ``replace``, first remove the rows of the
    runs that have finished or whose process is gone, and replace a trace database of an
    older schema. The whole file is checked first."""
    path = Path(path)
    try:
        connect(path).close()
    except OtherSchema:
        if not replace:
            raise
        _guarded(path, True, _drop, check=False)

    def work(db: sqlite3.Connection) -> int:
        problems = [row for (row,) in db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise StoreError(f"{path}: damaged trace database ({problems[0]})")
        _writing(db)
        if replace:
            gone = [rid for rid, pid, host, finished in db.execute(
                "SELECT id, pid, host, finished FROM runs"
            ) if finished is not None or not _alive(pid, host)]
            for rid in gone:
                db.execute("DELETE FROM calls WHERE function_id IN "
                           "(SELECT id FROM functions WHERE run_id = ?)", (rid,))
                db.execute("DELETE FROM functions WHERE run_id = ?", (rid,))
                db.execute("DELETE FROM runs WHERE id = ?", (rid,))
        cursor = db.execute("INSERT INTO runs (pid, host, started) VALUES (?, ?, ?)",
                            (os.getpid(), socket.gethostname(), time.time()))
        db.execute("COMMIT")
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    return _guarded(path, True, work)  # type: ignore[no-any-return]


def finish_run(path: str | Path, run: int) -> None:
    def work(db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE runs SET finished = ? WHERE id = ?", (time.time(), run))
        db.execute("COMMIT")

    _guarded(Path(path), False, work)


def summary(path: str | Path, run: int) -> Summary:
    """How many calls and functions ``run`` recorded (other runs' rows not counted)."""
    def work(db: sqlite3.Connection) -> Summary:
        (functions,) = db.execute("SELECT count(*) FROM functions WHERE run_id = ?", (run,)).fetchone()
        (calls,) = db.execute("SELECT count(*) FROM calls JOIN functions ON functions.id = function_id"
                              " WHERE run_id = ?", (run,)).fetchone()
        return Summary(calls, functions)

    return _guarded(Path(path), False, work)  # type: ignore[no-any-return]


# ---- records -----------------------------------------------------------------------------
def write(path: str | Path, functions: Iterable[Function], run: int | None = None) -> None:
    """Add ``functions``' calls (and seen counts) to ``run`` (default: a new finished run),
    in one transaction under the writer lock."""
    path = Path(path)

    def work(db: sqlite3.Connection) -> None:
        _writing(db)
        rid = run
        if rid is None:
            now = time.time()
            rid = db.execute("INSERT INTO runs (pid, host, started, finished) VALUES (?, ?, ?, ?)",
                             (os.getpid(), socket.gethostname(), now, now)).lastrowid
        for fn in functions:
            (fid,) = db.execute(
                "INSERT INTO functions (run_id, module, qualname, filename, firstlineno, params, seen)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, filename, qualname, firstlineno)"
                " DO UPDATE SET seen = seen + excluded.seen RETURNING id",
                (rid, fn.module, fn.qualname, fn.filename, fn.firstlineno, json.dumps(fn.params), fn.seen),
            ).fetchone()
            db.executemany(
                "INSERT INTO calls (function_id, args, result, traced) VALUES (?, ?, ?, ?)",
                [(fid, json.dumps(c.args), json.dumps(c.result), int(c.traced)) for c in fn.calls],
            )
        db.execute("COMMIT")

    _guarded(path, True, work)


def read(path: str | Path) -> list[Function]:
    """Every function in the database with its calls (merged over runs), in a stable order."""
    path = Path(path)

    def work(db: sqlite3.Connection) -> list[Function]:
        if not db.execute("SELECT name FROM sqlite_master WHERE name = 'functions'").fetchone():
            return []
        db.execute("BEGIN")  # one snapshot
        by_key: dict[tuple[str, str, int], Function] = {}
        by_id: dict[int, Function] = {}
        for fid, module, qualname, filename, line, params, seen in db.execute(
            "SELECT id, module, qualname, filename, firstlineno, params, seen FROM functions"
            " ORDER BY filename, firstlineno, qualname, run_id"
        ):
            fn = by_key.get((filename, qualname, line))
            if fn is None:
                fn = by_key[(filename, qualname, line)] = Function(
                    module, qualname, filename, line, json.loads(params))
            fn.seen += seen
            by_id[fid] = fn
        for fid, args, result, traced in db.execute(
            "SELECT function_id, args, result, traced FROM calls ORDER BY id"
        ):
            by_id[fid].calls.append(Call(json.loads(args), json.loads(result), bool(traced)))
        db.execute("COMMIT")
        return list(by_key.values())

    return _guarded(path, False, work)  # type: ignore[no-any-return]
