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
    TypeVarType,
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
# A Fixed alias is its private recursive tree or ``_Named[Literal[name]]`` (the stubs keep its
# structure parameter out of the recursion): ``_DataFixed`` means ``DataFixed``.
KNOWN.update({f"{MODULE}._{a.name}": _of_alias(a) for a in ALIASES if a.structure_parameter})
NAMED = f"{MODULE}._Named"
KINDS = {
    kind: Meaning(f"{kind} array", None, kind, None, False)
    for kind in ("real", "complex", "float", "integer", "bool")
}


def meaning(typ: Type) -> Meaning | None:
    """The meaning of ``typ`` if it names a batchtyping alias (possibly ``| None``)."""
    if isinstance(typ, TypeAliasType):
        alias = typ.alias
        if alias is None:
            return None
        known = KNOWN.get(alias.fullname)
        if known is not None:
            return _parameterized(known, typ.args)
        if alias.fullname != RAW_TREE:  # a project's own alias (``Batch = RealDataFixed``)
            return None if typ.is_recursive else meaning(get_proper_type(typ))
        if len(typ.args) == 2:
            leaf = get_proper_type(typ.args[0])
            # Only array-like leaves exclude str: PyTree[Any] or PyTree[object] take anything.
            arrays = isinstance(leaf, Instance) and leaf.type.fullname not in _ANY_LEAF
            name = get_proper_type(typ.args[1])
            if isinstance(name, LiteralType) and isinstance(name.value, str):
                label = f'PyTree[..., " {name.value}"]'
                return Meaning(label, None, "any", name.value, arrays)
            return Meaning("PyTree", None, "any", None, arrays)
        return None
    proper = get_proper_type(typ)  # typ itself: it is no alias reference
    if isinstance(proper, UnionType):
        names = [_name(item) for item in proper.items]
        rest = [
            item
            for item, name in zip(proper.items, names)
            if name is None and not isinstance(get_proper_type(item), NoneType)
        ]
        found = [meaning(item) for item in rest]
        base = found[0] if len(found) == 1 else _expanded(rest)
        named = [name for name in names if name is not None]
        return _named(base, named[0]) if base is not None and len(named) == 1 else base
    if isinstance(proper, Instance) and proper.extra_attrs is not None:
        kind = get_proper_type(proper.extra_attrs.attrs.get(KIND_ATTR))
        if isinstance(kind, LiteralType) and isinstance(kind.value, str):
            return KINDS.get(kind.value)
    return None


def declared_meaning(typ: Type) -> Meaning | None:
    """The meaning of a declared parameter type: a structure TypeVar (``x: RealDataFixedT``)
    means its bound, as at run time, where jaxtyping checks the bound."""
    if isinstance(typ, TypeVarType):
        return meaning(typ.upper_bound)
    return meaning(typ)


def _parameterized(known: Meaning, args: list[Type]) -> Meaning:
    """A Fixed alias reference mypy kept with its argument (``DataFixed[Literal["In"]]``)."""
    name = _literal(args[0]) if len(args) == 1 else None
    return _named(known, name) if name is not None else known


def _named(known: Meaning, name: str) -> Meaning:
    """A Fixed alias bound to ``name``: ``DataFixed[Literal["In"]]`` binds ``"In"``.

    Messages keep calling it ``DataFixed``: mypy drops the name from call results (it
    simplifies the union), so only a label without it is the same everywhere.
    """
    if known.structure is None or name == known.structure:
        return known
    return replace(known, structure=name)


def _name(item: Type) -> str | None:
    """``"In"`` for the ``_Named[Literal["In"]]`` member of a Fixed alias, else None."""
    proper = get_proper_type(item)
    if isinstance(proper, Instance) and proper.type.fullname == NAMED and len(proper.args) == 1:
        return _literal(proper.args[0])
    return None


def fixed_parts(typ: Type) -> tuple[str, Type, list[Type]] | None:
    """A Fixed alias as the stubs spell it (its private tree ``| _Named[name]``): the public
    alias name, the name's type and the union's other members (``None``), else None."""
    proper = get_proper_type(typ)
    if not isinstance(proper, UnionType):
        return None
    private = f"{MODULE}._"
    trees = [i for i in proper.items if (alias_fullname(i) or "").startswith(private)]
    names = [i for i in proper.items if _name(i) is not None]
    if len(trees) != 1 or len(names) != 1 or alias_fullname(trees[0]) not in KNOWN:
        return None
    name = get_proper_type(names[0])
    assert isinstance(name, Instance)
    others = [i for i in proper.items if i is not trees[0] and i is not names[0]]
    return (alias_fullname(trees[0]) or "").removeprefix(private), name.args[0], others


def _literal(typ: Type) -> str | None:
    proper = get_proper_type(typ)
    if isinstance(proper, LiteralType) and isinstance(proper.value, str):
        return proper.value
    return None


def _expanded(items: list[Type]) -> Meaning | None:
    """The meaning of a recursive alias mypy expanded (call results are expanded one level):
    the union still holds ``Sequence[Alias]`` and ``Mapping[Any, Alias]``."""
    inner: set[Meaning | None] = set()
    for item in items:
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
    """``DataFixed`` for ``(BatchlessDataFixed, True)``: the member of a family with that batch
    (``_DataFixed`` for the private tree ``_BatchlessDataFixed``)."""
    private = "_" if name.startswith("_") else ""
    public = name.removeprefix("_")
    alias = BY_NAME[public]
    if alias.batched is batched:
        return f"{MODULE}.{name}"
    other = counterpart(public)
    assert other is not None, name
    return f"{MODULE}.{private}{other}"


def kind_family(dtype: str, batched: bool) -> str:
    """The Fixed alias of a dtype kind with the given batch axis (``RealDataFixed``...)."""
    prefix = {"real": "Real", "complex": "Complex"}[dtype]
    return f"{MODULE}.{'' if batched else 'Batchless'}{prefix}DataFixed"
