"""The ``batchtyping`` command line: one subcommand per codemod, plus ``check``.

Adding a subcommand is one line in ``SUBCOMMANDS``: a name, a target and a help text. The
target is imported only when its subcommand runs, so a missing or broken module disables its
subcommand alone. A target is either ``"package.module:Class"`` or ``"package.module"``:
a :class:`~batchtyping_codemods.framework.command.Command` subclass (named, or the single one
the module defines) runs through the runner with the shared options (paths, ``--diff``,
``--check``, ``-j``, ``--config``); otherwise the module provides ``add_arguments(parser)``
and ``run(args) -> int``.

Nothing heavy is imported at load: libcst only when a codemod subcommand runs (``check``
and ``trace`` work without it). Exit codes follow :mod:`batchtyping_codemods.errors`.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from batchtyping_codemods import errors
from batchtyping_codemods.errors import UsageError

if TYPE_CHECKING:
    from batchtyping_codemods.framework.command import Command


@dataclass(frozen=True)
class Subcommand:
    name: str
    target: str
    help: str


SUBCOMMANDS: list[Subcommand] = [
    Subcommand("annotate", "batchtyping_codemods.commands.annotate:AnnotateCommand",
               "fill in missing annotations with the batchtyping aliases (verified with mypy)"),
    Subcommand("migrate", "batchtyping_codemods.commands.migrate:MigrateCommand",
               "rewrite other spellings (raw jaxtyping, pmm.typing, chex/optax, typing.Dict...) "
               "into the aliases and builtins"),
    Subcommand("add-checks", "batchtyping_codemods.commands.add_checks:AddChecksCommand",
               "add @batchtyping.check to functions annotated with the aliases, or install "
               "jaxtyping's import hook"),
    Subcommand("check", "batchtyping_codemods.check",
               "run mypy with the batchtyping plugin (added when your mypy config lacks it)"),
    Subcommand("trace", "batchtyping_codemods.trace.command",
               "run a Python command, recording argument and return trees, dtypes and shapes"),
    Subcommand("apply", "batchtyping_codemods.commands.apply:ApplyCommand",
               "annotate traced functions with the most precise aliases the records allow"),
    Subcommand("lsp", "batchtyping_codemods.lsp.command",
               "serve the plugin's batch-* diagnostics to an editor (LSP over stdio)"),
]

OPT_OUTS = """opt-outs: '# batchtyping: skip-file' anywhere in a file; '# batchtyping: skip' on a line
(a statement, or a def/class header) leaves that statement alone."""
EPILOG = f"""exit codes: 0 nothing to report, 1 findings, 2 errors (each COMMAND --help says which).
{OPT_OUTS}"""

_ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`(?:([^`<]*?) *<[^`>]*>|~?([^`]*?))`")


def plain_text(rest: str) -> str:
    """A docstring's reST as plain text for ``--help``: ``code`` and **bold** unmarked,
    :role:`~a.b.name` as ``name``, a ``::`` literal-block marker as ``:``, ``\\|`` as ``|``."""

    def role(match: re.Match[str]) -> str:
        text = match[1] if match[1] is not None else match[2]
        return text.rpartition(".")[2] if match[0].count("`~") else text

    text = _ROLE.sub(role, rest)
    text = re.sub(r"``(.+?)``", r"\1", text, flags=re.S)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = text.replace("\\|", "|")
    text = re.sub(r"^[ \t]*::\n\n?", "", text, flags=re.M)  # a literal block's own ``::`` line
    text = re.sub(r"::$", ":", text, flags=re.M)
    return text


CODEMODS_EXTRA = frozenset({"libcst", "pathspec"})
"""What ``pip install 'batchtyping[codemods]'`` brings."""


class MissingExtra(ImportError):
    """A subcommand needs the codemods extra, which is not installed."""


def _load(target: str) -> type[Command] | ModuleType:
    module_name, _, attribute = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] in CODEMODS_EXTRA:
            raise MissingExtra(error.name) from error
        raise
    if attribute:
        return getattr(module, attribute)  # type: ignore[no-any-return]
    if hasattr(module, "run") and hasattr(module, "add_arguments"):
        return module
    from batchtyping_codemods.framework.command import Command

    commands = [
        value for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, Command)
        and value.__module__ == module.__name__ and not inspect.isabstract(value)
    ]
    if len(commands) != 1:
        raise ImportError(f"{module_name} defines {len(commands)} Command classes, expected one")
    return commands[0]


def _version() -> str:
    from batchtyping._version import __version__  # a constant: imports neither jax nor libcst

    return __version__


_SHARED = ("paths", "diff", "check", "jobs", "config", "format", "quiet", "subcommand", "force",
           "no_project_plugins")


def _add_shared(parser: argparse.ArgumentParser) -> None:
    from batchtyping_codemods.framework import report

    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="files or folders (folders honour .gitignore and `exclude`)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff, write nothing")
    mode.add_argument("--check", action="store_true",
                      help="write nothing; exit 1 when a file would change")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="worker processes (default: the number of cores)")
    parser.add_argument("--config", type=Path, metavar="PYPROJECT",
                        help="pyproject.toml to read [tool.batchtyping.codemods] from "
                        "(default: the nearest one above the first path)")
    parser.add_argument("--force", action="store_true",
                        help="also rewrite read-only files (refused otherwise, exit 2)")
    parser.add_argument("--no-project-plugins", action="store_true",
                        help="verify with no mypy plugin but batchtyping's, whatever the "
                        "project's mypy config names")
    report.add_arguments(parser)


def build_parser(chosen: str | None = None) -> tuple[argparse.ArgumentParser, Any]:
    """The parser; only the ``chosen`` subcommand's module is imported (for its options)."""
    parser = argparse.ArgumentParser(
        prog="batchtyping",
        description="Retrofit batchtyping annotations onto JAX code, and check them.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"batchtyping {_version()}")
    subparsers = parser.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    loaded: Any = None
    for sub in SUBCOMMANDS:
        if sub.name != chosen:
            subparsers.add_parser(sub.name, help=sub.help, add_help=False)
            continue
        loaded = _load(sub.target)
        description = (loaded.DESCRIPTION if isinstance(loaded, type) else loaded.__doc__) or sub.help
        epilog = errors.EXIT_CODES[sub.name] + (f"\n{OPT_OUTS}" if isinstance(loaded, type) else "")
        sub_parser = subparsers.add_parser(
            sub.name, help=sub.help, description=plain_text(description), epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if isinstance(loaded, type):
            _add_shared(sub_parser)
            loaded.add_args(sub_parser)
        else:
            loaded.add_arguments(sub_parser)
    return parser, loaded


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    chosen = next((a for a in argv if not a.startswith("-")), None)
    known = {sub.name for sub in SUBCOMMANDS}
    try:
        parser, loaded = build_parser(chosen if chosen in known else None)
    except MissingExtra:
        print(f"batchtyping {chosen} needs the codemods extra: pip install 'batchtyping[codemods]'",
              file=sys.stderr)
        return errors.ERROR
    except ImportError as error:
        print(f"batchtyping {chosen}: not available: {error}", file=sys.stderr)
        return errors.ERROR
    args = parser.parse_args(argv)
    try:
        if not isinstance(loaded, type):
            return int(loaded.run(args))
        return run_command(loaded, args)
    except UsageError as error:
        print(f"batchtyping {args.subcommand}: {error}", file=sys.stderr)
        return errors.ERROR


def run_command(command: type[Command], args: argparse.Namespace) -> int:
    if args.no_project_plugins:  # inherited by the checker subprocesses
        from batchtyping_codemods.verify.isolation import NO_PROJECT_PLUGINS

        previous = os.environ.get(NO_PROJECT_PLUGINS)
        os.environ[NO_PROJECT_PLUGINS] = "1"
        try:
            return _run_command(command, args)
        finally:
            if previous is None:
                del os.environ[NO_PROJECT_PLUGINS]
            else:
                os.environ[NO_PROJECT_PLUGINS] = previous
    return _run_command(command, args)


def _run_command(command: type[Command], args: argparse.Namespace) -> int:
    from batchtyping_codemods.framework.config import load_config
    from batchtyping_codemods.framework.discovery import discover
    from batchtyping_codemods.framework.results import RunOptions
    from batchtyping_codemods.framework.runner import run

    options = {k: v for k, v in vars(args).items() if k not in _SHARED}
    first = args.paths[0] if args.paths else Path.cwd()
    config = load_config(first if first.exists() else Path.cwd(), args.config)
    command.validate_config(config)
    files = discover(args.paths, config)
    run_options = RunOptions(
        command=command,
        options=options,
        config=config,
        mode="diff" if args.diff else "check" if args.check else "write",
        jobs=max(1, args.jobs),
        progress=sys.stderr.isatty() and not args.quiet and args.format in ("full", "concise"),
        force=args.force,
        report=args.format,
        quiet=args.quiet,
    )
    return run(files, run_options)


if __name__ == "__main__":
    sys.exit(main())
