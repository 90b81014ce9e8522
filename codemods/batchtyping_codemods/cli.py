"""The ``batchtyping`` command line."""

import sys


def main(argv: list[str] | None = None) -> int:
    print("batchtyping: no commands yet", file=sys.stderr)
    return 2
