"""PyTree node classes: classes registered with JAX are accepted wherever a PyTree alias is.

The stubs accept dataclass instances and classes with ``tree_flatten`` /
``tree_flatten_with_keys`` methods structurally. Classes registered otherwise
(``register_static``, ``register_dataclass`` with explicit fields, also through
``functools.partial``, names listed in ``node_classes``) get the dataclass marker ``__dataclass_fields__`` so they match too.
"""

from __future__ import annotations

from mypy.nodes import MDEF, CallExpr, RefExpr, SymbolTableNode, Var
from mypy.plugin import ClassDefContext
from mypy.types import AnyType, TypeOfAny

DECORATORS = (
    "jax._src.tree_util.register_static",
    "jax._src.tree_util.register_dataclass",
    "jax._src.tree_util.register_pytree_node_class",
    "jax._src.tree_util.register_pytree_with_keys_class",
    "jax.tree_util.register_static",
    "jax.tree_util.register_dataclass",
    "jax.tree_util.register_pytree_node_class",
    "jax.tree_util.register_pytree_with_keys_class",
)
_MARKER = "__dataclass_fields__"


def mark_partial_node(ctx: ClassDefContext) -> None:
    """``@functools.partial(jax.tree_util.register_dataclass, data_fields=...)``."""
    reason = ctx.reason
    if (
        isinstance(reason, CallExpr)
        and reason.args
        and isinstance(reason.args[0], RefExpr)
        and reason.args[0].fullname in DECORATORS
    ):
        mark_node(ctx)


def mark_node(ctx: ClassDefContext) -> None:
    """Give the class the member the stubs' ``_DataclassNode`` protocol looks for."""
    info = ctx.cls.info
    if info.get(_MARKER) is not None:
        return
    str_type = ctx.api.named_type("builtins.str", [])
    typ = ctx.api.named_type("builtins.dict", [str_type, AnyType(TypeOfAny.explicit)])
    var = Var(_MARKER, typ)
    var.info = info
    var.is_classvar = True
    var._fullname = f"{info.fullname}.{_MARKER}"
    info.names[_MARKER] = SymbolTableNode(MDEF, var, plugin_generated=True)
