"""``ModuleCallable`` messages (``batch-module``): a function passed, returned or assigned
where a forward pass ``(params, data, training, state, rng) -> (data, state)`` is expected
that does not fit gets one short message naming the problem instead of mypy's expanded
Callable types. Arguments are judged here (a signature hook); returns and assignments in
``statements``. A function is a def, possibly decorated with ``batchtyping.check``.
"""

from __future__ import annotations

from mypy.nodes import ARG_OPT, ARG_POS, ARG_STAR, Decorator, Expression, FuncDef, RefExpr
from mypy.plugin import CheckerPluginInterface, FunctionSigContext, MethodSigContext
from mypy.subtypes import is_subtype
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    TupleType,
    Type,
    TypeAliasType,
    TypeOfAny,
    get_proper_type,
)

from batchtyping_mypy import codes
from batchtyping_mypy.meanings import meaning
from batchtyping_mypy.mypy_api import Reporter, show

FULLNAME = "batchtyping.ModuleCallable"
ROLES = ("params", "data", "training", "state", "rng")
ORDER = "(params, data, training, state, rng)"


def is_module_callable(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, Instance) and proper.type.fullname == FULLNAME


CHECK = "batchtyping.check"
"""Typed as the identity on functions: a decorated forward pass keeps its signature."""


def function(expr: Expression) -> tuple[str, CallableType] | None:
    """The name and signature of the def ``expr`` refers to, else None."""
    node = expr.node if isinstance(expr, RefExpr) else None
    if isinstance(node, Decorator) and all(
        isinstance(d, RefExpr) and d.fullname == CHECK for d in node.decorators
    ):
        node = node.func
    if isinstance(node, FuncDef) and isinstance(node.type, CallableType):
        return node.name, node.type
    return None


def problem(fn: CallableType, expected: Instance, api: CheckerPluginInterface) -> str | None:
    """What keeps ``fn`` from being a ``ModuleCallable[P, S, D]``, or None if it fits."""
    params, state, data = (expected.args + (AnyType(TypeOfAny.special_form),) * 3)[:3]
    wanted: list[Type] = [params, data, api.named_generic_type("builtins.bool", []), state]
    positional = [k for k in fn.arg_kinds if k in (ARG_POS, ARG_OPT)]
    required = fn.arg_kinds.count(ARG_POS)
    if ARG_STAR not in fn.arg_kinds and (len(positional) < 5 or required > 5):
        return f"it takes {len(positional)} positional parameters, a ModuleCallable takes 5 {ORDER}"
    for index, want in enumerate(wanted):
        if index < len(fn.arg_types) and not is_subtype(want, fn.arg_types[index]):
            if index < 2 and is_subtype(wanted[1 - index], fn.arg_types[index]):
                return f"its parameters are in the wrong order; a ModuleCallable takes {ORDER}"
            return (
                f'its parameter {index + 1} ({ROLES[index]}) takes "{label(api, fn.arg_types[index])}", '
                f'not "{label(api, want)}"'
            )
    ret = get_proper_type(fn.ret_type)
    if not (isinstance(ret, TupleType) and len(ret.items) == 2):
        return f'it returns "{label(api, ret)}", not a (data, state) pair'
    if not is_subtype(ret.items[0], data):
        return f'it returns data of type "{label(api, ret.items[0])}", not "{label(api, data)}"'
    if not is_subtype(ret.items[1], state):
        return (
            f'it returns a state of another structure ("{label(api, ret.items[1])}") '
            f'than it takes ("{label(api, state)}")'
        )
    return None


def label(api: CheckerPluginInterface, typ: Type) -> str:
    """A type as messages show it: a batchtyping alias by its name (mypy expands some)."""
    found = meaning(typ) if isinstance(typ, TypeAliasType) else None
    return found.label if found is not None else show(api, typ)


def message(name: str, reason: str) -> str:
    return f'"{name}" is not a ModuleCallable: {reason}'


class ModuleCallableArguments:
    def __init__(self, report: Reporter) -> None:
        self.report = report

    def __call__(self, ctx: FunctionSigContext | MethodSigContext) -> CallableType:
        signature = ctx.default_signature
        arg_types = list(signature.arg_types)
        changed = False
        for index, formal in enumerate(signature.arg_types):
            expected = get_proper_type(formal)
            if not isinstance(expected, Instance) or expected.type.fullname != FULLNAME:
                continue
            for expr in ctx.args[index] if index < len(ctx.args) else []:
                found = function(expr)
                reason = problem(found[1], expected, ctx.api) if found else None
                if found and reason and self.report(ctx.api, message(found[0], reason), expr, codes.BATCH_MODULE):
                    arg_types[index] = AnyType(TypeOfAny.special_form)  # instead of mypy's message
                    changed = True
        return signature.copy_modified(arg_types=arg_types) if changed else signature
