"""batchtyping lsp: a language server (stdio) for the mypy plugin's own batch-* findings and
their quick fixes, made to run next to Pylance without repeating its errors.

The command line is :mod:`batchtyping_codemods.lsp.command`; the server, :mod:`.server`."""
