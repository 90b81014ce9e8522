"""Every rule's hooks by full name, for ``entry`` to dispatch to."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mypy.nodes import CallExpr, RefExpr
from mypy.plugin import FunctionContext, MethodContext
from mypy.types import Type

from batchtyping_mypy.dtypes import PRODUCERS, Producer
from batchtyping_mypy.mypy_api import Reporter
from batchtyping_mypy.rules import complex_results, created_dtypes, grad_argnums, jit_training

MARKERS: dict[str, Callable[[FunctionContext], Type]] = {
    **{name: Producer(kind) for name, kind in PRODUCERS.items()},
    **created_dtypes.FUNCTIONS,
    **complex_results.FUNCTIONS,
}
"""Functions whose results the plugin marks with a dtype kind."""
MARKING = frozenset(MARKERS)


class JitWrappedCall:
    """A jnp function wrapped by ``jax.jit`` is a ``JitWrapped`` object to mypy (a call of
    it is a method call): its hook by the callee's full name."""

    def __init__(self, hooks: Mapping[str, Callable[[Any], Type]]) -> None:
        self.hooks = hooks

    def __call__(self, ctx: MethodContext) -> Type:
        call = ctx.context
        name = call.callee.fullname if isinstance(call, CallExpr) and isinstance(call.callee, RefExpr) else None
        hook = self.hooks.get(name) if name else None
        return hook(ctx) if hook is not None else ctx.default_return_type


def function_hooks(report: Reporter) -> dict[str, Callable[[FunctionContext], Type]]:
    return {**MARKERS, **jit_training.hooks(report), **grad_argnums.HOOKS}


METHODS: dict[str, Callable[[MethodContext], Type]] = {
    **created_dtypes.METHODS,
    **complex_results.METHODS,
    "jax._src.pjit.JitWrapped.__call__": JitWrappedCall(MARKERS),
}
