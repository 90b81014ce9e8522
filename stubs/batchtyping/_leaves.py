"""The hot loop: every leaf of a tree against one compiled array annotation, and the
bindings of one call (``Env``) it reads and extends."""

from __future__ import annotations

from typing import Any

from batchtyping._spec import LeafSpec, dtype_name

_DTYPE_NAMES: dict[Any, str] = {}

Layout = tuple[tuple[str, bool], ...]


class Bound:
    """A structure name's binding: its tree structure and, per ``?`` layout, leaf shapes."""

    __slots__ = ("treedef", "where", "leaves")

    def __init__(self, treedef: Any, where: str) -> None:
        self.treedef = treedef
        self.where = where
        self.leaves: dict[Layout, tuple[list[Any], str]] = {}


class Env:
    """One call's bindings."""

    __slots__ = ("dims", "trees", "journal", "where")

    def __init__(self) -> None:
        self.dims: dict[str, tuple[Any, str]] = {}
        self.trees: dict[str, Bound] = {}
        self.journal: list[tuple[dict[Any, Any], Any]] = []
        self.where = ""

    def bind(self, table: dict[Any, Any], key: Any, value: Any) -> None:
        table[key] = value
        self.journal.append((table, key))

    def rollback(self, mark: int) -> None:
        journal = self.journal
        while len(journal) > mark:
            table, key = journal.pop()
            del table[key]


def describe(value: Any) -> str:
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return f"{type(value).__module__.split('.')[0]}.{type(value).__name__}"
    text = repr(value)
    return f"{type(value).__name__} {text[:40] + '...' if len(text) > 40 else text}"


def _bind_dims(spec: LeafSpec, shape: tuple[int, ...], env: Env) -> str | None:
    """Bind or compare the named dimensions beyond the one the hot loop handles inline."""
    dims = env.dims
    for index, name in spec.named:
        size = shape[index]
        bound = dims.get(name)
        if bound is None:
            env.bind(dims, name, (size, env.where))
        elif bound[0] != size:
            return f"shape {tuple(shape)}: {name} is {bound[0]} from {bound[1]}, {size} here"
    if spec.variadic_name is not None:
        key, part = "*" + spec.variadic_name, tuple(shape[slice(*spec.variadic_slice)])
        bound = dims.get(key)
        if bound is None:
            env.bind(dims, key, (part, env.where))
        elif bound[0] != part:
            return f"shape {tuple(shape)}: *{spec.variadic_name} is {bound[0]} from {bound[1]}, {part} here"
    return None


def _classify(spec: LeafSpec, leaf: Any) -> int:
    """0: not an array of ``spec``'s array type; 1: one, read through ``.aval`` (jax arrays
    and tracers: two slot reads instead of two properties); 2: one, read directly."""
    if spec.array_type is not None:
        ok = isinstance(leaf, spec.array_type)
    else:
        ok = hasattr(leaf, "shape") and hasattr(leaf, "dtype")
    aval = getattr(leaf, "aval", None) if ok else None
    how = 0 if not ok else 1 if hasattr(aval, "shape") and hasattr(aval, "dtype") else 2
    spec.types[type(leaf)] = how
    return how


def _dtype_ok(spec: LeafSpec, dtype: Any) -> bool:
    name = _DTYPE_NAMES.get(dtype)
    if name is None:
        name = _DTYPE_NAMES[dtype] = dtype_name(dtype)
    ok = spec.dtypes_ok[dtype] = spec.dtypes is None or name in spec.dtypes
    return ok


def _rank_problem(spec: LeafSpec, shape: tuple[int, ...]) -> str:
    at_least = "at least " if spec.variadic else ""
    return (f"shape {shape} has {len(shape)} dimension(s), expected {at_least}{spec.ndim} "
            f"({spec.shape_text()})")


def leaf_problems(
    spec: LeafSpec, leaves: list[Any], env: Env, bound: list[Any] | None, new: list[Any] | None,
    where: str | None = None,
) -> list[tuple[int, str]] | None:
    """Check every leaf against ``spec``: the hot loop. ``bound``: the per-leaf ``?`` shapes
    bound earlier in the call (compared); ``new``: a list to collect them into."""
    types, dtypes_ok = spec.types, spec.dtypes_ok
    check_dtype = spec.dtypes is not None
    ndim, variadic, fixed, treepath = spec.ndim, spec.variadic, spec.fixed, spec.treepath
    named = spec.named
    one = len(named) == 1 and spec.variadic_name is None
    generic = (bool(named) or spec.variadic_name is not None) and not one
    dims = env.dims
    expect: Any = None
    index0, name0 = named[0] if one else (0, "")
    if one:
        binding = dims.get(name0)
        expect = None if binding is None else binding[0]
    start, stop = treepath if treepath is not None else (0, None)
    bad: list[tuple[int, str]] | None = None
    for i, leaf in enumerate(leaves):
        how = types.get(type(leaf))
        if how is None:
            how = _classify(spec, leaf)
        if how == 1:
            aval = leaf.aval
            dtype, shape = aval.dtype, aval.shape
        elif how == 2:
            dtype, shape = leaf.dtype, tuple(leaf.shape)
        else:
            bad = bad or []
            bad.append((i, f"{describe(leaf)} is not a jax.Array"))
            continue
        if check_dtype:
            ok = dtypes_ok.get(dtype)
            if ok is None:
                ok = _dtype_ok(spec, dtype)
            if not ok:
                bad = bad or []
                bad.append((i, f"dtype {_DTYPE_NAMES[dtype]}, expected {spec.dtype_text}"))
                continue
        rank = len(shape)
        why = None
        if rank != ndim and (not variadic or rank < ndim):
            why = _rank_problem(spec, shape)
        else:
            for index, size in fixed:
                if shape[index] != size:
                    why = f"shape {shape}: dimension {index} is {shape[index]}, expected {size}"
            if one and why is None:
                size = shape[index0]
                if expect is None:
                    expect = size
                    env.bind(dims, name0, (size, env.where))
                elif size != expect:
                    why = f"shape {shape}: {name0} is {expect} from {dims[name0][1]}, {size} here"
            elif generic and why is None:
                why = _bind_dims(spec, shape, env)
            if why is None and treepath is not None:
                part = shape[start:stop]
                if bound is None:
                    new.append(part)  # type: ignore[union-attr]
                elif bound[i] != part:
                    why = (f"shape {shape}: {where} binds this leaf's "
                           f"{' '.join(('?*' if v else '?') + n for n, v in spec.layout)} "
                           f"to {bound[i]}, {part} here")
        if why is not None:
            bad = bad or []
            bad.append((i, why))
    return bad
