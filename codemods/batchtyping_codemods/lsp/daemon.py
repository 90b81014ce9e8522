"""``python -m batchtyping_codemods.lsp.daemon PARENT_PID STATUS_FILE -- MYPY_FLAGS...``:
mypy's daemon in the foreground, ending as soon as the process that started it ends (even
when that one is killed outright), so an editor crash never leaves a daemon behind."""

from __future__ import annotations

import os
import sys
import threading
import time


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main(argv: list[str]) -> None:
    parent, status, _, *flags = argv
    threading.Thread(target=_watch, args=(int(parent),), daemon=True).start()
    from mypy.dmypy.client import main as dmypy

    dmypy(["--status-file", status, "daemon", "--", *flags])


if __name__ == "__main__":
    main(sys.argv[1:])
