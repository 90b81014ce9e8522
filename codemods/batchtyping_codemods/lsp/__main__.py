import sys

from batchtyping_codemods.lsp import main

sys.exit(main())
