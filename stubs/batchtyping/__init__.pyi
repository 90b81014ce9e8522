"""Static meaning of the batchtyping aliases.

Each PyTree alias is its own recursive alias over ``jax.Array`` leaves, ``Sequence`` and
``Mapping`` containers, ``None`` and PyTree node classes, so checkers keep its name in
messages and a ``dict[str, Array]`` variable is accepted where ``Params`` is expected.
The Fixed aliases are their private recursive tree or ``_Named[name]``, which carries their
structure parameter outside the recursion (``DataFixed[Literal["In"]]``). Dtype, batch size and structure names are run-time facts (``check``) or the mypy
plugin's business; these stubs never reject what the runtime accepts.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Literal, Protocol, TypeAlias

from jax import Array
from typing_extensions import TypeVar

__all__ = [
    "Params",
    "TupleParams",
    "ListParams",
    "DictParams",
    "ArrayParams",
    "HyperParams",
    "ArrayData",
    "Data",
    "DataFixed",
    "BatchlessDataFixed",
    "RealDataFixed",
    "BatchlessRealDataFixed",
    "ComplexDataFixed",
    "BatchlessComplexDataFixed",
    "ArrayDataShape",
    "DataShape",
    "State",
    "TupleState",
    "ListState",
    "DictState",
    "ArrayState",
    "ModuleCallable",
    "ParamsT",
    "DataFixedT",
    "BatchlessDataFixedT",
    "RealDataFixedT",
    "BatchlessRealDataFixedT",
    "ComplexDataFixedT",
    "BatchlessComplexDataFixedT",
    "StateT",
    "check",
]
__version__: str

class _DataclassNode(Protocol):
    """A dataclass instance: registered dataclasses (flax, equinox, ``register_dataclass``)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

class _FlattenNode(Protocol):
    """A class registered with ``jax.tree_util.register_pytree_node_class``."""

    def tree_flatten(self) -> object:
        """Children and auxiliary data, as jax flattens the node."""

class _KeysNode(Protocol):
    """A class registered with ``jax.tree_util.register_pytree_with_keys_class``."""

    def tree_flatten_with_keys(self) -> object:
        """Keyed children and auxiliary data, as jax flattens the node."""

_Node: TypeAlias = _DataclassNode | _FlattenNode | _KeysNode

# The Fixed aliases' structure parameter, with the family's name as its default: a bare
# ``DataFixed`` is ``DataFixed[Literal["DataFixed"]]``. It is a phantom carried by
# ``_Named``; each alias is its private recursive tree (``_DataFixed``) or ``_Named[name]``.
_DataFixedName = TypeVar("_DataFixedName", default=Literal["DataFixed"])
_RealDataFixedName = TypeVar("_RealDataFixedName", default=Literal["RealDataFixed"])
_ComplexDataFixedName = TypeVar("_ComplexDataFixedName", default=Literal["ComplexDataFixed"])
_Name_co = TypeVar("_Name_co", covariant=True)

class _Named(_DataclassNode, Protocol[_Name_co]):
    """The structure name of a Fixed alias (``_Named[Literal["In"]]``), and nothing more.

    A dataclass node, so the alias accepts nothing new; matched structurally, so values of
    two names stay compatible (the runtime binds names per call, never across calls).
    Outside the recursive tree because a checker compares a recursive alias's arguments.
    """

Params: TypeAlias = Array | Sequence[Params] | Mapping[Any, Params] | _Node | None
"""Model parameters: any PyTree of floating or complex arrays.

Runtime: ``PyTree[Inexact[Array, "..."], "Params"]``; the tree structure is bound across
one checked call. Use it where a function only passes parameters on; use ``DictParams``,
``TupleParams`` or ``ListParams`` where the body indexes them.
"""

TupleParams: TypeAlias = tuple[Array, ...]
"""Parameters held in a tuple of floating or complex arrays (``params[0]`` is an array).

Runtime: ``tuple[Inexact[Array, "..."], ...]``.
"""

ListParams: TypeAlias = list[Array]
"""Parameters held in a list of floating or complex arrays.

Runtime: ``list[Inexact[Array, "..."]]``.
"""

DictParams: TypeAlias = dict[str, Array]
"""Parameters held in a str-keyed dict of floating or complex arrays (``params["w"]``).

Runtime: ``dict[str, Inexact[Array, "..."]]``.
"""

ArrayParams: TypeAlias = Array
"""Parameters that are one floating or complex array (``params.shape``, ``x @ params``).

Runtime: ``Inexact[Array, "..."]``: any shape, no batch axis. A ``Params`` tree whose only
leaf is the array; use it where the body uses the parameters as one array.
"""

HyperParams: TypeAlias = dict[str, Any]
"""Configuration that is not trained: a str-keyed dict of plain values.

Runtime: ``dict[str, Any]``.
"""

