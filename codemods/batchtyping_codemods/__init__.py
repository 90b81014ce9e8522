"""libcst codemods and the ``batchtyping`` command-line tool."""
