"""What a jaxtyping annotation means, read once from jaxtyping's parsed classes.

jaxtyping-private (with ``_runtime._with_structure_parameter``, the only other place): an
array annotation ``Inexact[Array, "batch_size ?d0 ?*d"]`` is a class holding ``array_type``,
``dtypes`` (dtype names), ``dims`` (parsed dimension objects) and ``index_variadic``; a
``PyTree[leaf, "Name"]`` is a class holding ``leaftype`` and ``structure``. Everything the
compiled checker cannot reproduce exactly raises ``Unsupported``, and the function is then
checked by jaxtyping and beartype instead. ``push_bindings`` hands a call's bindings to
jaxtyping's memo stack, so ``isinstance`` checks in the function body see them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jaxtyping import AbstractArray, PyTree
from jaxtyping import _array_types as _at
from jaxtyping._storage import pop_shape_memo, push_shape_memo


class Unsupported(Exception):
    """An annotation the compiled checker does not implement (it falls back to jaxtyping)."""


_KINDS = {
    "Inexact": "a float or complex dtype",
    "Real": "a float or integer dtype",
    "Num": "a numeric (non-bool) dtype",
    "Complex": "a complex dtype",
    "Float": "a float dtype",
    "Integer": "an integer dtype",
    "Int": "a signed integer dtype",
    "UInt": "an unsigned integer dtype",
    "Bool": "a bool dtype",
}


@dataclass(frozen=True)
class LeafSpec:
    """One array annotation, compiled: what a leaf's type, dtype and shape must be."""

    text: str
    """The annotation as written, e.g. ``Inexact[Array, "batch_size ..."]``."""
    array_type: Any
    """The isinstance target (``jax.Array``), or None: anything with a shape and a dtype."""
    dtypes: frozenset[str] | None
    """Accepted dtype names (jaxtyping's ``dtype.type.__name__``); None: any dtype."""
    dtype_text: str
    ndim: int
    """The number of single dimensions; with ``variadic`` the minimum rank."""
    variadic: bool
    fixed: tuple[tuple[int, int], ...]
    """(shape index, size) of each literal dimension."""
    named: tuple[tuple[int, str], ...]
    """(shape index, name) of each named dimension bound across the call (``batch_size``)."""
    variadic_name: str | None
    variadic_slice: tuple[int, int | None]
    treepath: tuple[int, int | None] | None
    """The shape slice bound per leaf of a named tree (jaxtyping's ``?`` dimensions)."""
    layout: tuple[tuple[str, bool], ...] = ()
    """The ``?`` dimensions' (name, variadic) pairs: two annotations bind per-leaf shapes
    together only when their layouts are equal (the same jaxtyping names)."""
    types: dict[type, int] = field(default_factory=dict, compare=False, repr=False)
    """Per value type: how to read its dtype and shape, if it is an array (filled on first sight)."""
    dtypes_ok: dict[Any, bool] = field(default_factory=dict, compare=False, repr=False)
    """Per dtype: is it one of ``dtypes`` (filled on first sight)."""

    def shape_text(self) -> str:
        return self.text[self.text.index('"'):-1]


def is_array_annotation(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, AbstractArray) and hint is not AbstractArray


def tree_parts(hint: Any) -> tuple[Any, str | None] | None:
    """``(leaftype, structure)`` of a jaxtyping ``PyTree[...]`` class, else None."""
    if not isinstance(hint, type(PyTree)):
        return None
    if not hasattr(hint, "leaftype"):
        return Any, None
    structure = hint.structure
    if structure is not None and not structure.isidentifier():
        raise Unsupported(f"composite PyTree structure {structure!r}")
    return hint.leaftype, structure


def _index(position: int, count: int, variadic_at: int | None) -> int:
    if variadic_at is None or position < variadic_at:
        return position
    return position - count