ArrayData: TypeAlias = Array
"""One floating or complex array whose leading axis is the batch.

Runtime: ``Inexact[Array, "batch_size ..."]``; ``batch_size`` is bound across the call.
"""

Data: TypeAlias = Array | Sequence[Data] | Mapping[Any, Data] | _Node | None
"""Batched input or output data: a PyTree of arrays sharing the leading batch axis.

Runtime: ``PyTree[Inexact[Array, "batch_size ..."]] | ArrayData``; every leaf of every
argument and of the return value has the same ``batch_size``.
"""

_DataFixed: TypeAlias = Array | Sequence[_DataFixed] | Mapping[Any, _DataFixed] | _Node | None
DataFixed: TypeAlias = _DataFixed | _Named[_DataFixedName]
"""Batched data whose structure is fixed across a call.

Runtime: ``PyTree[Inexact[Array, "batch_size ?d0 ?*d"], "DataFixed"]``: each leaf has a
batch axis and at least one more; every ``DataFixed`` and ``BatchlessDataFixed`` in one
call has the same tree structure and the same trailing shape per leaf. Use it for
functions that keep their input's layout (scalers, normalisers).

A structure parameter gives one call several structures: ``DataFixed[Literal["In"]]``
is ``PyTree[Inexact[Array, "batch_size ?d0 ?*d"], "In"]`` at run time, bound to the
name ``"In"`` (shared by every Fixed alias with that parameter):

    def fit_predict(
        X: DataFixed[Literal["In"]],
        Y: RealDataFixed[Literal["Out"]],
        X_new: DataFixed[Literal["In"]],
    ) -> RealDataFixed[Literal["Out"]]: ...

The bare alias is ``DataFixed[Literal["DataFixed"]]``. Statically the name changes nothing:
values of any two names are compatible (names bind per call); the mypy plugin checks them.
"""

_BatchlessDataFixed: TypeAlias = (
    Array | Sequence[_BatchlessDataFixed] | Mapping[Any, _BatchlessDataFixed] | _Node | None
)
BatchlessDataFixed: TypeAlias = _BatchlessDataFixed | _Named[_DataFixedName]
"""One example of ``DataFixed`` data: the same structure, without the batch axis.

Runtime: ``PyTree[Inexact[Array, "?d0 ?*d"], "DataFixed"]``. Takes a structure parameter
like ``DataFixed``: ``BatchlessDataFixed[Literal["In"]]`` shares ``"In"``.
"""

_RealDataFixed: TypeAlias = (
    Array | Sequence[_RealDataFixed] | Mapping[Any, _RealDataFixed] | _Node | None
)
RealDataFixed: TypeAlias = _RealDataFixed | _Named[_RealDataFixedName]
"""``DataFixed`` restricted to real (integer or floating) leaves.

Runtime: ``PyTree[Real[Array, "batch_size ?d0 ?*d"], "RealDataFixed"]``. Takes a
structure parameter like ``DataFixed``: ``RealDataFixed[Literal["Out"]]`` binds ``"Out"``.
"""

_BatchlessRealDataFixed: TypeAlias = (
    Array | Sequence[_BatchlessRealDataFixed] | Mapping[Any, _BatchlessRealDataFixed] | _Node | None
)
BatchlessRealDataFixed: TypeAlias = _BatchlessRealDataFixed | _Named[_RealDataFixedName]
"""One example of ``RealDataFixed`` data, without the batch axis.

Runtime: ``PyTree[Real[Array, "?d0 ?*d"], "RealDataFixed"]``. Takes a structure
parameter like ``DataFixed`` (``BatchlessRealDataFixed[Literal["Out"]]``).
"""

_ComplexDataFixed: TypeAlias = (
    Array | Sequence[_ComplexDataFixed] | Mapping[Any, _ComplexDataFixed] | _Node | None
)
ComplexDataFixed: TypeAlias = _ComplexDataFixed | _Named[_ComplexDataFixedName]
"""``DataFixed`` restricted to complex leaves.

Runtime: ``PyTree[Complex[Array, "batch_size ?d0 ?*d"], "ComplexDataFixed"]``. Takes a
structure parameter like ``DataFixed`` (``ComplexDataFixed[Literal["Spectrum"]]``).
"""

_BatchlessComplexDataFixed: TypeAlias = (
    Array
    | Sequence[_BatchlessComplexDataFixed]
    | Mapping[Any, _BatchlessComplexDataFixed]
    | _Node
    | None
)
BatchlessComplexDataFixed: TypeAlias = _BatchlessComplexDataFixed | _Named[_ComplexDataFixedName]
"""One example of ``ComplexDataFixed`` data, without the batch axis.

Runtime: ``PyTree[Complex[Array, "?d0 ?*d"], "ComplexDataFixed"]``. Takes a structure
parameter like ``DataFixed`` (``BatchlessComplexDataFixed[Literal["Spectrum"]]``).
"""

