"""Calls through ``functools.partial``: mypy's own partial support checks the arguments
against the remaining parameters; the plugin then applies the call-site rule to them."""

from __future__ import annotations

from collections.abc import Callable

from mypy.argmap import map_actuals_to_formals
from mypy.plugin import MethodContext
from mypy.types import CallableType, Type, get_proper_type

from batchtyping_mypy.calls import CallChecker
from batchtyping_mypy.mypy_api import PARTIAL_CALLABLE

PARTIAL_CALL = "functools.partial.__call__"


class PartialCall:
    def __init__(self, default: Callable[[MethodContext], Type], check: CallChecker) -> None:
        self.default = default
        self.check = check

    def __call__(self, ctx: MethodContext) -> Type:
        result = self.default(ctx)
        extra = getattr(ctx.type, "extra_attrs", None)
        stored = extra.attrs.get(PARTIAL_CALLABLE) if extra is not None else None
        callee = get_proper_type(stored) if stored is not None else None
        if not isinstance(callee, CallableType):
            return result
        types = [t for group in ctx.arg_types for t in group]
        kinds = [k for group in ctx.arg_kinds for k in group]
        names = [n for group in ctx.arg_names for n in group]
        exprs = [e for group in ctx.args for e in group]
        formal_to_actual = map_actuals_to_formals(
            kinds, names, callee.arg_kinds, callee.arg_names, lambda i: types[i]
        )
        self.check.check(
            ctx._replace(
                arg_types=[[types[i] for i in actuals] for actuals in formal_to_actual],
                args=[[exprs[i] for i in actuals] for actuals in formal_to_actual],
                default_return_type=result,
            ),
            callee,
        )
        return result
