"""Known dtype producers (``batch-dtype`` knowledge): ``jnp.real``/``jnp.abs`` give real
arrays, ``jnp.fft.fft`` complex ones. The result stays an ``Array`` to mypy; the plugin
remembers its dtype kind in the type's extra attributes (its batch axis stays unknown)."""

from __future__ import annotations

from mypy.plugin import FunctionContext, MethodContext
from mypy.types import AnyType, Instance, LiteralType, TupleType, Type, get_proper_type

from batchtyping_mypy.meanings import KIND_ATTR, meaning
from batchtyping_mypy.mypy_api import ARRAY, array_type

_REAL = ("real", "imag", "abs", "absolute", "angle")
_FFT_REAL = ("irfft", "irfft2", "irfftn", "hfft")
_FFT_COMPLEX = ("fft", "ifft", "fft2", "ifft2", "fftn", "ifftn", "rfft", "rfft2", "rfftn", "ihfft")

PRODUCERS: dict[str, str] = {
    **{f"jax.numpy.{name}": "real" for name in _REAL},
    **{f"jax._src.numpy.ufuncs.{name}": "real" for name in _REAL},
    **{f"jax._src.numpy.fft.{name}": "real" for name in _FFT_REAL},
    **{f"jax._src.numpy.fft.{name}": "complex" for name in _FFT_COMPLEX},
    **{f"jax.numpy.fft.{name}": "real" for name in _FFT_REAL},
    **{f"jax.numpy.fft.{name}": "complex" for name in _FFT_COMPLEX},
}


ACCEPTS: dict[str, frozenset[str]] = {
    "inexact": frozenset({"float", "complex"}),
    "real": frozenset({"float", "integer"}),
    "complex": frozenset({"complex"}),
    "numeric": frozenset({"integer", "float", "complex"}),
    "float": frozenset({"float"}),
    "integer": frozenset({"integer"}),
    "bool": frozenset({"bool"}),
}
"""The leaf dtypes a kind takes, as jaxtyping's Inexact, Real (float or integer), Complex,
Num do; the last three are the kinds of arrays whose dtype a call spelled."""


def excluded(got: str, expected: str) -> bool:
    """Whether no leaf of kind ``got`` fits ``expected`` (unknown kinds exclude nothing)."""
    return got in ACCEPTS and expected in ACCEPTS and not ACCEPTS[got] & ACCEPTS[expected]


def kind_of(typ: Type) -> str | None:
    """The dtype kind a producer marked on an array type, else None."""
    found = meaning(typ)
    return found.dtype if found is not None and found.label.endswith(" array") else None


def marked(ctx: FunctionContext | MethodContext, kind: str, typed: bool = False) -> Type:
    """The call's result marked with ``kind``: an array, or each array of a returned tuple;
    ``typed``: a result mypy sees as ``Any`` (a jit-wrapped jnp function) becomes the
    ``Array`` jax declares."""
    ret = get_proper_type(ctx.default_return_type)
    if typed and isinstance(ret, AnyType):
        ret = array_type(ctx.api) or ret
    label = LiteralType(kind, ctx.api.named_generic_type("builtins.str", []))
    if isinstance(ret, TupleType):
        items = [_mark(item, label) for item in ret.items]
        return ret.copy_modified(items=items)
    return _mark(ret, label) if isinstance(ret, Instance) else ctx.default_return_type


def _mark(typ: Type, label: LiteralType) -> Type:
    proper = get_proper_type(typ)
    if isinstance(proper, Instance) and proper.type.fullname == ARRAY:
        return proper.copy_with_extra_attr(KIND_ATTR, label)
    return typ


class Producer:
    def __init__(self, kind: str, typed: bool = False) -> None:
        self.kind = kind
        self.typed = typed

    def __call__(self, ctx: FunctionContext) -> Type:
        return marked(ctx, self.kind, self.typed)


def unmarked(typ: Type) -> Type:
    """``typ`` without a producer's dtype kind: a structure bound by a call result carries
    the structure into the return, not the argument's leaves."""
    proper = get_proper_type(typ)
    if not isinstance(proper, Instance) or proper.extra_attrs is None:
        return typ
    if KIND_ATTR not in proper.extra_attrs.attrs:
        return typ
    copy = proper.copy_modified()
    extra = proper.extra_attrs.copy()
    del extra.attrs[KIND_ATTR]
    copy.extra_attrs = extra if extra.attrs or extra.immutable else None
    return copy
