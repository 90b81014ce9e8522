"""Dtype kinds of created arrays (``batch-dtype``): ``jnp.zeros(3, dtype=jnp.int32)`` and
``jnp.arange(3)`` are integer, ``jnp.zeros(3)`` is float (JAX's default),
``x.astype(bool)`` and ``x > 0`` are bool. Only what the call spells decides: a dtype keyword naming a
dtype, or literal arguments (``jnp.full(n, 1)``, ``jnp.array([1, 2])``); anything else
leaves the array unmarked (unknown)."""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import (
    ComplexExpr,
    Expression,
    FloatExpr,
    IntExpr,
    ListExpr,
    MemberExpr,
    NameExpr,
    StrExpr,
    TupleExpr,
    UnaryExpr,
)
from mypy.plugin import FunctionContext, MethodContext
from mypy.types import Type

from batchtyping_mypy.dtypes import kind_of, marked

_NAMES = {
    "integer": "int int8 int16 int32 int64 uint8 uint16 uint32 uint64",
    "float": "float float16 float32 float64 bfloat16",
    "complex": "complex complex64 complex128",
    "bool": "bool bool_",
}
DTYPES = {name: kind for kind, names in _NAMES.items() for name in names.split()}


def dtype_kind(expr: Expression | None) -> str | None:
    """The kind a ``dtype=`` expression names: ``jnp.int32``, ``float``, ``"int32"``."""
    if isinstance(expr, StrExpr):
        return DTYPES.get(expr.value)
    if isinstance(expr, NameExpr | MemberExpr) and expr.fullname.split(".")[0] in ("builtins", "jax", "numpy"):
        return DTYPES.get(expr.name)
    return None


def literal_kind(expr: Expression) -> str | None:
    """The kind JAX gives a Python literal (or a list/tuple display of them)."""
    if isinstance(expr, UnaryExpr) and expr.op == "-":
        return literal_kind(expr.expr)
    if isinstance(expr, NameExpr) and expr.fullname in ("builtins.True", "builtins.False"):
        return "bool"
    if isinstance(expr, IntExpr):
        return "integer"
    if isinstance(expr, FloatExpr):
        return "float"
    if isinstance(expr, ComplexExpr):
        return "complex"
    if isinstance(expr, (ListExpr, TupleExpr)) and expr.items:
        kinds = {literal_kind(item) for item in expr.items}
        for kind in ("complex", "float", "integer", "bool"):  # JAX's promotion order
            if kind in kinds and None not in kinds:
                return kind
    return None


def _argument(ctx: FunctionContext | MethodContext, name: str, position: int | None) -> Expression | None:
    for index, formal in enumerate(ctx.callee_arg_names):
        if (formal == name or index == position) and ctx.args[index]:
            return ctx.args[index][0]
    return None


class Creation:
    """``zeros``, ``ones``, ``full``, ``arange``, ``array``... with the kind the call spells."""

    def __init__(self, default: str | None, literals: tuple[str, ...], like: bool = False) -> None:
        self.default = default
        """The kind without a dtype (JAX's default float for ``zeros``), None: from literals."""
        self.literals = literals
        """Parameters whose literal arguments decide the kind without a dtype."""
        self.like = like
        """``zeros_like(a)``: without a dtype, the kind of ``a``."""

    def __call__(self, ctx: FunctionContext | MethodContext) -> Type:
        kind = dtype_kind(_argument(ctx, "dtype", None))
        if kind is None and _argument(ctx, "dtype", None) is None:
            kind = self.default or self._from_literals(ctx)
            if self.like and ctx.arg_types and ctx.arg_types[0]:
                kind = kind_of(ctx.arg_types[0][0])
        return marked(ctx, kind) if kind is not None else ctx.default_return_type

    def _from_literals(self, ctx: FunctionContext | MethodContext) -> str | None:
        given = [e for name in self.literals if (e := _argument(ctx, name, None)) is not None]
        kinds = {literal_kind(e) for e in given}
        if not given or None in kinds:
            return None
        return next(k for k in ("complex", "float", "integer", "bool") if k in kinds)


class Comparison:
    """``x > 0.5``: a bool array."""

    def __call__(self, ctx: MethodContext) -> Type:
        return marked(ctx, "bool")


class AsType:
    """``x.astype(jnp.int32)``: the kind the dtype names."""

    def __call__(self, ctx: MethodContext) -> Type:
        kind = dtype_kind(_argument(ctx, "dtype", 0))
        return marked(ctx, kind) if kind is not None else ctx.default_return_type


_CREATIONS = {
    "zeros": Creation("float", ()),
    "ones": Creation("float", ()),
    "empty": Creation("float", ()),
    "eye": Creation("float", ()),
    "identity": Creation("float", ()),
    "linspace": Creation("float", ()),
    "full": Creation(None, ("fill_value",)),
    "arange": Creation(None, ("start", "stop", "step")),
    "array": Creation(None, ("object",)),
    "asarray": Creation(None, ("a",)),
    "zeros_like": Creation(None, (), like=True),
    "ones_like": Creation(None, (), like=True),
}

FUNCTIONS: dict[str, Callable[[FunctionContext], Type]] = {
    f"jax.numpy.{name}": hook for name, hook in _CREATIONS.items()
}
METHODS: dict[str, Callable[[MethodContext], Type]] = {
    "jax._src.basearray.Array.astype": AsType(),
    **{f"jax._src.basearray.Array.__{op}__": Comparison() for op in ("lt", "le", "gt", "ge")},
}
