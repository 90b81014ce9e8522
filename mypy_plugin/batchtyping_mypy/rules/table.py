"""Every rule's hooks by full name, for ``entry`` to dispatch to."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mypy.nodes import CallExpr, Decorator, Expression, RefExpr
from mypy.plugin import FunctionContext, MethodContext
from mypy.types import CallableType, Type

from batchtyping_mypy.dtypes import PRODUCERS, Producer
from batchtyping_mypy.calls import CallChecker
from batchtyping_mypy.module_callable import CHECK, function
from batchtyping_mypy.mypy_api import Reporter, current_module, regrouped
from batchtyping_mypy.rules import complex_results, created_dtypes, grad_argnums, jit_training
from batchtyping_mypy.rules.jit_training import JIT_DECORATOR

MARKERS: dict[str, Callable[[FunctionContext], Type]] = {
    **{name: Producer(kind) for name, kind in PRODUCERS.items()},
    **created_dtypes.FUNCTIONS,
    **complex_results.FUNCTIONS,
}
"""Functions whose results the plugin marks with a dtype kind."""
MARKING = frozenset(MARKERS)


class JitWrappedCall:
    """A call of a jitted function: mypy sees a ``JitWrapped`` object (jax's ``jit`` keeps no
    signature), so a jnp function wrapped by ``jax.jit`` gets its hook by the callee's full
    name, and a project def jitted by ``jax.jit(f)`` or ``@jax.jit`` gets the call-site rule
    against its own signature (``jax.jit(step)(params, x)``)."""

    def __init__(self, hooks: Mapping[str, Callable[[Any], Type]], check: CallChecker) -> None:
        self.hooks = hooks
        self.check = check

    def __call__(self, ctx: MethodContext) -> Type:
        call = ctx.context
        if not isinstance(call, CallExpr):
            return ctx.default_return_type
        hook = self.hooks.get(call.callee.fullname) if isinstance(call.callee, RefExpr) else None
        if hook is not None:
            return hook(ctx)
        callee = _jitted_def(call.callee, current_module(ctx.api))
        if callee is None:
            return ctx.default_return_type
        return self.check.check(regrouped(ctx, callee, ctx.default_return_type), callee)


def _jitted_def(expr: Expression, module: str | None) -> CallableType | None:
    """The signature of the def ``expr`` jits: ``jax.jit(f)``, or ``f`` decorated ``@jax.jit``
    (and ``check``) in the module being checked (mypy's cache keeps no decorators)."""
    if isinstance(expr, CallExpr) and isinstance(expr.callee, RefExpr) and expr.callee.fullname in JIT_DECORATOR:
        found = function(expr.args[0]) if expr.args else None
        return found[1] if found is not None else None
    node = expr.node if isinstance(expr, RefExpr) else None
    local = module is not None and isinstance(node, Decorator) and node.fullname.startswith(f"{module}.")
    if local and isinstance(node, Decorator) and isinstance(node.func.type, CallableType):
        names = {d.fullname for d in node.decorators if isinstance(d, RefExpr)}
        if names & set(JIT_DECORATOR) and names <= {*JIT_DECORATOR, CHECK}:
            return node.func.type
    return None


def function_hooks(report: Reporter) -> dict[str, Callable[[FunctionContext], Type]]:
    return {**MARKERS, **jit_training.hooks(report), **grad_argnums.HOOKS}


def method_hooks(check: CallChecker) -> dict[str, Callable[[MethodContext], Type]]:
    return {
        **created_dtypes.METHODS,
        **complex_results.METHODS,
        "jax._src.pjit.JitWrapped.__call__": JitWrappedCall(MARKERS, check),
    }
