"""The error type and the exit-code policy of every ``batchtyping`` subcommand (libcst-free).

0: nothing to report (nothing changed, no type errors); 1: findings (files changed or would
change, type errors found); 2: an error (bad input or configuration, a file that cannot be
read, parsed or written, a file changed during the run, a tool that cannot run); 130: interrupted
(SIGINT or SIGTERM; the files written so far are listed).
"""

from __future__ import annotations

OK = 0
FINDINGS = 1
ERROR = 2
INTERRUPTED = 130


class UsageError(Exception):
    """Bad command-line input or configuration: printed, exit code 2."""
