"""Runtime definitions: jaxtyping types for every alias, and the ``check`` decorator.

Imported lazily by ``batchtyping/__init__.py`` so that ``batchtyping.vocabulary`` stays jax-free.
The docstrings users read live in ``__init__.pyi``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import jax.stages
from beartype import beartype
from jaxtyping import Array, Complex, Inexact, Num, PyTree, Real, jaxtyped
from typing_extensions import TypeVar

Params = PyTree[Inexact[Array, "..."], "Params"]
TupleParams = tuple[Inexact[Array, "..."], ...]
ListParams = list[Inexact[Array, "..."]]
DictParams = dict[str, Inexact[Array, "..."]]
HyperParams = dict[str, Any]

ArrayData = Inexact[Array, "batch_size ..."]
Data = PyTree[Inexact[Array, "batch_size ..."]] | ArrayData
DataFixed = PyTree[Inexact[Array, "batch_size ?d0 ?*d"], "DataFixed"]
BatchlessDataFixed = PyTree[Inexact[Array, "?d0 ?*d"], "DataFixed"]
RealDataFixed = PyTree[Real[Array, "batch_size ?d0 ?*d"], "RealDataFixed"]
BatchlessRealDataFixed = PyTree[Real[Array, "?d0 ?*d"], "RealDataFixed"]
ComplexDataFixed = PyTree[Complex[Array, "batch_size ?d0 ?*d"], "ComplexDataFixed"]
BatchlessComplexDataFixed = PyTree[Complex[Array, "?d0 ?*d"], "ComplexDataFixed"]

ArrayDataShape = tuple[int | None, ...]
DataShape = PyTree[tuple[int | None, ...]] | ArrayDataShape

State = PyTree[Num[Array, "*?d"], "State"]
# `?` dimensions only work inside a named PyTree, so the flat containers use `...`.
TupleState = tuple[Num[Array, "..."], ...]
ListState = list[Num[Array, "..."]]
DictState = dict[str, Num[Array, "..."]]

_P = TypeVar("_P", contravariant=True, default=Params)
_S = TypeVar("_S", default=State)
_D = TypeVar("_D", default=Data)


@runtime_checkable
class ModuleCallable(Protocol[_P, _S, _D]):
    """A forward pass: ``(params, data, training, state, rng) -> (data, state)``."""

    def __call__(
        self, params: _P, data: _D, training: bool, state: _S, rng: Any, /
    ) -> tuple[_D, _S]: ...


ParamsT = TypeVar("ParamsT", bound=Params)
DataFixedT = TypeVar("DataFixedT", bound=DataFixed)
BatchlessDataFixedT = TypeVar("BatchlessDataFixedT", bound=BatchlessDataFixed)
RealDataFixedT = TypeVar("RealDataFixedT", bound=RealDataFixed)
BatchlessRealDataFixedT = TypeVar("BatchlessRealDataFixedT", bound=BatchlessRealDataFixed)
ComplexDataFixedT = TypeVar("ComplexDataFixedT", bound=ComplexDataFixed)
BatchlessComplexDataFixedT = TypeVar("BatchlessComplexDataFixedT", bound=BatchlessComplexDataFixed)
StateT = TypeVar("StateT", bound=State)

_F = TypeVar("_F", bound=Callable[..., Any])

_typecheck = jaxtyped(typechecker=beartype)


def check(fn: _F) -> _F:
    """Check ``fn``'s batchtyping (and other jaxtyping) annotations on every call."""
    if isinstance(fn, jax.stages.Wrapped):
        name = getattr(fn, "__name__", repr(fn))
        raise TypeError(
            f"batchtyping.check cannot wrap the jitted function {name!r}: apply it "
            "under jax.jit instead, i.e. @jax.jit above @batchtyping.check, or "
            "jax.jit(check(f))."
        )
    return _typecheck(fn)
