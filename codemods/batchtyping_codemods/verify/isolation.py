"""How batchtyping starts a type checker without running the project's code (libcst-free).

``python -m mypy`` from a project's root puts that root first on ``sys.path``, so a project
file named ``mypy.py``, ``re.py``, ``json.py``, ``typing.py``... would run instead of the
standard library or mypy. Every checker subprocess therefore starts as
``python -P`` (Python 3.11+: no script folder or working directory on ``sys.path``) with
``PYTHONSAFEPATH=1`` and without ``PYTHONPATH`` entries naming the working directory (empty,
``.``), as the ``mypy`` console script would run; other ``PYTHONPATH`` entries are yours and
kept. mypy still *reads* the project's files; it imports only the standard library,
site-packages, your ``PYTHONPATH`` and the plugins the configuration names.

Plugins: mypy loads the plugins the project's configuration names (``plugins = ...``), and a
plugin is code. By default batchtyping honours the configuration, as ``mypy`` does; with
``--no-project-plugins`` (the environment variable ``BATCHTYPING_NO_PROJECT_PLUGINS=1``,
which the option sets and checker subprocesses inherit) only the batchtyping plugin is
loaded.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tokenize
from collections.abc import Sequence
from pathlib import Path

NO_PROJECT_PLUGINS = "BATCHTYPING_NO_PROJECT_PLUGINS"
OWN_PLUGINS = frozenset({"batchtyping_mypy"})
_REPORT_LINE = re.compile(r"^.+?:\d+:(?:\d+:)? (?:error|note|warning): ")


def python(*args: str) -> list[str]:
    """The command line running this interpreter with an isolated ``sys.path``."""
    return [sys.executable, "-P", *args]


def environment(cwd: Path | None = None) -> dict[str, str]:
    """The environment for a checker started in ``cwd``: no unsafe path entries."""
    env = dict(os.environ)
    env["PYTHONSAFEPATH"] = "1"
    here = (cwd or Path.cwd()).resolve()
    if "PYTHONPATH" in env:  # an empty entry or "." is the working directory again
        kept = [p for p in env["PYTHONPATH"].split(os.pathsep) if p and Path(here, p).resolve() != here]
        env["PYTHONPATH"] = os.pathsep.join(kept)
    return env


def run(args: Sequence[str], cwd: Path | None = None, capture: bool = True) -> subprocess.CompletedProcess[str]:
    """``python -P ARGS`` in ``cwd``, isolated."""
    return subprocess.run(python(*args), cwd=cwd, env=environment(cwd), capture_output=capture,
                          text=True, check=False)


def no_project_plugins() -> bool:
    return os.environ.get(NO_PROJECT_PLUGINS, "") not in ("", "0")


def kept_plugins(plugins: Sequence[str]) -> list[str]:
    """The configuration's plugins to load: all of them, or only ours under ``--no-project-plugins``."""
    if not no_project_plugins():
        return list(plugins)
    return [p for p in plugins if p in OWN_PLUGINS]


def crashed(proc: subprocess.CompletedProcess[str]) -> str | None:
    """Why a mypy run did not finish checking, or None: exit 0, or exit 1 *with* reports.

    An exit 1 without a single ``path:line: error:`` line is a crash (a traceback), not
    "errors found, none parsed"."""
    if proc.returncode == 0 or (proc.returncode == 1 and any(map(_REPORT_LINE.match, proc.stdout.splitlines()))):
        return None
    output = (proc.stdout + proc.stderr).strip()
    return output[-2000:] or f"mypy: exit code {proc.returncode}"


def source_bytes(text: str) -> bytes:
    """``text`` encoded as its PEP 263 coding cookie says (UTF-8 without one), so a checker
    reading it back (a ``--shadow-file``) decodes what the file means."""
    head = "".join(text.splitlines(keepends=True)[:2]).encode("utf-8", "surrogateescape")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(head).readline)
        return text.encode(encoding)
    except (SyntaxError, LookupError, UnicodeEncodeError):
        return text.encode("utf-8", "surrogateescape")
