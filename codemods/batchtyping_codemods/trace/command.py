"""``batchtyping trace``: run a Python command while recording calls; ``--report`` the result.

::

    batchtyping trace [--module PKG ...] [--db FILE] -- python -m pytest tests/
    batchtyping trace --report [--db FILE]

The command runs as a subprocess whose every Python process (pytest-xdist workers too)
starts the recorder from a ``sitecustomize`` put first on ``PYTHONPATH``. A command
starting with ``-m``, ``-c`` or a ``.py`` file runs with this Python.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from batchtyping_codemods.errors import UsageError
from batchtyping_codemods.trace import store
from batchtyping_codemods.trace.bootstrap import ENV_DB, ENV_OPTIONS

SITE_DIR = Path(__file__).resolve().parent / "_site"
PACKAGE_PARENT = Path(__file__).resolve().parents[2]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--module", action="append", default=[], metavar="PKG",
                        help="record functions of this package (repeatable; default: every "
                        "non-test module under the current folder)")
    parser.add_argument("--db", type=Path, default=Path(store.DEFAULT_DB), metavar="FILE",
                        help=f"the trace database (default: {store.DEFAULT_DB})")
    parser.add_argument("--append", action="store_true",
                        help="add to an existing database instead of starting afresh")
    parser.add_argument("--first", type=int, default=20, metavar="N",
                        help="record each function's first N calls (default: 20)")
    parser.add_argument("--every", type=int, default=50, metavar="K",
                        help="then every K-th call (default: 50)")
    parser.add_argument("--report", action="store_true",
                        help="print, per function, what `apply` infers and from how many calls")
    parser.add_argument("command", nargs=argparse.REMAINDER, metavar="-- COMMAND ...",
                        help="the Python command to trace")


def command_line(command: list[str]) -> list[str]:
    """``command`` with this Python in front when it is a script or ``-m``/``-c``."""
    if command and (command[0] in ("-m", "-c") or command[0].endswith(".py")):
        return [sys.executable, *command]
    return command


def environment(db: Path, modules: list[str], first: int, every: int, run: int) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SITE_DIR), env.get("PYTHONPATH")]))
    env[ENV_DB] = str(db.resolve())
    env[ENV_OPTIONS] = json.dumps(
        {"modules": modules, "root": os.getcwd(), "first": first, "every": every, "run": run}
    )
    env["BATCHTYPING_TRACE_PATH"] = str(PACKAGE_PARENT)
    return env


def run(args: argparse.Namespace) -> int:
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command and not args.report:
        print("batchtyping trace: give a command after `--`, or --report", file=sys.stderr)
        return 2
    code = 0
    if command:
        try:
            code = _trace(args, command)
        except store.StoreError as error:
            print(f"batchtyping trace: {error}", file=sys.stderr)
            return 2
        except OSError as error:
            print(f"batchtyping trace: cannot run {command[0]!r}: {error}", file=sys.stderr)
            return 2
    if args.report:
        try:
            print(report(store.read(args.db)))
        except (FileNotFoundError, ValueError, UsageError) as error:
            print(f"batchtyping trace: {error}", file=sys.stderr)
            return 2
    return code


def _trace(args: argparse.Namespace, command: list[str]) -> int:
    """Run ``command`` as a new run of the database: without ``--append`` the records of
    earlier, finished runs go first; a run still in progress keeps its records."""
    run = store.begin_run(args.db, replace=not args.append)
    try:
        code = subprocess.call(
            command_line(command), env=environment(args.db, args.module, args.first, args.every, run)
        )
    finally:
        store.finish_run(args.db, run)
    done = store.summary(args.db, run)
    print(f"batchtyping trace: recorded {done.calls} call(s) of {done.functions} function(s) "
          f"in {args.db} (command exit code {code})", file=sys.stderr)
    return code


def report(functions: list[store.Function], root: Path | None = None) -> str:
    """Per function: the inferred annotations, or why none, and from how many calls. The
    naming conventions are those of the nearest pyproject.toml above ``root`` (default: the
    current folder), as ``apply`` reads them."""
    from batchtyping_codemods.framework.config import load_config
    from batchtyping_codemods.rules.conventions import AnnotateConfig
    from batchtyping_codemods.trace.infer import infer_all

    table = load_config(root or Path.cwd()).table.get("annotate", {})
    lines = []
    for inference in infer_all(functions, AnnotateConfig.from_table(table)):
        fn = inference.function
        traced = sum(c.traced for c in fn.calls)
        extra = f", {traced} traced by jit/vmap/grad" if traced else ""
        kind = ", a forward pass" if inference.forward_pass else ""
        lines.append(f"{fn.module}:{fn.qualname} ({fn.filename}:{fn.firstlineno}): "
                     f"{len(fn.calls)} call(s) recorded of {fn.seen} seen{extra}{kind}")
        for name, choice in [*inference.params.items(), ("return", inference.returns)]:
            why = f"  ({choice.reason})" if choice.reason else ""
            lines.append(f"    {name}: {choice.annotation or '-'}{why}")
    return "\n".join(lines)
