"""batchtyping: PyTree aliases for JAX model code, checked at run time and statically.

The aliases are jaxtyping types at run time (see ``batchtyping._runtime``) and real
recursive types for static checkers (see ``__init__.pyi``). They are loaded on first
use, so ``batchtyping.vocabulary`` can be imported without importing jax.
"""

from __future__ import annotations

from typing import Any

from batchtyping._version import __version__
from batchtyping.vocabulary import PUBLIC_NAMES

__all__ = list(PUBLIC_NAMES)


def __getattr__(name: str) -> Any:
    if name not in PUBLIC_NAMES:
        raise AttributeError(f"module 'batchtyping' has no attribute {name!r}")
    try:
        from batchtyping import _runtime
    except ModuleNotFoundError as error:
        if error.name != "jax":
            raise
        # jax is an extra: the tools (plugin, codemods, hooks) run without it.
        raise ModuleNotFoundError(
            f"batchtyping.{name} needs jax: pip install jax (or 'batchtyping[jax]')", name="jax"
        ) from error

    value = getattr(_runtime, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *PUBLIC_NAMES])
