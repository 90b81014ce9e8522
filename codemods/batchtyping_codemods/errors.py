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

_CODEMOD = (f"exit codes: {OK} nothing changed, {FINDINGS} files changed or would change, {ERROR} errors\n"
            "(a file that cannot be read, parsed or written, one edited during the run, a bad\n"
            f"option or configuration; the other files are still processed), {INTERRUPTED} interrupted\n"
            "(the files written so far are listed).")
EXIT_CODES = {
    "annotate": _CODEMOD,
    "migrate": _CODEMOD,
    "add-checks": _CODEMOD,
    "apply": _CODEMOD,
    "check": f"exit codes: {OK} no type errors, {FINDINGS} type errors found, {ERROR} a usage or\n"
             "configuration error, mypy missing or crashed.",
    "trace": f"exit codes: the traced command's own; {ERROR} no command, a database that cannot\n"
             "be read or written, a command that cannot start.",
    "lsp": f"exit codes: {OK} after the editor's shutdown request, {FINDINGS} when the connection\n"
           "ends without one.",
}
"""Each subcommand's exit codes, as its ``--help`` prints them."""


class UsageError(Exception):
    """Bad command-line input or configuration: printed, exit code 2."""
