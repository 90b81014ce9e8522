"""The batchtyping mypy plugin (enable with ``plugins = ["batchtyping_mypy"]``)."""
