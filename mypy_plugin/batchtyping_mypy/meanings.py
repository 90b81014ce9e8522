"""What a static type says about batch axis, dtype kind and structure name.

Read from ``batchtyping.vocabulary``: a type means something only when it is (an Optional
of) a reference to a batchtyping alias that mypy kept by name; everything else is unknown
and compatible with everything.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from batchtyping.vocabulary import ALIASES, BY_NAME, Alias, counterpart
from mypy.types import (
    Instance,
    LiteralType,
    NoneType,
    Type,
    TypeAliasType,
    UnionType,
    get_proper_type,
)

MODULE = "batchtyping"
RAW_TREE = f"{MODULE}._Tree"
KIND_ATTR = "__batchtyping_dtype__"
"""Marks an ``Array`` whose dtype kind a known producer fixed (kept in mypy's extra_attrs)."""


@dataclass(frozen=True)
class Meaning:
    label: str
    """How messages name the type: the alias name, or ``PyTree[..., " T"]``."""
    batched: bool | None
    dtype: str
    structure: str | None
    tree: bool
    """A PyTree alias: its leaves must be arrays (so never ``str``)."""


def _of_alias(alias: Alias) -> Meaning:
    return Meaning(alias.name, alias.batched, alias.dtype, alias.structure, alias.container == "tree")


KNOWN: dict[str, Meaning] = {f"{MODULE}.{a.name}": _of_alias(a) for a in ALIASES}
KINDS = {kind: Meaning(f"{kind} array", None, kind, None, False) for kind in ("real", "complex")}


def meaning(typ: Type) -> Meaning | None:
    """The meaning of ``typ`` if it names a batchtyping alias (possibly ``| None``)."""
    if isinstance(typ, TypeAliasType):
        alias = typ.alias
        if alias is None:
            return None
        known = KNOWN.get(alias.fullname)
        if known is not None:
            return _parameterized(known, typ.args)
        if alias.fullname == RAW_TREE and len(typ.args) == 2:
            leaf = get_proper_type(typ.args[0])
            # Only array-like leaves exclude str: PyTree[Any] or PyTree[object] take anything.
            arrays = isinstance(leaf, Instance) and leaf.type.fullname not in _ANY_LEAF
            name = get_proper_type(typ.args[1])
            if isinstance(name, LiteralType) and isinstance(name.value, str):
                label = f'PyTree[..., " {name.value}"]'
                return Meaning(label, None, "any", f"PyTree {name.value}", arrays)
            return Meaning("PyTree", None, "any", None, arrays)
        return None
    proper = get_proper_type(typ)  # typ itself: it is no alias reference
    if isinstance(proper, UnionType):
        found = [
            meaning(item) for item in proper.items if not isinstance(get_proper_type(item), NoneType)
        ]
        if len(found) == 1:
            return found[0]
        return _expanded(proper)
    if isinstance(proper, Instance) and proper.extra_attrs is not None:
        kind = get_proper_type(proper.extra_attrs.attrs.get(KIND_ATTR))
        if isinstance(kind, LiteralType) and isinstance(kind.value, str):
            return KINDS.get(kind.value)
    return None


def _parameterized(known: Meaning, args: list[Type]) -> Meaning:
    """A Fixed alias's structure parameter: ``DataFixed[Literal["In"]]`` binds ``"In"``.

    The bare alias carries its family's name as the parameter's default (so its label stays
    ``DataFixed``); another name shows in messages as ``DataFixed[Literal['In']]``.
    """
    if known.structure is None or len(args) != 1:
        return known
    name = get_proper_type(args[0])
    if not isinstance(name, LiteralType) or not isinstance(name.value, str):
        return known
    if name.value == known.structure:
        return known
    label = f"{known.label}[Literal['{name.value}']]"
    return replace(known, label=label, structure=name.value)


def _expanded(typ: UnionType) -> Meaning | None:
    """The meaning of a recursive alias mypy expanded (call results are expanded one level):
    the union still holds ``Sequence[Alias]`` and ``Mapping[Any, Alias]``."""
    inner: set[Meaning | None] = set()
    for item in typ.items:
        proper = get_proper_type(item)
        if isinstance(proper, Instance) and proper.type.fullname in _TREE_CONTAINERS:
            inner.add(meaning(proper.args[-1]) if proper.args else None)
    if len(inner) == 1:
        return inner.pop()
    return None


_ANY_LEAF = frozenset({"builtins.object", "builtins.str"})
_TREE_CONTAINERS = frozenset({"typing.Sequence", "typing.Mapping"})


def alias_fullname(typ: Type) -> str | None:
    if isinstance(typ, TypeAliasType) and typ.alias is not None:
        return typ.alias.fullname
    return None


def family_member(name: str, batched: bool) -> str:
    """``DataFixed`` for ``(BatchlessDataFixed, True)``: the member of a family with that batch."""
    alias = BY_NAME[name]
    if alias.batched is batched:
        return f"{MODULE}.{name}"
    other = counterpart(name)
    assert other is not None, name
    return f"{MODULE}.{other}"


def kind_family(dtype: str, batched: bool) -> str:
    """The Fixed alias of a dtype kind with the given batch axis (``RealDataFixed``...)."""
    prefix = {"real": "Real", "complex": "Complex"}[dtype]
    return f"{MODULE}.{'' if batched else 'Batchless'}{prefix}DataFixed"
