"""``migrate``: rewrite other spellings of the aliases into the aliases.

Rules (each reports its own event kind in the summary):

* **jaxtyping**: an annotation (or a part of one) equal to an alias's runtime definition
  becomes the alias: ``PyTree[Inexact[Array, "batch_size ..."]] | Inexact[Array, "batch_size ..."]``
  -> ``Data``. Equality ignores quotes, spacing, ``Union``/``Optional`` versus ``|``, member
  order and how jaxtyping was imported (see :mod:`batchtyping_codemods.spelling`).
* **pmm.typing**: ``from pmm.typing import Params, Foo`` (also ``parametricmatrixmodels.typing``
  and the package's own relative ``from ..typing import ...``) -> the aliases come from
  ``batchtyping``, the rest stays; ``pt.Params`` through ``import pmm.typing as pt`` too.
* **chex/optax**: ``optax.Params`` -> ``Params``; ``chex.ArrayTree`` -> ``Params`` where it means
  params: on a parameter or a function return that annotate's conventions map to ``Params``.
* **typing**: ``Dict/List/Tuple/Type/Set/FrozenSet[...]`` -> builtins (target >= 3.9),
  ``Optional[X]``/``Union[...]`` -> ``|`` (target >= 3.10; not when a member is a string).
* **--narrow** (off by default): a parameter annotated with exactly ``Params``, ``State``,
  ``Data`` or ``DataShape`` whose body uses it as a dict, a tuple, a list or an array gets the
  narrow alias (``params["w"]`` -> ``DictParams``, ``w, b = params`` -> ``TupleParams``,
  ``x.shape`` / ``x @ w`` -> ``ArrayData``, ``(n,) = input_shape`` -> ``ArrayDataShape``,
  ``state["step"]`` -> ``DictState``), by annotate's usage rules; verified with mypy and the
  plugin on the given files (a narrowing that makes a new error appear, e.g. in a caller
  passing a tuple, is backed out and listed with the error); uses no narrow alias allows are
  listed with the reason; the summary gives mypy's error count before and after.

All rules apply inside annotations (parameters, returns, annotated assignments); other
expressions (``cast(Dict[...], x)``, ``X = Dict[...]``) are left as they are.

Config, ``[tool.batchtyping.codemods.migrate]``: ``target-version = "3.10"`` (default: the
lower bound of ``requires-python``, else 3.9), ``typing-modules = [...]`` (modules whose alias
names are batchtyping's; default ``pmm.typing``, ``parametricmatrixmodels.typing``),
``narrow = true`` (as ``--narrow``).
"""

from __future__ import annotations

import argparse
import re
from typing import Any

import libcst as cst
from batchtyping.vocabulary import ALIAS_NAMES, STRUCTURE_TYPEVARS
from libcst.helpers import get_absolute_module_from_package_for_import

from batchtyping_codemods.cst.spelling import (
    ALIAS_FORMS,
    JAXTYPING_NAMES,
    canonical,
    qualified,
)
from batchtyping_codemods.cst.imports import tidy_names
from batchtyping_codemods.cst.names import all_names, dotted, root_names
from batchtyping_codemods.errors import UsageError
from batchtyping_codemods.framework.command import Command
from batchtyping_codemods.framework.config import Config
from batchtyping_codemods.framework.results import FileResult, RunOptions
from batchtyping_codemods.rules.narrowing import Narrower
from batchtyping_codemods.verify.narrowing import verify

TABLE = "migrate"
DEFAULT_TYPING_MODULES = ("pmm.typing", "parametricmatrixmodels.typing")
MOVABLE = frozenset(ALIAS_NAMES) | frozenset(STRUCTURE_TYPEVARS)
TYPING_BUILTINS = {"Dict": "dict", "List": "list", "Tuple": "tuple", "Type": "type",
                   "Set": "set", "FrozenSet": "frozenset"}
PARAMS_LIKE = ("chex.ArrayTree", "optax.Params")