ArrayDataShape: TypeAlias = tuple[int | None, ...]
"""The shape of one array of data without its batch axis; ``None`` marks an unknown size.

Runtime: ``tuple[int | None, ...]``.
"""

DataShape: TypeAlias = (
    tuple[int | None, ...] | Sequence[DataShape] | Mapping[Any, DataShape] | _Node | None
)
"""The shapes of a ``Data`` tree: a PyTree whose leaves are ``ArrayDataShape`` tuples.

Runtime: ``PyTree[tuple[int | None, ...]] | ArrayDataShape``.
"""

State: TypeAlias = Array | Sequence[State] | Mapping[Any, State] | _Node | None
"""A module's private state (running statistics, counters): any PyTree of numeric arrays.

Runtime: ``PyTree[Num[Array, "*?d"], "State"]``: the state returned by a forward pass
must have the structure and per-leaf shapes of the state it was given.
"""

TupleState: TypeAlias = tuple[Array, ...]
"""State held in a tuple of numeric arrays. Runtime: ``tuple[Num[Array, "..."], ...]``."""

ListState: TypeAlias = list[Array]
"""State held in a list of numeric arrays. Runtime: ``list[Num[Array, "..."]]``."""

DictState: TypeAlias = dict[str, Array]
"""State held in a str-keyed dict of numeric arrays. Runtime: ``dict[str, Num[Array, "..."]]``."""

ArrayState: TypeAlias = Array
"""State that is one numeric array (a counter, a running mean): ``state + 1``, ``state.shape``.

Runtime: ``Num[Array, "..."]``: any shape, no batch axis, any numeric dtype.
"""

_P = TypeVar("_P", contravariant=True, default=Params)
_S = TypeVar("_S", default=State)
_D = TypeVar("_D", default=Data)

class ModuleCallable(Protocol[_P, _S, _D]):
    """A forward pass: ``(params, data, training, state, rng) -> (data, state)``.

    Generic in the params, state and data types, in that order, defaulting to ``Params``,
    ``State`` and ``Data``: ``ModuleCallable[DictParams, DictState]`` is a forward pass
    that indexes its params and state by key. Parameters are contravariant, so a function
    accepting only ``DictParams`` is not a bare ``ModuleCallable`` (it cannot take a tuple).
    Runtime: a callable, ``Callable[[Params, Data, bool, State, Any], tuple[Data, State]]``.
    """

    def __call__(
        self, params: _P, data: _D, training: bool, state: _S, rng: Any, /
    ) -> tuple[_D, _S]: ...

ParamsT = TypeVar("ParamsT", bound=Params)
"""A ``Params`` whose exact structure a signature keeps: ``def f(p: ParamsT) -> ParamsT``."""
DataFixedT = TypeVar("DataFixedT", bound=DataFixed)
"""A ``DataFixed`` whose exact static type a signature keeps (``x: DataFixedT -> DataFixedT``)."""
BatchlessDataFixedT = TypeVar("BatchlessDataFixedT", bound=BatchlessDataFixed)
"""A ``BatchlessDataFixed`` whose exact static type a signature keeps."""
RealDataFixedT = TypeVar("RealDataFixedT", bound=RealDataFixed)
"""A ``RealDataFixed`` whose exact static type a signature keeps."""
BatchlessRealDataFixedT = TypeVar("BatchlessRealDataFixedT", bound=BatchlessRealDataFixed)
"""A ``BatchlessRealDataFixed`` whose exact static type a signature keeps."""
ComplexDataFixedT = TypeVar("ComplexDataFixedT", bound=ComplexDataFixed)
"""A ``ComplexDataFixed`` whose exact static type a signature keeps."""
BatchlessComplexDataFixedT = TypeVar("BatchlessComplexDataFixedT", bound=BatchlessComplexDataFixed)
"""A ``BatchlessComplexDataFixed`` whose exact static type a signature keeps."""
StateT = TypeVar("StateT", bound=State)
"""A ``State`` whose exact static type a signature keeps (state in = state out)."""

_F = TypeVar("_F", bound=Callable[..., Any])

def check(fn: _F) -> _F:
    """Check ``fn``'s annotations on every call (``jaxtyped(typechecker=beartype)``).

    Put it under ``jax.jit``; applied to an already jitted function it raises a
    ``TypeError`` saying so.
    """

# Private to the mypy plugin (never exported): ``_Tree[leaf, Literal["name"]]`` is what it
# makes of jaxtyping's ``PyTree[leaf, " name"]`` (``None`` for an unnamed tree).
_Leaf = TypeVar("_Leaf")
_Name = TypeVar("_Name")
_Tree: TypeAlias = (
    _Leaf | Sequence[_Tree[_Leaf, _Name]] | Mapping[Any, _Tree[_Leaf, _Name]] | _Node | None
)
