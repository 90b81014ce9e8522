"""batchtyping lsp: a language server (stdio) for the mypy plugin's own batch-* findings and
their quick fixes, made to run next to Pylance without repeating its errors."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stdio", action="store_true",
                        help="talk over stdin/stdout (the default and only transport)")
    parser.add_argument("--cache-dir", type=Path, metavar="DIR",
                        help="where mypy's caches and the daemon's status file go "
                        "(default: .mypy_cache/batchtyping-lsp under the project root)")
    parser.add_argument("--log-file", type=Path, metavar="FILE", help="write a debug log here")


def run(args: argparse.Namespace) -> int:
    from batchtyping_codemods.lsp.server import build

    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.DEBUG)
    server = build(args.cache_dir)
    channel = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the protocol stream
    try:
        server.start_io(sys.stdin.buffer, channel)
    finally:
        server.close()
    return 0 if server.protocol._shutdown else 1  # noqa: SLF001 - pygls keeps it private


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="batchtyping lsp", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))