def parse_version(text: str, where: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(?:py)?(\d+)\.?(\d+)\s*", str(text))
    if match is None:
        raise UsageError(f"{where}: expected a version like \"3.10\", got {text!r}")
    return int(match[1]), int(match[2])


def default_target(config: Config) -> tuple[int, int]:
    table = config.table.get(TABLE, {})
    where = f"{config.path or 'pyproject.toml'}: [tool.batchtyping.codemods.migrate] target-version"
    if "target-version" in table:
        return parse_version(table["target-version"], where)
    if config.requires_python:
        lower = re.search(r">=?\s*(\d+)\.(\d+)", config.requires_python)
        if lower:
            return int(lower[1]), int(lower[2])
    return (3, 9)


RULES = __doc__ or ""


class MigrateCommand(Command):
    """Rewrite raw jaxtyping, pmm.typing, chex/optax and typing.Dict-style spellings."""

    NAME = "migrate"
    DESCRIPTION = RULES
    WALK = "signatures"
    PREFILTER = ("jaxtyping", "typing", "chex", "optax", "Dict", "List", "Tuple", "Optional",
                 "Union", "Type", "Set")

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        arg_parser.add_argument(
            "--target-version", default=None, metavar="X.Y",
            help="oldest Python the code must run on (default: config, then requires-python, "
            "then 3.9); decides builtins generics (3.9) and | unions (3.10)",
        )
        arg_parser.add_argument(
            "--narrow", action="store_true", default=None,
            help="also narrow generic aliases (Params, State, Data, DataShape) on parameters to "
            "what the body needs (DictParams, ArrayData, ...), verified with mypy",
        )

    @classmethod
    def validate_config(cls, config: Config) -> None:
        table = config.table.get(TABLE, {})
        where = f"{config.path or 'pyproject.toml'}: [tool.batchtyping.codemods.migrate]"
        if not isinstance(table, dict):
            raise UsageError(f"{where} must be a table")
        known = {"target-version", "typing-modules", "narrow"}
        for key in table:
            if key not in known:
                raise UsageError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(known))})")
        default_target(config)
        modules = table.get("typing-modules", [])
        if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
            raise UsageError(f"{where} typing-modules: expected a list of module names")
        if not isinstance(table.get("narrow", False), bool):
            raise UsageError(f"{where} narrow: expected true or false")

    @classmethod
    def postprocess(cls, results: list[FileResult], options: RunOptions) -> list[FileResult]:
        if not _narrowing(options.options.get("narrow"), options.config.table):
            return results
        return verify(results, options)

    def __init__(self, context: cst.codemod.CodemodContext, target_version: str | None = None,
                 narrow: bool | None = None, exclude: frozenset[str] = frozenset(),
                 **options: Any) -> None:
        super().__init__(context, target_version=target_version, narrow=narrow, **options)
        table = self.config.get(TABLE, {})
        if target_version is not None:
            self.target = parse_version(target_version, "--target-version")
        else:
            self.target = default_target(self.project)
        self.typing_modules = (*DEFAULT_TYPING_MODULES, *table.get("typing-modules", []))
        conventions = self.project.annotate
        self.params_names = {n for n, alias in conventions.parameters.items() if alias == "Params"}
        self.conventions = conventions
        self.depth = 0
        self.narrower = None
        if _narrowing(narrow, self.config):
            self.narrower = Narrower(self, exclude)

    # ---- helpers
    def module_bindings(self) -> dict[str, str]:
        """As the base class's, with names from the typing modules already counted as batchtyping's."""
        if self._bindings is None:
            bindings = super().module_bindings()
            for local, full in bindings.items():
                module, _, name = full.rpartition(".")
                if module.startswith(".") and self.context.full_package_name:
                    depth = len(module) - len(module.lstrip("."))
                    base = self.context.full_package_name.split(".")
                    base = base[: len(base) - depth + 1] if depth > 1 else base
                    module = ".".join([*base, module.lstrip(".")] if module.lstrip(".") else base)
                if module in self.typing_modules and name in MOVABLE:
                    bindings[local] = f"batchtyping.{name}"
        return self._bindings  # type: ignore[return-value]

    def _lookup(self, name: str) -> str | None:
        return self.module_bindings().get(name)

    def qualified(self, node: cst.BaseExpression) -> str | None:
        return qualified(node, self._lookup)

    def forget_imports_of(self, expr: cst.CSTNode) -> None:
        """Schedule removal of the imports ``expr`` used, if nothing else uses them."""
        for local in root_names(expr):
            if self._lookup(local):
                self.drop_use(local)

    def _alias_of(self, expr: cst.BaseExpression) -> str | None:
        form = canonical(expr, self._lookup)
        return None if form is None else ALIAS_FORMS.get(form)

    # ---- jaxtyping expressions, top-down inside each annotation
    def _rewrite(self, expr: cst.BaseExpression) -> cst.BaseExpression:
        name = self._alias_of(expr)
        if name is not None:
            if self.qualified(expr) == f"batchtyping.{name}":
                return expr
            self.record(f"jaxtyping -> {name}", cst.Module([]).code_for_node(expr))
            self.forget_imports_of(expr)
            return self.alias(name).with_changes(lpar=expr.lpar, rpar=expr.rpar)
        if isinstance(expr, cst.Subscript):
            elements = [
                e.with_changes(slice=e.slice.with_changes(value=self._rewrite(e.slice.value)))
                if isinstance(e.slice, cst.Index) else e
                for e in expr.slice
            ]
            return expr.with_changes(slice=elements)
        if isinstance(expr, cst.BinaryOperation):
            return expr.with_changes(left=self._rewrite(expr.left), right=self._rewrite(expr.right))
        return expr

    def leave_Annotation(self, original_node: cst.Annotation, updated_node: cst.Annotation) -> cst.Annotation:
        expr = updated_node.annotation
        if not _may_mention_jaxtyping(expr):
            return updated_node
        return updated_node.with_changes(annotation=self._rewrite(expr))

    # ---- chex.ArrayTree / optax.Params
    def _params_like(self, annotation: cst.Annotation | None, means_params: bool) -> cst.Annotation | None:
        if annotation is None:
            return None
        full = self.qualified(annotation.annotation)
        if full not in PARAMS_LIKE or (full == "chex.ArrayTree" and not means_params):
            return None
        self.record(f"{full} -> Params")
        self.forget_imports_of(annotation.annotation)
        return annotation.with_changes(annotation=self.alias("Params"))

    def leave_Param(self, original_node: cst.Param, updated_node: cst.Param) -> cst.Param:
        new = self._params_like(updated_node.annotation, updated_node.name.value in self.params_names)
        return updated_node if new is None else updated_node.with_changes(annotation=new)

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        means = self.conventions.return_alias(updated_node.name.value) == "Params"
        new = self._params_like(updated_node.returns, means)
        updated_node = updated_node if new is None else updated_node.with_changes(returns=new)
        if self.narrower is not None:
            updated_node = self.narrower.leave_function(original_node, updated_node)
        return updated_node

    # ---- --narrow: scopes name functions as annotate does (verification reads the keys)
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.narrower is not None:
            self.narrower.enter_function(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self.narrower is not None:
            self.narrower.enter_class(node)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        if self.narrower is not None:
            self.narrower.leave_class()
        return updated_node

    # ---- pmm.typing
    def _typing_module(self, node: cst.ImportFrom) -> str | None:
        """The typing module ``node`` imports from (absolute name), if it is one."""
        if self.context.full_module_name in self.typing_modules:
            return None
        if node.relative:
            package = self.context.full_package_name
            if not package:
                return None
            try:
                module = get_absolute_module_from_package_for_import(package, node)
            except Exception:
                return None
        else:
            module = dotted(node.module) if node.module else None
        return module if module in self.typing_modules else None

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.depth += 1

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        self.depth -= 1
        return updated_node

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement] | cst.RemovalSentinel:
        if len(updated_node.body) != 1 or not isinstance(updated_node.body[0], cst.ImportFrom):
            return updated_node
        node = updated_node.body[0]
        source = None if isinstance(node.names, cst.ImportStar) else self._typing_module(node)
        if source is None:
            return updated_node
        moving = [a for a in node.names if dotted(a.name) in MOVABLE]
        staying = [a for a in node.names if dotted(a.name) not in MOVABLE]
        if not moving:
            return updated_node
        self.record(f"{source} -> batchtyping", ", ".join(str(dotted(a.name)) for a in moving))
        if self.depth == 0:  # merged with the other top-level batchtyping imports
            for alias in moving:
                asname = dotted(alias.asname.name) if alias.asname else None
                self.add_needed_import("batchtyping", dotted(alias.name), asname)
            if not staying:
                return cst.RemovalSentinel.REMOVE
            return updated_node.with_changes(body=[node.with_changes(names=tidy_names(staying, node.lpar is not None))])
        moved = node.with_changes(relative=(), module=cst.Name("batchtyping"), names=tidy_names(moving, node.lpar is not None))
        if not staying:
            return updated_node.with_changes(body=[moved])
        kept = updated_node.with_changes(body=[node.with_changes(names=tidy_names(staying, node.lpar is not None))])
        return cst.FlattenSentinel([kept, cst.SimpleStatementLine([moved])])

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        full = self.qualified(updated_node)
        if not full or "." not in full:
            return updated_node
        module, _, name = full.rpartition(".")
        if module in self.typing_modules and name in MOVABLE:
            self.record(f"{module} -> batchtyping", name)
            self.forget_imports_of(updated_node)
            return self.alias(name)
        return updated_node

    # ---- typing generics
    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        full = self.qualified(updated_node.value)
        if full is None or not full.startswith(("typing.", "typing_extensions.")):
            return updated_node
        name = full.rpartition(".")[2]
        if name in TYPING_BUILTINS and self.target >= (3, 9):
            self.record(f"typing.{name} -> {TYPING_BUILTINS[name]}")
            self.forget_imports_of(updated_node.value)
            return updated_node.with_changes(value=cst.Name(TYPING_BUILTINS[name]))
        if name in ("Optional", "Union") and self.target >= (3, 10):
            members = [e.slice.value for e in updated_node.slice if isinstance(e.slice, cst.Index)]
            if len(members) != len(updated_node.slice) or any(_stringy(m) for m in members):
                return updated_node
            if name == "Optional":
                if len(members) != 1:
                    return updated_node
                members.append(cst.Name("None"))
            self.record(f"typing.{name} -> |")
            self.forget_imports_of(updated_node.value)
            union = members[0]
            for member in members[1:]:
                union = cst.BinaryOperation(union, cst.BitOr(), _bare(member))
            return union.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar) if updated_node.lpar else union
        return updated_node


def _narrowing(flag: bool | None, table: dict[str, Any]) -> bool:
    """``--narrow``, else ``narrow`` in ``[tool.batchtyping.codemods.migrate]``."""
    return bool(table.get(TABLE, {}).get("narrow", False)) if flag is None else flag


def _bare(expr: cst.BaseExpression) -> cst.BaseExpression:
    """A union member, parenthesised when needed to stay one operand of ``|``."""
    if isinstance(expr, (cst.Lambda, cst.IfExp, cst.BooleanOperation, cst.Comparison)) and not expr.lpar:
        return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return expr


def _stringy(expr: cst.BaseExpression) -> bool:
    """A forward reference: ``"Foo" | None`` fails at run time."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(expr, cst.BinaryOperation):
        return _stringy(expr.left) or _stringy(expr.right)
    return False


def _may_mention_jaxtyping(expr: cst.BaseExpression) -> bool:
    return any(
        isinstance(n, cst.Name) and n.value in JAXTYPING_NAMES | {"jaxtyping", "jt"}
        for n in all_names(expr)
    )
