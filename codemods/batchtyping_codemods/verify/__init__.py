"""Checking a run's result with mypy (and pyright) and backing out what made new errors."""
