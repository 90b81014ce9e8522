"""The imports ``annotate`` needs: merged into existing ones, qualified when a name is taken.

``ImportPlan.scan`` reads a module once; ``spell`` says how an annotation writes a name
(``Params``, or ``batchtyping.Params`` when ``Params`` is bound to something else) and
``apply`` adds what was spelled. A plain ``from batchtyping import ...`` is merged into
the module's runtime one, else into the one in an ``if TYPE_CHECKING:`` block when
annotations are lazy (``from __future__ import annotations``) and nothing checks them at
run time, else added after the module's leading imports.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst
import libcst.matchers as m

from batchtyping_codemods.cst.imports import import_of
from batchtyping_codemods.cst.names import dotted, is_type_checking, module_bindings

# Imports that mean annotations are evaluated at run time (so imports must exist at run time):
# these names from anywhere, ``batchtyping.check``, or these whole modules (``@bt.check``,
# ``@jaxtyping.jaxtyped``... could follow).
RUNTIME_CHECK_NAMES = frozenset({"jaxtyped", "beartype", "typechecked", "install_import_hook"})
RUNTIME_CHECK_MODULES = frozenset({"batchtyping", "jaxtyping", "beartype", "typeguard"})


def _is_type_checking(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.If) and is_type_checking(node.test)


@dataclass
class ImportPlan:
    """How one module spells the names annotations use, and what must be imported."""

    bindings: dict[str, str]
    """Module-level name -> what it is bound to (``names.module_bindings``)."""
    lazy_annotations: bool
    runtime_checks: bool
    used: dict[str, set[str]] = field(default_factory=dict)
    """module -> names spelled bare, which ``from module import ...`` must provide."""
    qualified: set[str] = field(default_factory=set)
    """modules to add as ``import module``."""
    runtime_from: dict[str, set[str]] = field(default_factory=dict)
    """module -> names its top-level ``from module import ...`` statements bind."""
    type_checking_from: dict[str, set[str]] = field(default_factory=dict)
    """module -> names imported from it under a top-level ``if TYPE_CHECKING:``."""

    @classmethod
    def scan(cls, module: cst.Module, runtime_checks_elsewhere: bool = False) -> ImportPlan:
        bindings = module_bindings(module)
        lazy = any(
            isinstance(line := import_of(statement), cst.ImportFrom)
            and dotted(line.module) == "__future__"
            and not isinstance(line.names, cst.ImportStar)
            and any(dotted(a.name) == "annotations" for a in line.names)
            for statement in module.body
        )
        checked = runtime_checks_elsewhere or any(
            bound in RUNTIME_CHECK_MODULES or bound.rpartition(".")[2] in RUNTIME_CHECK_NAMES
            or bound == "batchtyping.check"
            for bound in bindings.values()
        )
        plan = cls(bindings, lazy, checked)
        body: list[cst.BaseStatement] = list(module.body)
        for statement in body:
            line = import_of(statement)
            if isinstance(line, cst.ImportFrom) and not line.relative and line.module is not None:
                name = dotted(line.module) or ""
                plan.runtime_from[name] = cls._runtime_names(body, name)
        for statement in body:
            if _is_type_checking(statement) and isinstance(statement, cst.If):
                if not isinstance(statement.body, cst.IndentedBlock):
                    continue
                for inner in statement.body.body:
                    line = import_of(inner)
                    if isinstance(line, cst.ImportFrom) and not line.relative and line.module:
                        name = dotted(line.module) or ""
                        plan.type_checking_from[name] = cls._type_checking_names(body, name)
        return plan

    def _usable_in_type_checking(self) -> bool:
        return self.lazy_annotations and not self.runtime_checks

    def spell(self, module: str, name: str) -> str:
        """The source text naming ``module.name`` here, recording the import it needs."""
        bound = self.bindings.get(name)
        mine = bound == f"{module}.{name}"
        available = self.runtime_from.get(module, set())
        if self._usable_in_type_checking():
            available = available | self.type_checking_from.get(module, set())
        if mine and name in available:
            return name
        if (bound is None or mine) and module in self.runtime_from:
            self.used.setdefault(module, set()).add(name)  # merged into that import
            return name
        prefix = next((local for local, full in sorted(self.bindings.items()) if full == module), None)
        if prefix is not None:
            return f"{prefix}.{name}"
        if bound is None or mine:
            self.used.setdefault(module, set()).add(name)
            return name
        self.qualified.add(module)
        return f"{module}.{name}"

    def apply(self, tree: cst.Module) -> cst.Module:
        """``tree`` with the recorded imports added."""
        body: list[cst.BaseStatement] = list(tree.body)
        for module in sorted(self.qualified):  # ``import x`` before ``from x import ...``
            self._insert(body, cst.parse_statement(f"import {module}\n"))  # type: ignore[arg-type]
        # ``typing`` first: new statements go after the leading imports, stdlib before others.
        for module, names in sorted(self.used.items(), key=lambda item: item[0] != "typing"):
            missing = names - self._runtime_names(body, module)
            if self._usable_in_type_checking():
                missing -= self._type_checking_names(body, module)
            if not missing:
                continue
            if self._merge(body, module, missing):
                continue
            if self._usable_in_type_checking() and self._merge_type_checking(body, module, missing):
                continue
            self._insert(body, _from_import(module, missing))
        return tree.with_changes(body=body) if body != list(tree.body) else tree

    # -- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _runtime_names(body: Sequence[cst.BaseStatement], module: str) -> set[str]:
        names: set[str] = set()
        for statement in body:
            line = import_of(statement)
            if isinstance(line, cst.ImportFrom) and dotted(line.module) == module and not line.relative:
                if not isinstance(line.names, cst.ImportStar):
                    names |= {dotted(a.name) or "" for a in line.names if a.asname is None}
        return names

    @staticmethod
    def _type_checking_names(body: Sequence[cst.BaseStatement], module: str) -> set[str]:
        names: set[str] = set()
        for statement in body:
            if _is_type_checking(statement) and isinstance(statement, cst.If):
                if isinstance(statement.body, cst.IndentedBlock):
                    names |= ImportPlan._runtime_names(list(statement.body.body), module)
        return names

    @staticmethod
    def _merge(body: list[cst.BaseStatement], module: str, names: set[str]) -> bool:
        for index, statement in enumerate(body):
            line = import_of(statement)
            if (
                isinstance(line, cst.ImportFrom)
                and dotted(line.module) == module
                and not line.relative
                and not isinstance(line.names, cst.ImportStar)
            ):
                assert isinstance(statement, cst.SimpleStatementLine)
                body[index] = statement.with_changes(body=[_merged(line, names)])
                return True
        return False

    def _merge_type_checking(self, body: list[cst.BaseStatement], module: str, names: set[str]) -> bool:
        for index, statement in enumerate(body):
            if _is_type_checking(statement) and isinstance(statement, cst.If):
                if not isinstance(statement.body, cst.IndentedBlock):
                    continue
                inner = list(statement.body.body)
                if not self._merge(inner, module, names):
                    last = max((i for i, s in enumerate(inner) if import_of(s)), default=-1)
                    inner.insert(last + 1, _from_import(module, names))
                body[index] = statement.with_changes(body=statement.body.with_changes(body=inner))
                return True
        return False

    @staticmethod
    def _insert(body: list[cst.BaseStatement], statement: cst.SimpleStatementLine) -> None:
        """Into the module's leading imports (past its docstring and ``__future__`` ones):
        a standard-library import after the last standard-library one (else before the
        first import), any other after the last absolute import."""
        line = import_of(statement)
        stdlib = _is_stdlib(line)
        position = 0
        if body and m.matches(body[0], m.SimpleStatementLine([m.Expr(m.SimpleString() | m.ConcatenatedString())])):
            position = 1
        after = None
        first = None
        for index in range(position, len(body)):
            existing = import_of(body[index])
            if existing is None:
                if _is_type_checking(body[index]):
                    continue
                break
            if isinstance(existing, cst.ImportFrom) and dotted(existing.module) == "__future__":
                after = index
                continue
            if first is None:
                first = index
            relative = isinstance(existing, cst.ImportFrom) and bool(existing.relative)
            if (_is_stdlib(existing) if stdlib else not relative):
                after = index
        if stdlib and after is not None and first is not None and after < first:
            # Only __future__ before: go right before the first import, a blank line between.
            after = None
        if after is not None:
            if not stdlib and _is_stdlib(import_of(body[after])):
                statement = statement.with_changes(leading_lines=[cst.EmptyLine()])
            body.insert(after + 1, statement)
            return
        if first is not None:
            following = body[first]
            if stdlib and isinstance(following, cst.SimpleStatementLine):
                # Before the first (third-party) import, as a group of its own.
                statement = statement.with_changes(leading_lines=following.leading_lines)
                body[first] = following.with_changes(leading_lines=[cst.EmptyLine()])
            body.insert(first, statement)
            return
        after_docstring = body[position] if position < len(body) else None
        if isinstance(after_docstring, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            if not after_docstring.leading_lines:
                blank = 2 if isinstance(after_docstring, (cst.FunctionDef, cst.ClassDef)) else 1
                body[position] = after_docstring.with_changes(leading_lines=[cst.EmptyLine()] * blank)
        if position == 1:
            statement = statement.with_changes(leading_lines=[cst.EmptyLine()])
        body.insert(position, statement)


def _is_stdlib(line: cst.Import | cst.ImportFrom | None) -> bool:
    if isinstance(line, cst.ImportFrom):
        names = [dotted(line.module) or ""] if not line.relative else [""]
    elif isinstance(line, cst.Import):
        names = [dotted(alias.name) or "" for alias in line.names]
    else:
        return False
    return all(name.split(".")[0] in sys.stdlib_module_names for name in names)


def _from_import(module: str, names: set[str]) -> cst.SimpleStatementLine:
    text = f"from {module} import {', '.join(sorted(names))}\n"
    if len(text) > 89:  # a formatter's default line length, 88
        text = f"from {module} import (\n" + "".join(f"    {n},\n" for n in sorted(names)) + ")\n"
    statement = cst.parse_statement(text)
    assert isinstance(statement, cst.SimpleStatementLine)
    return statement


def _merged(line: cst.ImportFrom, names: set[str]) -> cst.ImportFrom:
    """``line`` importing ``names`` too, in sorted position when its names are sorted."""
    assert not isinstance(line.names, cst.ImportStar)
    old = list(line.names)
    separator = next(
        (a.comma for a in old if isinstance(a.comma, cst.Comma)),
        cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
    )
    last_comma = old[-1].comma
    keys = [dotted(a.name) or "" for a in old]
    aliases = old + [cst.ImportAlias(cst.Name(name)) for name in sorted(names)]
    for key in (None, str.lower):
        if keys == sorted(keys, key=key):
            aliases.sort(key=lambda a: (key or str)(dotted(a.name) or ""))
            break
    aliases = [a.with_changes(comma=separator) for a in aliases[:-1]] + [
        aliases[-1].with_changes(comma=last_comma)
    ]
    return line.with_changes(names=aliases)
