"""``python -m batchtyping``: the ``batchtyping`` command (needs ``batchtyping[codemods]``)."""

from __future__ import annotations

import sys


def main() -> int:
    """Run ``batchtyping_codemods.cli.main``, imported only now (it needs the codemods extra)."""
    from batchtyping_codemods.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
