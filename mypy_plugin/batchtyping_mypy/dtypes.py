"""Known dtype producers (``batch-dtype`` knowledge): ``jnp.real``/``jnp.abs`` give real
arrays, ``jnp.fft.fft`` complex ones. The result stays an ``Array`` to mypy; the plugin
remembers its dtype kind in the type's extra attributes (its batch axis stays unknown)."""

from __future__ import annotations

from mypy.plugin import FunctionContext
from mypy.types import Instance, LiteralType, Type, get_proper_type

from batchtyping_mypy.meanings import KIND_ATTR

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


class Producer:
    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __call__(self, ctx: FunctionContext) -> Type:
        ret = get_proper_type(ctx.default_return_type)
        if not isinstance(ret, Instance):
            return ctx.default_return_type
        kind = LiteralType(self.kind, ctx.api.named_generic_type("builtins.str", []))
        return ret.copy_with_extra_attr(KIND_ATTR, kind)


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
