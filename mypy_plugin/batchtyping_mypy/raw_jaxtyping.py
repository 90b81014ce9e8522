"""Raw jaxtyping: ``jaxtyping.PyTree[X]`` and ``PyTree[X, " name"]`` mean a PyTree of X.

Plain mypy sees jaxtyping's ``PyTree`` as an unresolvable alias and reports the structure
name as an undefined name. The plugin turns both spellings into the private recursive
alias ``batchtyping._Tree[X, Literal["name"]]`` (``None`` for no name), whose name binds
across one call like the batchtyping structure names.
"""

from __future__ import annotations

from collections.abc import Sequence

from mypy.nodes import (
    ClassDef,
    Import,
    ImportFrom,
    MypyFile,
    Statement,
)
from mypy.plugin import AnalyzeTypeContext
from mypy.types import (
    AnyType,
    CallableType,
    LiteralType,
    NoneType,
    RawExpressionType,
    Type,
    TypeOfAny,
    UnboundType,
)

from batchtyping_mypy.codes import BATCH_PYTREE
from batchtyping_mypy.config import Config
from batchtyping_mypy.meanings import RAW_TREE
from batchtyping_mypy.mypy_api import Lookup, child_blocks, defined_functions

FULLNAMES = ("jaxtyping.PyTree", "jaxtyping._pytree_type.PyTree")


def pytree_spellings(file: MypyFile) -> set[str]:
    """How ``file`` spells jaxtyping's PyTree (``PyTree``, ``jt.PyTree``...)."""
    names: set[str] = set()
    for imp in file.imports:
        if isinstance(imp, ImportFrom) and imp.id == "jaxtyping":
            names.update(alias or name for name, alias in imp.names if name == "PyTree")
        elif isinstance(imp, Import):
            names.update(f"{alias or mod}.PyTree" for mod, alias in imp.ids if mod == "jaxtyping")
    return names


def _protect(typ: Type | None, spellings: set[str]) -> None:
    if not isinstance(typ, UnboundType):
        return
    args = list(typ.args)
    if typ.name in spellings:
        for index, name in enumerate(args[1:], start=1):
            # A structure name is always a string; some mypy versions keep no original text.
            if isinstance(name, UnboundType) and not name.args:
                text = name.original_str_expr if name.original_str_expr is not None else name.name
                args[index] = RawExpressionType(text, "builtins.str", name.line, name.column)
        typ.args = tuple(args)
    for arg in args:
        _protect(arg, spellings)


def _walk(statements: Sequence[Statement], spellings: set[str]) -> None:
    for stmt in statements:
        for func in defined_functions(stmt):
            if isinstance(func.type, CallableType):
                for typ in [*func.type.arg_types, func.type.ret_type]:
                    _protect(typ, spellings)
            _walk(func.body.body, spellings)
        if isinstance(stmt, ClassDef):
            _walk(stmt.defs.body, spellings)
        for block in child_blocks(stmt):
            _walk(block.body, spellings)


def protect_structure_names(file: MypyFile) -> None:
    """Turn the ``" name"`` of ``PyTree[X, " name"]`` in function signatures into a string.

    mypy looks every name in a signature up for type variables before any type hook runs,
    so it would report a structure name as undefined (``name-defined``). Runs on the parsed
    tree, before semantic analysis.
    """
    spellings = pytree_spellings(file)
    if spellings:
        _walk(file.defs, spellings)


def _name(arg: Type) -> str | None:
    if isinstance(arg, UnboundType) and arg.original_str_expr is not None:
        return arg.original_str_expr.strip()
    if isinstance(arg, RawExpressionType) and isinstance(arg.literal_value, str):
        return arg.literal_value.strip()
    return None


class RawPyTree:
    def __init__(self, lookup: Lookup, config: Config) -> None:
        self.lookup = lookup
        self.config = config

    def _fail(self, ctx: AnalyzeTypeContext, message: str) -> None:
        if self.config.enabled(BATCH_PYTREE.code):
            ctx.api.fail(message, ctx.context, code=BATCH_PYTREE)

    def __call__(self, ctx: AnalyzeTypeContext) -> Type:
        args = ctx.type.args
        if not args:
            return AnyType(TypeOfAny.special_form)
        if len(args) > 2:
            self._fail(ctx, 'PyTree takes a leaf type and an optional structure name: PyTree[X, " T"]')
            return AnyType(TypeOfAny.from_error)
        leaf = ctx.api.analyze_type(args[0])
        name_type: Type = NoneType()
        if len(args) == 2:
            name = _name(args[1])
            if name is None:
                self._fail(ctx, 'The second argument of PyTree must be a structure name string: PyTree[X, " T"]')
                return AnyType(TypeOfAny.from_error)
            name_type = LiteralType(name, ctx.api.named_type("builtins.str", []))
        tree = self.lookup.alias(RAW_TREE, [leaf, name_type])
        return tree if tree is not None else AnyType(TypeOfAny.special_form)
