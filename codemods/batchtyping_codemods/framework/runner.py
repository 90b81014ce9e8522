"""Run one command over files: per-file transform on a big stack, parallel workers, the post-pass, write/diff/check."""

from __future__ import annotations

import ast
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TextIO

import libcst as cst
from libcst.codemod import CodemodContext, SkipFile

from batchtyping_codemods import errors
from batchtyping_codemods.framework.command import SKIP_FILE, SKIP_LINE, Command
from batchtyping_codemods.framework.config import Config
from batchtyping_codemods.framework.discovery import module_name
from batchtyping_codemods.framework.events import Event
from batchtyping_codemods.framework.files import read_source, unified_diff, write_atomic
from batchtyping_codemods.framework.report import report_run
from batchtyping_codemods.framework.results import FileResult, RunOptions
from batchtyping_codemods.framework.state import STATE_KEY, FileState


def transform(
    command: type[Command],
    path: Path,
    source: str,
    options: dict[str, Any],
    config: Config,
    module: tuple[str, str] | None = None,
) -> tuple[str, list[Event]]:
    """Run ``command`` over ``source`` (the text of ``path``): (new text, events).

    ``module`` (full module name, package) defaults to what the ``__init__.py`` files above
    ``path`` say. Raises libcst's ``ParserSyntaxError``, ``RecursionError`` and ``SkipFile``."""
    name, package = module or module_name(path)
    context = CodemodContext(
        filename=str(path),
        full_module_name=name or None,
        full_package_name=package or None,
        scratch={STATE_KEY: FileState(config, source, bool(SKIP_LINE.search(source)))},
    )
    module = cst.parse_module(source)
    new = command(context, **options).transform_module(module)
    code, events = new.code, context.scratch[STATE_KEY].events
    if not events and code != source and new.deep_equals(module):
        return source, events  # libcst's round trip is not byte-exact for a few odd files
    return code, events


def process_file(run: RunOptions, path: Path) -> FileResult:
    """Read, transform and (in write mode) atomically write one file; never raises."""
    try:
        source, encoding = read_source(path)
    except (OSError, SyntaxError, UnicodeDecodeError) as error:
        return FileResult(path, "error", message=f"{path}: cannot read: {error}")
    result = FileResult(path, "unchanged", source, source, encoding)
    if SKIP_FILE.search(source):
        result.status, result.message = "skipped", "opted out (# batchtyping: skip-file)"
        return result
    if not run.command.wants(source, run.options):
        return result
    try:
        result.after, result.events = _on_big_stack(
            transform, run.command, path, source, run.options, run.config
        )
    except cst.ParserSyntaxError as error:
        result.status, result.message = "error", _parse_error(path, source, error)
        return result
    except RecursionError:
        result.status, result.message = "error", f"{path}: nested too deeply (recursion limit)"
        return result
    except SkipFile as skip:
        result.status, result.message = "skipped", str(skip) or "skipped by the command"
        return result
    except Exception as error:  # a bug in a command must not stop the run
        where = traceback.extract_tb(error.__traceback__)[-1]
        result.status = "error"
        result.message = (
            f"{path}: internal error in {run.command.__name__}: {type(error).__name__}: {error} "
            f"({Path(where.filename).name}:{where.lineno})"
        )
        return result
    if result.after != source:
        result.status = "changed"
    return result


_BIG_STACK = 512 * 1024 * 1024
RECURSION_LIMIT = 10_000
_stack_thread: ThreadPoolExecutor | None = None
_stack_pid = 0


def _on_big_stack(function: Callable[..., Any], *args: Any) -> Any:
    """Call ``function`` in a thread with a 512 MiB stack (reserved, not committed).

    libcst's native parser recurses on the C stack: a deeply nested file would overflow the
    default 8 MiB and kill the process. With this stack it parses, and the Python-level
    recursion limit (raised here to what the stack can hold) then stops the run cleanly.
    """
    global _stack_thread, _stack_pid
    if _stack_thread is None or _stack_pid != os.getpid():  # threads do not survive a fork
        _stack_pid = os.getpid()
        previous = threading.stack_size(_BIG_STACK)
        try:
            _stack_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="batchtyping")
            _stack_thread.submit(sys.setrecursionlimit, RECURSION_LIMIT).result()
        finally:
            threading.stack_size(previous)
    return _stack_thread.submit(function, *args).result()


def _parse_error(path: Path, source: str, error: cst.ParserSyntaxError) -> str:
    """``path:line:col: message``, from Python's own parser when it agrees (better positions)."""
    try:
        ast.parse(source)
    except SyntaxError as py_error:
        return f"{path}:{py_error.lineno}:{py_error.offset}: does not parse: {py_error.msg}"
    except (RecursionError, MemoryError, ValueError):
        pass
    return f"{path}:{error.editor_line}:{error.editor_column}: does not parse: {error.message}"


# --------------------------------------------------------------------------- a whole run


def _progress(done: int, total: int, stream: TextIO) -> None:
    width = 30
    filled = width * done // max(total, 1)
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
    if done == total:
        stream.write("\r" + " " * (width + 30) + "\r")
    stream.flush()


def process_all(files: Sequence[Path], run: RunOptions, stderr: TextIO | None = None) -> list[FileResult]:
    """Transform every file (in ``run.jobs`` processes), then apply the command's post-pass."""
    stderr = stderr or sys.stderr
    show = run.progress and len(files) > 1
    work = partial(process_file, run)
    results: list[FileResult] = []
    if run.jobs <= 1 or len(files) <= 1:
        iterator: Iterable[FileResult] = map(work, files)
        pool = None
    else:
        # forkserver, not fork: the caller may have threads (JAX, our big-stack parser thread),
        # and forking a threaded process can deadlock the child.
        pool = ProcessPoolExecutor(
            max_workers=min(run.jobs, len(files)),
            mp_context=multiprocessing.get_context("forkserver"),
        )
        chunk = max(1, min(64, len(files) // (run.jobs * 8)))
        iterator = pool.map(work, files, chunksize=chunk)
    try:
        for result in iterator:
            results.append(result)
            if show:
                _progress(len(results), len(files), stderr)
    finally:
        if pool is not None:
            pool.shutdown()
    return run.command.postprocess(results, run)



def run(
    files: Sequence[Path],
    run_options: RunOptions,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Process ``files``; write, diff or check; print the summary. Returns the exit code:
    0 nothing changed, 1 files changed or would change, 2 errors."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    results = process_all(files, run_options, stderr)
    for result in results:
        if result.status != "changed":
            continue
        if run_options.mode == "diff" and run_options.report != "json":  # json carries the diffs
            stdout.write(unified_diff(result))
        elif run_options.mode == "write":
            try:
                write_atomic(result.path, result.after, result.encoding)
            except (OSError, UnicodeEncodeError) as error:
                result.status, result.message = "error", f"{result.path}: cannot write: {error}"
    if any(r.status == "error" for r in results):
        code = errors.ERROR
    else:
        code = errors.FINDINGS if any(r.status == "changed" for r in results) else errors.OK
    stdout.flush()
    report_run(results, run_options, code, stdout, stderr)
    stdout.flush()
    return code
