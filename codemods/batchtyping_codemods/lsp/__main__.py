"""``python -m batchtyping_codemods.lsp``: the same as ``batchtyping lsp``."""

import sys

from batchtyping_codemods.lsp.command import main

if __name__ == "__main__":  # not when a tool imports every module of the package
    sys.exit(main())
