"""Runtime definitions: jaxtyping types for every alias, and the ``check`` decorator.

Imported lazily by ``batchtyping/__init__.py`` so that ``batchtyping.vocabulary`` stays jax-free.
The docstrings users read live in ``__init__.pyi``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, Protocol, get_args, get_origin, runtime_checkable

from jaxtyping import Array, Complex, Inexact, Num, PyTree, Real
from typing_extensions import TypeVar

Params = PyTree[Inexact[Array, "..."], "Params"]
TupleParams = tuple[Inexact[Array, "..."], ...]
ListParams = list[Inexact[Array, "..."]]
DictParams = dict[str, Inexact[Array, "..."]]
ArrayParams = Inexact[Array, "..."]
HyperParams = dict[str, Any]

ArrayData = Inexact[Array, "batch_size ..."]
Data = PyTree[Inexact[Array, "batch_size ..."]] | ArrayData
DataFixed = PyTree[Inexact[Array, "batch_size ?d0 ?*d"], "DataFixed"]
BatchlessDataFixed = PyTree[Inexact[Array, "?d0 ?*d"], "DataFixed"]
RealDataFixed = PyTree[Real[Array, "batch_size ?d0 ?*d"], "RealDataFixed"]
BatchlessRealDataFixed = PyTree[Real[Array, "?d0 ?*d"], "RealDataFixed"]
ComplexDataFixed = PyTree[Complex[Array, "batch_size ?d0 ?*d"], "ComplexDataFixed"]
BatchlessComplexDataFixed = PyTree[Complex[Array, "?d0 ?*d"], "ComplexDataFixed"]


def _with_structure_parameter(alias: str, tree: Any) -> Any:
    """``tree`` (jaxtyping's ``PyTree[leaf, "name"]``) taking a structure parameter:
    ``alias[Literal["In"]]`` is ``PyTree[leaf, "In"]``, bound to the structure name ``"In"``.

    jaxtyping-private (the one place): ``PyTree[leaf, "name"]`` is a class built by the
    metaclass ``type(PyTree)`` (``jaxtyping._pytree_type._MetaPyTree``), which keeps the leaf
    in ``leaftype`` and checks instances. The result subclasses ``tree`` through a subclass
    of that metaclass adding ``__getitem__``, so it checks like ``tree`` and keeps its repr.
    """
    leaf = tree.leaftype

    class StructureParameter(type(PyTree)):  # type: ignore[misc]
        def __getitem__(cls, name: Any) -> Any:
            args = get_args(name)
            if get_origin(name) is not Literal or len(args) != 1 or not isinstance(args[0], str):
                raise TypeError(
                    f'{alias}[...] takes one structure name spelled Literal["Name"], '
                    f'e.g. {alias}[Literal["In"]]; got {name!r}'
                )
            return PyTree[leaf, args[0]]

    fixed = StructureParameter(tree.__name__, (tree,), {})
    fixed.__qualname__ = tree.__qualname__
    fixed.__module__ = tree.__module__
    return fixed


# The structure parameter (vocabulary.Alias.structure_parameter).
DataFixed = _with_structure_parameter("DataFixed", DataFixed)
BatchlessDataFixed = _with_structure_parameter("BatchlessDataFixed", BatchlessDataFixed)
RealDataFixed = _with_structure_parameter("RealDataFixed", RealDataFixed)
BatchlessRealDataFixed = _with_structure_parameter("BatchlessRealDataFixed", BatchlessRealDataFixed)
ComplexDataFixed = _with_structure_parameter("ComplexDataFixed", ComplexDataFixed)
BatchlessComplexDataFixed = _with_structure_parameter(
    "BatchlessComplexDataFixed", BatchlessComplexDataFixed
)

ArrayDataShape = tuple[int | None, ...]
DataShape = PyTree[tuple[int | None, ...]] | ArrayDataShape

State = PyTree[Num[Array, "*?d"], "State"]
# `?` dimensions only work inside a named PyTree, so the flat containers use `...`.
TupleState = tuple[Num[Array, "..."], ...]
ListState = list[Num[Array, "..."]]
DictState = dict[str, Num[Array, "..."]]
ArrayState = Num[Array, "..."]

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


def check(fn: _F) -> _F:
    """Check ``fn``'s batchtyping (and other jaxtyping) annotations on every call."""
    from batchtyping._call import check as compiled_check

    return compiled_check(fn)  # type: ignore[no-any-return]
