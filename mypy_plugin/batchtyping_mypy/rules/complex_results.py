"""Complex results (``batch-dtype``): ``jnp.linalg.eigvals``/``eig`` give complex arrays
(``eigvalsh`` real ones; mypy sees these jit-wrapped functions return ``Any``), so
does arithmetic with a complex literal or a complex array (``1j * x``), and the elementwise
functions keep a complex or float kind (``jnp.exp(1j * x)`` is complex).
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import ComplexExpr, OpExpr
from mypy.plugin import FunctionContext, MethodContext
from mypy.types import Type

from batchtyping_mypy.dtypes import Producer, kind_of, marked

_ELEMENTWISE = "exp log sin cos tan sinh cosh tanh sqrt conj conjugate negative square".split()
_OPERATORS = "add sub mul truediv matmul pow".split()


class Elementwise:
    """``jnp.exp(z)``: the kind of a complex or float argument."""

    def __call__(self, ctx: FunctionContext) -> Type:
        kind = kind_of(ctx.arg_types[0][0]) if ctx.arg_types and ctx.arg_types[0] else None
        return marked(ctx, kind) if kind in ("float", "complex") else ctx.default_return_type


class Arithmetic:
    """``x * 1j``, ``1j * x``, ``z + x`` with ``z`` complex: complex."""

    def __call__(self, ctx: MethodContext) -> Type:
        op = ctx.context  # the operator expression: mypy passes a reversed operand as a TempNode
        literal = isinstance(op, OpExpr) and ComplexExpr in (type(op.left), type(op.right))
        complex_other = literal or (
            bool(ctx.arg_types and ctx.arg_types[0]) and kind_of(ctx.arg_types[0][0]) == "complex"
        )
        if complex_other or kind_of(ctx.type) == "complex":
            return marked(ctx, "complex")
        return ctx.default_return_type


_LINALG = ("jax.numpy.linalg", "jax._src.numpy.linalg")

FUNCTIONS: dict[str, Callable[[FunctionContext], Type]] = {
    **{f"{module}.eigvals": Producer("complex", typed=True) for module in _LINALG},
    **{f"{module}.eig": Producer("complex", typed=True) for module in _LINALG},
    **{f"{module}.eigvalsh": Producer("real", typed=True) for module in _LINALG},
    **{f"jax.numpy.{name}": Elementwise() for name in _ELEMENTWISE},
}
METHODS: dict[str, Callable[[MethodContext], Type]] = {
    f"jax._src.basearray.Array.__{side}{op}__": Arithmetic()
    for op in _OPERATORS
    for side in ("", "r")
}
