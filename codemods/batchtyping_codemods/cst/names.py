"""Names in a module: dotted chains, what module-level names are bound to, ``TYPE_CHECKING`` tests."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import libcst as cst


def dotted(node: cst.BaseExpression | None) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted(node.value)
        return None if base is None else f"{base}.{node.attr.value}"
    return None


def dotted_name(node: cst.BaseExpression | None) -> str:
    """:func:`dotted`, with ``""`` for anything but a Name/Attribute chain."""
    return dotted(node) or ""


def target_names(target: cst.BaseExpression) -> Iterator[str]:
    if isinstance(target, cst.Name):
        yield target.value
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from target_names(element.value)


def is_type_checking(test: cst.BaseExpression) -> bool:
    """``TYPE_CHECKING`` or ``typing.TYPE_CHECKING`` (any module prefix)."""
    return dotted_name(test).rpartition(".")[2] == "TYPE_CHECKING"


def module_bindings(module: cst.Module, runtime: bool = False) -> dict[str, str]:
    """Names bound at module level (also inside top-level if/try blocks; with ``runtime``, not
    inside ``if TYPE_CHECKING:``).

    Imports map to the dotted thing imported (``from a import b as c`` -> ``{"c": "a.b"}``,
    ``import a.b`` -> ``{"a": "a"}``); other bindings map to ``""``. Relative imports keep
    their dots (``from ..typing import Data`` -> ``"..typing.Data"``).
    """
    bindings: dict[str, str] = {}

    def visit(statements: Sequence[cst.BaseStatement]) -> None:
        for stmt in statements:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    _small(small)
            elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                bindings[stmt.name.value] = ""
            elif isinstance(stmt, cst.If):
                if not (runtime and is_type_checking(stmt.test)):
                    suite(stmt.body)
                if isinstance(stmt.orelse, cst.If):
                    visit([stmt.orelse])
                else:
                    suite(stmt.orelse)
            elif isinstance(stmt, (cst.Try, cst.TryStar)):
                for part in (stmt.body, *stmt.handlers, stmt.orelse, stmt.finalbody):
                    suite(part)
            elif isinstance(stmt, cst.With):
                suite(stmt.body)

    def suite(node: cst.CSTNode | None) -> None:
        if isinstance(node, (cst.Else, cst.Finally, cst.ExceptHandler, cst.ExceptStarHandler)):
            node = node.body
        if isinstance(node, cst.IndentedBlock):
            visit(node.body)
        elif isinstance(node, cst.SimpleStatementSuite):
            for small in node.body:
                _small(small)

    def _small(small: cst.BaseSmallStatement) -> None:
        if isinstance(small, cst.Import):
            for name in small.names:
                full = dotted_name(name.name)
                if name.asname is not None:
                    bindings[dotted_name(name.asname.name)] = full
                else:
                    top = full.split(".")[0]
                    bindings.setdefault(top, top)
        elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            base = "." * len(small.relative) + dotted_name(small.module)
            for name in small.names:
                local = dotted_name(name.asname.name) if name.asname else dotted_name(name.name)
                bindings[local] = f"{base}.{dotted_name(name.name)}" if base[-1:] != "." else base + dotted_name(
                    name.name
                )
        elif isinstance(small, cst.Assign):
            for target in small.targets:
                for n in target_names(target.target):
                    bindings[n] = ""
        elif isinstance(small, (cst.AnnAssign, cst.AugAssign)):
            for n in target_names(small.target):
                bindings.setdefault(n, "")

    visit(module.body)
    return bindings


def root_names(expr: cst.CSTNode) -> list[str]:
    """Root names of the Name/Attribute chains in ``expr``, once per occurrence."""
    found: list[str] = []

    class Finder(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            root = dotted(node)
            if root is not None:
                found.append(root.split(".")[0])
                return False
            return True

        def visit_Name(self, node: cst.Name) -> None:
            found.append(node.value)

    expr.visit(Finder())
    return found


def all_names(expr: cst.CSTNode) -> list[cst.Name]:
    """Every Name node in ``expr``."""
    names: list[cst.Name] = []

    class Finder(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            names.append(node)

    expr.visit(Finder())
    return names
