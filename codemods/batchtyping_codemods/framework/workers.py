"""Worker processes that die with the run that started them.

Workers come from a ``forkserver`` (the caller may have threads; forking a threaded process
can deadlock the child). Each worker ignores SIGINT (the run decides what an interrupt
means) and dies with the run: on Linux the kernel kills it when its parent goes
(``PR_SET_PDEATHSIG``; the forkserver exits once the run's end of its socket closes), and
everywhere a watchdog thread ends it once the run's process is gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

WATCH_INTERVAL = 0.2
"""Seconds between two looks of the watchdog at the run's process."""
_PR_SET_PDEATHSIG = 1


def pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers bound to this process's life."""
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=die_with, initargs=(os.getpid(),),
    )


def die_with(run_pid: int) -> None:
    """Worker initializer: ignore SIGINT, and exit when ``run_pid`` is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # the watchdog still runs
    threading.Thread(target=_watch, args=(run_pid,), daemon=True, name="batchtyping-watchdog").start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed run not yet reaped by its own parent is a zombie: gone too
        with open(f"/proc/{pid}/stat", "rb") as file:
            return file.read().rpartition(b")")[2].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _watch(run_pid: int) -> None:
    while _alive(run_pid):
        time.sleep(WATCH_INTERVAL)
    os._exit(1)
