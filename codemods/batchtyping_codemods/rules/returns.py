"""What a function's return gets: a forward pass's closure as ``ModuleCallable[...]``, a
container alias when every returned value is a display of it, several trees refused."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst

from batchtyping.vocabulary import BY_NAME, MODULE_CALLABLE_PARAMETERS

from batchtyping_codemods.cst.names import dotted


JIT = frozenset({"jax.jit", "jit", "eqx.filter_jit", "equinox.filter_jit", "filter_jit"})


def closure_roles(value: cst.BaseExpression | None, closures: Mapping[str, dict[str, str]]) -> dict[str, str] | None:
    """The forward-pass types of a returned closure (``forward`` or ``jax.jit(forward)``), from
    ``closures``: nested function name -> its roles' aliases."""
    if isinstance(value, cst.Call) and dotted(value.func) in JIT and value.args:
        value = value.args[0].value
    return closures.get(value.value) if isinstance(value, cst.Name) else None


def module_callable(types: Mapping[str, str]) -> str:
    """``ModuleCallable[P, S, D]``, trailing defaults dropped (bare when all are defaults)."""
    args = [types.get(role, default) for role, default in MODULE_CALLABLE_PARAMETERS]
    while args and args[-1] == MODULE_CALLABLE_PARAMETERS[len(args) - 1][1]:
        args.pop()
    return f"ModuleCallable[{', '.join(args)}]" if args else "ModuleCallable"


def bundle(values: Sequence[cst.BaseExpression | None], named: set[str]) -> cst.BaseExpression | None:
    """A returned tuple or list holding variables a convention names (``return params,
    state``): several trees, not one."""
    for value in values:
        if isinstance(value, (cst.Tuple, cst.List)) and any(
            isinstance(element.value, cst.Name) and element.value.value in named
            for element in value.elements
        ):
            return value
    return None


def narrow_return(alias: str, values: Sequence[cst.BaseExpression | None]) -> str:
    """A container alias when every returned value is a display of that container."""
    info = BY_NAME[alias]
    if info.container != "tree" or not values:
        return alias
    kinds = {type(v).__name__ for v in values}
    container = {"Dict": "dict", "Tuple": "tuple", "List": "list"}.get(kinds.pop()) if len(kinds) == 1 else None
    if container is None:
        return alias
    for other in BY_NAME.values():
        if other.role == info.role and other.container == container and other.batched is not False:
            if info.role != "data" and other.dtype == info.dtype:
                return other.name
    return alias