def leaf_spec(hint: Any) -> LeafSpec:
    """Compile a jaxtyping array annotation (``Float[Array, "b n"]``)."""
    if getattr(hint, "_skip_instancecheck", False):
        raise Unsupported("a transparent array annotation")
    dims, variadic_at = tuple(hint.dims), hint.index_variadic
    count = len(dims)
    dtypes: frozenset[str] | None = None
    if hint.dtypes is not _at._any_dtype:
        if not all(isinstance(d, str) for d in hint.dtypes):
            raise Unsupported("a dtype pattern")
        dtypes = frozenset(hint.dtypes)
    fixed, named, treepath_positions = [], [], []
    variadic_name = None
    stop = None if variadic_at is None else (-(count - variadic_at - 1) or None)
    for position, dim in enumerate(dims):
        index = _index(position, count, variadic_at)
        if dim is _at._anonymous_dim or dim is _at._anonymous_variadic_dim:
            continue
        if getattr(dim, "broadcastable", False) or isinstance(dim, _at._SymbolicDim):
            raise Unsupported("a broadcastable or symbolic dimension")
        if isinstance(dim, _at._FixedDim):
            fixed.append((index, dim.size))
        elif dim.treepath:
            treepath_positions.append(position)
        elif isinstance(dim, _at._NamedVariadicDim):
            variadic_name = dim.name
        else:
            named.append((index, dim.name))
    treepath: tuple[int, int | None] | None = None
    layout: tuple[tuple[str, bool], ...] = ()
    if treepath_positions:
        first, last = treepath_positions[0], treepath_positions[-1]
        if treepath_positions != list(range(first, last + 1)):
            raise Unsupported("non-adjacent ? dimensions")
        start = variadic_at if first == variadic_at else _index(first, count, variadic_at)
        if last == count - 1:
            end: int | None = None
        elif last == variadic_at:
            end = stop
        else:
            end = _index(last, count, variadic_at) + 1
        treepath = (start, end)
        layout = tuple((dims[p].name, p == variadic_at) for p in treepath_positions)
    array_type = None if hint.array_type is Any else hint.array_type
    dtype_name = hint.dtype.__name__
    array_name = "Array" if hint.array_type.__name__ == "Array" else hint.array_type.__name__
    return LeafSpec(
        text=f'{dtype_name}[{array_name}, "{hint.dim_str}"]',
        array_type=array_type,
        dtypes=dtypes,
        dtype_text=f"{dtype_name} ({_KINDS[dtype_name]})" if dtype_name in _KINDS else dtype_name,
        ndim=count - (variadic_at is not None),
        variadic=variadic_at is not None,
        fixed=tuple(fixed),
        named=tuple(named),
        variadic_name=variadic_name,
        variadic_slice=(variadic_at or 0, stop),
        treepath=treepath,
        layout=layout,
    )


def dtype_name(dtype: Any) -> str:
    """jaxtyping's name for a dtype (``float32``, ``bfloat16``, ``prng_key``)."""
    kind = getattr(dtype, "type", None)
    if kind is not None and hasattr(kind, "__name__"):
        if kind.__name__ == "void" and str(dtype) != "void":
            return str(dtype)  # a numpy structured dtype
        return str(kind.__name__)
    if hasattr(dtype, "as_numpy_dtype"):
        return str(dtype.as_numpy_dtype.__name__)
    return dtype if isinstance(dtype, str) else repr(dtype).rsplit(".", 1)[-1]


def push_bindings(dims: dict[str, tuple[Any, str]], trees: dict[str, Any]) -> None:
    """Open jaxtyping's context for the function body (``jaxtyped`` does the same), holding
    the call's named dimensions and structures; ``pop_bindings`` closes it."""
    single, variadic, structures, _ = push_shape_memo({})
    for name, (value, _where) in dims.items():
        if name[0] == "*":
            variadic[name[1:]] = (False, value)
        else:
            single[name] = value
    for name, bound in trees.items():
        structures[name] = bound.treedef


pop_bindings = pop_shape_memo
