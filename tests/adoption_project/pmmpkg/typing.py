"""Type aliases used throughout pmmpkg (mirrors pmm.typing).

At run time these are jaxtyping types, checked by beartype through
``@jaxtyped(typechecker=beartype)``. Statically they are mostly ``Any``.
"""

from __future__ import annotations

import sys

from beartype.typing import Any, Callable, NamedTuple, Type
from jaxtyping import Array, Complex, Inexact, Num, PyTree, Real

if sys.version_info >= (3, 9):
    List = list
    Dict = dict
    Tuple = tuple
else:  # pragma: no cover
    from beartype.typing import Dict, List, Tuple

__all__ = [
    "Any",
    "NamedTuple",
    "Array",
    "Callable",
    "Dict",
    "List",
    "Tuple",
    "Type",
    "Params",
    "TupleParams",
    "ListParams",
    "DictParams",
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
    "ModuleCallable",
]

# parameters: any tree of inexact arrays
Params = PyTree[Inexact[Array, "..."], "Params"]
TupleParams = Tuple[Inexact[Array, "..."], ...]
ListParams = List[Inexact[Array, "..."]]
DictParams = Dict[str, Inexact[Array, "..."]]

# hyperparameters: whatever a module needs to rebuild itself
HyperParams = Dict[str, Any]

# data: the leading axis of every leaf is the batch
ArrayData = Inexact[Array, "batch_size ..."]
Data = PyTree[Inexact[Array, "batch_size ..."]] | ArrayData
DataFixed = PyTree[Inexact[Array, "batch_size ?d0 ?*d"], "DataFixed"]
BatchlessDataFixed = PyTree[Inexact[Array, "?d0 ?*d"], "DataFixed"]
RealDataFixed = PyTree[Real[Array, "batch_size ?d0 ?*d"], "RealDataFixed"]
BatchlessRealDataFixed = PyTree[Real[Array, "?d0 ?*d"], "RealDataFixed"]
ComplexDataFixed = PyTree[Complex[Array, "batch_size ?d0 ?*d"], "ComplexDataFixed"]
BatchlessComplexDataFixed = PyTree[Complex[Array, "?d0 ?*d"], "ComplexDataFixed"]

# shapes of one example (no batch axis); None for an unknown dimension
ArrayDataShape = Tuple[int | None, ...]
DataShape = PyTree[Tuple[int | None, ...]] | ArrayDataShape

# private state of a module (batch norm statistics, counters)
State = PyTree[Num[Array, "*?d"], "State"]
TupleState = Tuple[Num[Array, "..."], ...]
ListState = List[Num[Array, "..."]]
DictState = Dict[str, Num[Array, "..."]]

# the forward pass: (params, data, training, state, rng) -> (output, new state)
ModuleCallable = Callable[[Params, Data, bool, State, Any], Tuple[Data, State]]
