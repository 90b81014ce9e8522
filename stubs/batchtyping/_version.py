"""The version of batchtyping: its one home (hatch reads it at build time).

Importable without jax, so the ``batchtyping`` command can print it cheaply.
"""

__version__ = "0.1.0"
