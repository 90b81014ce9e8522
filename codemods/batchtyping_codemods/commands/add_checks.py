"""``add-checks``: turn on the runtime checks.

* Default: ``@batchtyping.check`` on every function whose parameter or return annotations use
  a batchtyping alias (or a structure TypeVar). It becomes the innermost decorator, below
  ``jax.jit``, ``jax.vmap``, ``functools.partial(jax.jit, ...)``, ``eqx.filter_jit`` and any
  other, because ``check`` must see the Python function, not a jitted one. The decorator is
  spelled through an existing runtime import (``check`` merged into ``from batchtyping
  import ...``, or ``bt.check`` after ``import batchtyping as bt``), else ``import batchtyping``
  is added; never under ``if TYPE_CHECKING:``. Overloads, functions already checked
  (``check``, ``jaxtyping.jaxtyped``), functions under ``if TYPE_CHECKING:`` and stubs are
  left alone.
* ``--import-hook``: instead, install jaxtyping's import hook in the given package
  ``__init__.py`` files (``install_import_hook("pkg", "beartype.beartype")`` before the
  package imports its own modules), which checks every annotated function of the package.
"""

from __future__ import annotations

import argparse
from typing import Any

import libcst as cst
from batchtyping.vocabulary import OTHER_EXPORTS, PUBLIC_NAMES

from batchtyping_codemods.cst.imports import is_docstring
from batchtyping_codemods.cst.names import dotted_name, is_type_checking, module_bindings
from batchtyping_codemods.cst.spelling import qualified
from batchtyping_codemods.framework.command import Command

ANNOTATION_NAMES = frozenset(PUBLIC_NAMES) - frozenset(OTHER_EXPORTS)
ALREADY_CHECKED = ("batchtyping.check", "jaxtyping.jaxtyped", "jaxtyping.install_import_hook")
SKIPPED_DECORATORS = ("typing.overload", "typing_extensions.overload")
HOOK = 'install_import_hook("{package}", "beartype.beartype")'


RULES = __doc__ or ""


