"""Calls the full-name table cannot route: a variable holding a known function
(``m = jax.vmap; m(f)``) gets the feature of the def it holds."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from mypy.plugin import FunctionContext
from mypy.types import Type

from batchtyping_mypy.mypy_api import callee_definition

Hook = Callable[[FunctionContext], Type]


class ByDefinition:
    def __init__(self, features: Mapping[str, Hook], fallback: Hook) -> None:
        self.features = features
        self.fallback = fallback

    def __call__(self, ctx: FunctionContext) -> Type:
        name = callee_definition(ctx)
        feature = self.features.get(name) if name is not None else None
        return (feature or self.fallback)(ctx)
