"""Run one command over files: per-file transform on a big stack, parallel workers, the post-pass, write/diff/check."""

from __future__ import annotations

import ast
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

import libcst as cst
from libcst.codemod import CodemodContext, SkipFile

from batchtyping_codemods import errors
from batchtyping_codemods.cst.libcst_compat import parse_module
from batchtyping_codemods.cst.parse_guard import guard
from batchtyping_codemods.framework.command import SKIP_FILE, SKIP_LINE, Command
from batchtyping_codemods.framework.config import Config
from batchtyping_codemods.framework.discovery import module_name
from batchtyping_codemods.framework import workers
from batchtyping_codemods.framework.events import Event
from batchtyping_codemods.framework.files import read_source_digest, signals_held, unified_diff, write_atomic
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
    module = parse_module(source)
    new = command(context, **options).transform_module(module)
    code, events = new.code, context.scratch[STATE_KEY].events
    if not events and code != source and new.deep_equals(module):
        return source, events  # libcst's round trip is not byte-exact for a few odd files
    return code, events


def process_file(run: RunOptions, path: Path) -> FileResult:
    """Read, transform and (in write mode) atomically write one file; never raises."""
    try:
        source, encoding, digest = read_source_digest(path)
    except (OSError, SyntaxError, UnicodeDecodeError) as error:
        return FileResult(path, "error", message=f"{path}: cannot read: {error}")
    result = FileResult(path, "unchanged", source, source, encoding, digest=digest)
    if SKIP_FILE.search(source):
        result.status, result.message = "skipped", "opted out (# batchtyping: skip-file)"
        return result
    if not run.command.wants(source, run.options):
        return result
    refused = guard(source, str(path))
    if refused is not None:  # libcst would take gigabytes or minutes, or just fail
        result.status, result.message = "error", str(refused)
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
    recursion limit (raised to what the stack can hold while the call runs) then stops the run
    cleanly.
    """
    global _stack_thread, _stack_pid
    if _stack_thread is None or _stack_pid != os.getpid():  # threads do not survive a fork
        _stack_pid = os.getpid()
        previous = threading.stack_size(_BIG_STACK)
        try:
            _stack_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="batchtyping")
        finally:
            threading.stack_size(previous)
    limit = sys.getrecursionlimit()  # process-wide: raised for this call only
    sys.setrecursionlimit(RECURSION_LIMIT)
    try:
        return _stack_thread.submit(function, *args).result()
    finally:
        sys.setrecursionlimit(limit)


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
        pool = workers.pool(min(run.jobs, len(files)))
        chunk = max(1, min(64, len(files) // (run.jobs * 8)))
        iterator = pool.map(work, files, chunksize=chunk)
    try:
        for result in iterator:
            results.append(result)
            if show:
                _progress(len(results), len(files), stderr)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return run.command.postprocess(results, run)


class Interrupted(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so a run reports what it wrote before it stops."""


@contextmanager
def _terminate_interrupts() -> Iterator[None]:
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(
    files: Sequence[Path],
    run_options: RunOptions,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Process ``files``; write, diff or check; print the summary. Returns the exit code:
    0 nothing changed, 1 files changed or would change, 2 errors, 130 interrupted (the
    files written so far are listed; each file is either as it was or fully written, so
    running the same command again finishes the job)."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    written: list[Path] = []
    try:
        with _terminate_interrupts():
            results = process_all(files, run_options, stderr)
            for result in results:
                if result.status != "changed":
                    continue
                if run_options.mode == "diff" and run_options.report != "json":  # json carries the diffs
                    stdout.write(unified_diff(result))
                elif run_options.mode == "write":
                    with signals_held():  # a signal lands after the file is written and listed
                        try:
                            write_atomic(result.path, result.after, result.encoding,
                                         expected=result.digest or None, force=run_options.force)
                        except (OSError, UnicodeEncodeError) as error:
                            result.status, result.message = "error", f"{result.path}: cannot write: {error}"
                        else:
                            written.append(result.path)
    except KeyboardInterrupt:
        stdout.flush()
        _report_interrupt(written, stderr)
        return errors.INTERRUPTED
    if any(r.status == "error" for r in results):
        code = errors.ERROR
    else:
        code = errors.FINDINGS if any(r.status == "changed" for r in results) else errors.OK
    stdout.flush()
    report_run(results, run_options, code, stdout, stderr)
    stdout.flush()
    return code


def _report_interrupt(written: Sequence[Path], stderr: TextIO) -> None:
    if not written:
        print("batchtyping: interrupted; no file written", file=stderr)
    else:
        print(f"batchtyping: interrupted; {len(written)} file(s) written:", file=stderr)
        for path in written:
            print(f"written: {path}", file=stderr)
    print("every other file is as it was; run the same command again to finish", file=stderr)
