"""The alias vocabulary: the one table every part of batchtyping follows.

The runtime module, the ``.pyi`` stubs, the mypy plugin, the codemods and the docs all
read (or are tested against) this module. It imports nothing but the standard library,
so the plugin and the codemods can use it without importing jax or jaxtyping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["params", "hyperparams", "data", "shape", "state", "module"]
Container = Literal["tree", "tuple", "list", "dict", "array", "callable"]
DtypeKind = Literal["inexact", "real", "complex", "numeric", "any"]


@dataclass(frozen=True)
class Alias:
    """One exported alias and what it means."""

    name: str
    role: Role
    container: Container
    runtime: str
    """The runtime definition, spelled as jaxtyping/typing code."""
    dtype: DtypeKind = "any"
    batched: bool | None = None
    """True: leading axis is the batch; False: a Batchless alias; None: no batch axis."""
    structure: str | None = None
    """The structure name bound across one checked call (jaxtyping's PyTree name)."""
    structure_parameter: bool = False
    """True: ``Alias[Literal["In"]]`` binds the structure name ``"In"`` instead (Fixed aliases)."""

    @property
    def family(self) -> str | None:
        """Batched and Batchless aliases of one family share their structure name."""
        return self.structure if self.batched is not None else None


_INEXACT = 'Inexact[Array, "..."]'
_STATE_LEAF = 'Num[Array, "*?d"]'
# jaxtyping allows `?` dimensions only inside a named PyTree: the flat State containers use
# `...` (with `*?d` every call raises jaxtyping.AnnotationError).
_FLAT_STATE_LEAF = 'Num[Array, "..."]'
_SHAPE = "tuple[int | None, ...]"


def _fixed(prefix: str, dtype: DtypeKind, jaxtyping_dtype: str) -> tuple[Alias, Alias]:
    name = f"{prefix}DataFixed"
    batched = Alias(
        name,
        "data",
        "tree",
        f'PyTree[{jaxtyping_dtype}[Array, "batch_size ?d0 ?*d"], "{name}"]',
        dtype=dtype,
        batched=True,
        structure=name,
        structure_parameter=True,
    )
    batchless = Alias(
        f"Batchless{name}",
        "data",
        "tree",
        f'PyTree[{jaxtyping_dtype}[Array, "?d0 ?*d"], "{name}"]',
        dtype=dtype,
        batched=False,
        structure=name,
        structure_parameter=True,
    )
    return batched, batchless


ALIASES: tuple[Alias, ...] = (
    Alias("Params", "params", "tree", f'PyTree[{_INEXACT}, "Params"]', "inexact", structure="Params"),
    Alias("TupleParams", "params", "tuple", f"tuple[{_INEXACT}, ...]", "inexact"),
    Alias("ListParams", "params", "list", f"list[{_INEXACT}]", "inexact"),
    Alias("DictParams", "params", "dict", f"dict[str, {_INEXACT}]", "inexact"),
    Alias("ArrayParams", "params", "array", _INEXACT, "inexact"),
    Alias("HyperParams", "hyperparams", "dict", "dict[str, Any]"),
    Alias("ArrayData", "data", "array", 'Inexact[Array, "batch_size ..."]', "inexact", batched=True),
    Alias(
        "Data",
        "data",
        "tree",
        'PyTree[Inexact[Array, "batch_size ..."]] | ArrayData',
        "inexact",
        batched=True,
    ),
    *_fixed("", "inexact", "Inexact"),
    *_fixed("Real", "real", "Real"),
    *_fixed("Complex", "complex", "Complex"),
    Alias("ArrayDataShape", "shape", "tuple", _SHAPE),
    Alias("DataShape", "shape", "tree", f"PyTree[{_SHAPE}] | ArrayDataShape"),
    Alias("State", "state", "tree", f'PyTree[{_STATE_LEAF}, "State"]', "numeric", structure="State"),
    Alias("TupleState", "state", "tuple", f"tuple[{_FLAT_STATE_LEAF}, ...]", "numeric"),
    Alias("ListState", "state", "list", f"list[{_FLAT_STATE_LEAF}]", "numeric"),
    Alias("DictState", "state", "dict", f"dict[str, {_FLAT_STATE_LEAF}]", "numeric"),
    Alias("ArrayState", "state", "array", _FLAT_STATE_LEAF, "numeric"),
    Alias(
        "ModuleCallable",
        "module",
        "callable",
        "Callable[[Params, Data, bool, State, Any], tuple[Data, State]]",
    ),
)

BY_NAME: dict[str, Alias] = {alias.name: alias for alias in ALIASES}
ALIAS_NAMES: tuple[str, ...] = tuple(BY_NAME)

# TypeVars bound to a structure-carrying alias: ``def f(x: DataFixedT) -> DataFixedT``.
STRUCTURE_TYPEVARS: dict[str, str] = {
    f"{alias.name}T": alias.name for alias in ALIASES if alias.structure is not None
}

# ModuleCallable's type parameters, in order, with their defaults.
MODULE_CALLABLE_PARAMETERS: tuple[tuple[str, str], ...] = (
    ("params", "Params"),
    ("state", "State"),
    ("data", "Data"),
)

# The positional parameters of a forward pass (a ``ModuleCallable``), in order.
FORWARD_PASS_ROLES: tuple[str, ...] = ("params", "data", "training", "state", "rng")

OTHER_EXPORTS: tuple[str, ...] = ("check",)

PUBLIC_NAMES: tuple[str, ...] = ALIAS_NAMES + tuple(STRUCTURE_TYPEVARS) + OTHER_EXPORTS


def counterpart(name: str) -> str | None:
    """The other member of a batched/Batchless pair (``DataFixed`` <-> ``BatchlessDataFixed``)."""
    alias = BY_NAME.get(name)
    if alias is None or alias.family is None:
        return None
    for other in ALIASES:
        if other.family == alias.family and other.batched is not alias.batched:
            return other.name
    return None
