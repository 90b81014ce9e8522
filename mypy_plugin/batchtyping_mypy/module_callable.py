"""``ModuleCallable`` messages (``batch-module``): a function passed, returned or assigned
where a forward pass ``(params, data, training, state, rng) -> (data, state)`` is expected
that does not fit gets one short message naming the problem instead of mypy's expanded
Callable types. Arguments are judged here (a signature hook); returns and assignments in
``statements``. A function is a def, possibly decorated with ``batchtyping.check``.
"""

from __future__ import annotations

from mypy.nodes import ARG_OPT, ARG_POS, ARG_STAR, Decorator, Expression, FuncDef, ListExpr, RefExpr, TupleExpr
from mypy.plugin import CheckerPluginInterface, FunctionSigContext, MethodSigContext
from mypy.erasetype import erase_typevars
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
    has_type_vars,
)

from batchtyping.vocabulary import FORWARD_PASS_ROLES

from batchtyping_mypy import codes
from batchtyping_mypy.meanings import meaning
from batchtyping_mypy.mypy_api import Reporter, show

FULLNAME = "batchtyping.ModuleCallable"
ROLES = FORWARD_PASS_ROLES
ORDER = f"({', '.join(ROLES)})"


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


_SEQUENCES = frozenset(
    {"builtins.list", "builtins.tuple", "typing.Sequence", "typing.Iterable", "typing.MutableSequence"}
)


def takes_module_callable(typ: Type) -> bool:
    """A ``ModuleCallable``, or a list/sequence of them (``chain([layer, layer])``)."""
    proper = get_proper_type(typ)
    if not isinstance(proper, Instance):
        return False
    if proper.type.fullname in _SEQUENCES and proper.args:
        return takes_module_callable(proper.args[0])
    return proper.type.fullname == FULLNAME


def judge(api: CheckerPluginInterface, report: Reporter, expr: Expression, expected: Type) -> bool:
    """Report each def in ``expr`` (a name, or the items of a list/tuple display) that does not
    fit the expected ``ModuleCallable``; True if mypy's own message may be dropped: something
    was reported and every item was judged (a lambda or a variable keeps mypy's message)."""
    proper = get_proper_type(expected)
    if not isinstance(proper, Instance):
        return False
    if proper.type.fullname in _SEQUENCES and proper.args and isinstance(expr, ListExpr | TupleExpr):
        verdicts = [judge(api, report, item, proper.args[0]) for item in expr.items]
        judged = all(function(item) is not None or isinstance(item, ListExpr | TupleExpr) for item in expr.items)
        return any(verdicts) and judged
    found = function(expr)
    if proper.type.fullname != FULLNAME or found is None:
        return False
    erased = get_proper_type(erase_typevars(proper))  # a generic callee's TypeVars: anything
    assert isinstance(erased, Instance)
    reason = problem(found[1], erased, api)
    return reason is not None and report(api, message(found[0], reason), expr, codes.BATCH_MODULE)


class ModuleCallableArguments:
    def __init__(self, report: Reporter) -> None:
        self.report = report

    def __call__(self, ctx: FunctionSigContext | MethodSigContext) -> CallableType:
        signature = ctx.default_signature
        arg_types = list(signature.arg_types)
        changed = False
        for index, formal in enumerate(signature.arg_types):
            if not takes_module_callable(formal):
                continue
            for expr in ctx.args[index] if index < len(ctx.args) else []:
                # Instead of mypy's message, unless mypy needs the formal to solve TypeVars.
                if judge(ctx.api, self.report, expr, formal) and not has_type_vars(formal):
                    arg_types[index] = AnyType(TypeOfAny.special_form)
                    changed = True
        return signature.copy_modified(arg_types=arg_types) if changed else signature