class AddChecksCommand(Command):
    """Add ``@batchtyping.check`` to functions annotated with the aliases (or install the hook)."""

    NAME = "add-checks"
    DESCRIPTION = RULES
    WALK = "signatures"

    @classmethod
    def wants(cls, source: str, options: dict[str, Any]) -> bool:
        return bool(options.get("import_hook")) or "batchtyping" in source

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        arg_parser.add_argument(
            "--import-hook", action="store_true",
            help="install jaxtyping's import hook in the given package __init__.py files "
            "instead of decorating functions",
        )

    def __init__(self, context: cst.codemod.CodemodContext, import_hook: bool = False, **options: Any) -> None:
        super().__init__(context, import_hook=import_hook, **options)
        self.import_hook = import_hook
        self.type_checking = 0
        self.decorator: cst.Decorator | None = None
        self.runtime: dict[str, str] | None = None
        self.merged = False  # a ``from batchtyping import ...`` is being added at run time

    # ---- the import hook
    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        filename = self.context.filename or ""
        if filename.endswith(".pyi"):
            return tree
        if not self.import_hook:
            return super().transform_module_impl(tree)
        if not filename.endswith("__init__.py") or not self.context.full_module_name:
            self.record("skipped", "--import-hook: not a package __init__.py")
            return tree
        if "install_import_hook" in tree.code:
            return tree
        package = self.context.full_module_name.split(".")[0]
        hook = [
            cst.parse_statement("from jaxtyping import install_import_hook\n"),
            cst.parse_statement(HOOK.format(package=package) + "\n"),
        ]
        body = list(tree.body)
        at = _hook_position(tree, package)
        self.record("import hook", package)
        if at < len(body):
            # Keep the comments above the statement the hook goes before where they were.
            hook[0] = hook[0].with_changes(leading_lines=body[at].leading_lines)
            body[at] = body[at].with_changes(leading_lines=())
        return tree.with_changes(body=[*body[:at], *hook, *body[at:]])

    # ---- decorating functions
    def _lookup(self, name: str) -> str | None:
        return self.module_bindings().get(name)

    def _check_decorator(self) -> cst.Decorator:
        if self.decorator is None:
            runtime = module_bindings(self.module, runtime=True)
            local = next((k for k, v in runtime.items() if v == "batchtyping.check"), None)
            module = next((k for k, v in runtime.items() if v == "batchtyping"), None)
            merges = self.merged or any(v.startswith("batchtyping.") for v in runtime.values())
            bound = self.module_bindings()
            if local is not None:
                expr: cst.BaseExpression = cst.Name(local)
            elif module is not None:
                expr = cst.Attribute(cst.Name(module), cst.Name("check"))
            elif merges and bound.get("check") in (None, "batchtyping.check"):
                self.add_needed_import("batchtyping", "check")
                expr = cst.Name("check")
            else:
                self.add_needed_import("batchtyping")
                expr = cst.Attribute(cst.Name("batchtyping"), cst.Name("check"))
            self.decorator = cst.Decorator(expr)
        return self.decorator

    def _alias_roots(self, node: cst.FunctionDef) -> set[str]:
        """Local names through which the annotations of ``node`` reach a batchtyping alias."""
        roots: set[str] = set()
        annotations = [p.annotation for p in _all_params(node.params)] + [node.returns]
        for annotation in annotations:
            if annotation is None:
                continue
            for chain in _chains(annotation.annotation):
                full = qualified(chain, self._lookup)
                if full and full.startswith("batchtyping.") and full[12:] in ANNOTATION_NAMES:
                    roots.add(dotted_name(chain).split(".")[0])
        return roots

    def _import_at_runtime(self, roots: set[str]) -> None:
        """``check`` reads the annotations at call time: names imported only under
        ``if TYPE_CHECKING:`` are imported at run time too."""
        if self.runtime is None:
            self.runtime = module_bindings(self.module, runtime=True)
        for root in sorted(roots - set(self.runtime)):
            full = self.module_bindings()[root]
            module, _, name = full.rpartition(".")
            if full == "batchtyping":
                self.add_needed_import("batchtyping", asname=None if root == full else root)
            else:
                self.add_needed_import(module, name, asname=None if root == name else root)
                self.merged = True

    def _decorated_with(self, node: cst.FunctionDef, names: tuple[str, ...]) -> bool:
        for decorator in node.decorators:
            expr = decorator.decorator
            if isinstance(expr, cst.Call):
                expr = expr.func
            if qualified(expr, self._lookup) in names:
                return True
        return False

    def visit_If(self, node: cst.If) -> None:
        self.type_checking += is_type_checking(node.test)

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.BaseStatement:
        self.type_checking -= is_type_checking(original_node.test)
        return updated_node

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        if self.type_checking:
            return updated_node
        roots = self._alias_roots(original_node)
        if not roots or self._decorated_with(original_node, ALREADY_CHECKED + SKIPPED_DECORATORS):
            return updated_node
        self._import_at_runtime(roots)
        self.record("@check", original_node.name.value)
        return updated_node.with_changes(decorators=[*updated_node.decorators, self._check_decorator()])


def _all_params(params: cst.Parameters) -> list[cst.Param]:
    found = [*params.posonly_params, *params.params, *params.kwonly_params]
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            found.append(star)
    return found


def _chains(expr: cst.CSTNode) -> list[cst.BaseExpression]:
    """The outermost Name/Attribute chains in ``expr``."""
    chains: list[cst.BaseExpression] = []

    class Finder(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            if dotted_name(node):
                chains.append(node)
                return False
            return True

        def visit_Name(self, node: cst.Name) -> None:
            chains.append(node)

    expr.visit(Finder())
    return chains


def _hook_position(tree: cst.Module, package: str) -> int:
    """Index of the first statement importing the package's own modules, else after the imports."""
    last_import = 0
    for index, stmt in enumerate(tree.body):
        if index == 0 and is_docstring(stmt):
            last_import = 1
            continue
        if not isinstance(stmt, cst.SimpleStatementLine):
            return index
        small = stmt.body[0]
        if isinstance(small, cst.ImportFrom):
            module = dotted_name(small.module) if small.module else ""
            if module == "__future__":
                last_import = index + 1
                continue
            if small.relative or module == package or module.startswith(package + "."):
                return index
        elif isinstance(small, cst.Import):
            if any(dotted_name(n.name).split(".")[0] == package for n in small.names):
                return index
        else:
            return index
        last_import = index + 1
    return last_import
