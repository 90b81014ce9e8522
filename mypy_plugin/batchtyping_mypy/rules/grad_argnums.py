"""``jax.grad`` / ``jax.value_and_grad`` of a known def: the gradients' static type.

jax types ``jax.grad(f, argnums=k)(...)`` as ``Any``. The gradients have the structure of
argument ``k``, so where ``f`` declares that parameter ``jax.Array``, the plugin gives the
result that type (a tuple of them for a tuple of argnums). Gradients taken with respect to the data
then meet the params under one structure name (``sgd(params: ParamsT, grads: ParamsT)``)
and ``batch-structure`` reports them, as the runtime does. A parameter declared otherwise,
``has_aux=True``, or argnums the plugin cannot read keep jax's ``Any``.
"""

from __future__ import annotations

from mypy.nodes import Decorator, Expression, FuncDef, IntExpr, RefExpr, TupleExpr
from mypy.plugin import FunctionContext
from mypy.types import AnyType, CallableType, Instance, TupleType, Type, TypeAliasType, TypeOfAny, get_proper_type

from batchtyping_mypy.mypy_api import ARRAY, keyword_argument


def _argnums(expr: Expression | None) -> list[int] | int | None:
    if expr is None:
        return 0
    if isinstance(expr, IntExpr):
        return expr.value
    if isinstance(expr, TupleExpr) and all(isinstance(item, IntExpr) for item in expr.items):
        return [item.value for item in expr.items if isinstance(item, IntExpr)]
    return None


def _pinned(typ: Type) -> bool:
    """``jax.Array``: its gradient is an array whatever array-like was passed (a dict or a
    tuple declared may be another mapping or node class at run time, so they stay ``Any``)."""
    proper = get_proper_type(typ)
    return not isinstance(typ, TypeAliasType) and isinstance(proper, Instance) and proper.type.fullname == ARRAY


class Grad:
    def __init__(self, with_value: bool) -> None:
        self.with_value = with_value

    def __call__(self, ctx: FunctionContext) -> Type:
        fun = ctx.args[0][0] if ctx.args and ctx.args[0] else None
        node = fun.node if isinstance(fun, RefExpr) else None
        node = node.func if isinstance(node, Decorator) else node
        result = get_proper_type(ctx.default_return_type)
        aux = keyword_argument(ctx, "has_aux")
        if not isinstance(node, FuncDef) or not isinstance(node.type, CallableType) or aux is not None:
            return ctx.default_return_type
        if not isinstance(result, CallableType):
            return ctx.default_return_type
        declared = node.type
        numbers = _argnums(keyword_argument(ctx, "argnums"))
        indices = [numbers] if isinstance(numbers, int) else numbers
        if indices is None or any(not 0 <= i < len(declared.arg_types) for i in indices):
            return ctx.default_return_type
        types = [declared.arg_types[i] for i in indices]
        if not all(_pinned(t) for t in types):
            return ctx.default_return_type
        fallback = ctx.api.named_generic_type("builtins.tuple", [AnyType(TypeOfAny.special_form)])
        grads: Type = types[0] if isinstance(numbers, int) else TupleType(types, fallback)
        # The arguments stay jax's (anything): only the result gains a type.
        return result.copy_modified(ret_type=TupleType([declared.ret_type, grads], fallback) if self.with_value else grads)


HOOKS = {
    "jax._src.api.grad": Grad(with_value=False),
    "jax._src.api.value_and_grad": Grad(with_value=True),
}
