"""Calls through ``functools.partial``: mypy's own partial support checks the arguments
against the remaining parameters; the plugin then applies the call-site rule to them."""

from __future__ import annotations

from collections.abc import Callable

from mypy.plugin import MethodContext
from mypy.types import Type

from batchtyping_mypy.calls import CallChecker
from batchtyping_mypy.mypy_api import partial_callable, regrouped

PARTIAL_CALL = "functools.partial.__call__"


class PartialCall:
    def __init__(self, default: Callable[[MethodContext], Type], check: CallChecker) -> None:
        self.default = default
        self.check = check

    def __call__(self, ctx: MethodContext) -> Type:
        result = self.default(ctx)
        callee = partial_callable(ctx.type)
        if callee is None:
            return result
        self.check.check(regrouped(ctx, callee, result), callee)
        return result
