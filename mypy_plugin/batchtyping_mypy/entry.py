"""The plugin: a table from full names to the feature that handles them."""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from batchtyping.vocabulary import ALIASES
from mypy.nodes import Decorator, FuncDef, MypyFile, OverloadedFuncDef
from mypy.options import Options
from mypy.plugin import (
    AnalyzeTypeContext,
    ClassDefContext,
    FunctionContext,
    FunctionSigContext,
    MethodContext,
    MethodSigContext,
    Plugin,
    ReportConfigContext,
)
from mypy.plugins.default import DefaultPlugin
from mypy.types import CallableType, FunctionLike, Overloaded, Type

import batchtyping_mypy
from batchtyping_mypy import config
from batchtyping_mypy.calls import CallChecker
from batchtyping_mypy.dispatch import ByDefinition
from batchtyping_mypy.meanings import MODULE, declared_meaning
from batchtyping_mypy.module_callable import ModuleCallableArguments, takes_module_callable
from batchtyping_mypy.misuse import MisuseFilter
from batchtyping_mypy.mypy_api import MARKER, Lookup, Reporter, watch_errors
from batchtyping_mypy.nodes import DECORATORS, mark_node, mark_partial_node
from batchtyping_mypy.parsed import ParsedTrees, installed_name
from batchtyping_mypy.partial import PARTIAL_CALL, PartialCall
from batchtyping_mypy.raw_jaxtyping import FULLNAMES as RAW_PYTREE
from batchtyping_mypy.raw_jaxtyping import RawPyTree, protect_structure_names, pytree_spellings
from batchtyping_mypy.rules import table as rules
from batchtyping_mypy.statements import Statements
from batchtyping_mypy.vmap import Vmap

_SOURCE_HASH = hashlib.sha256(
    b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.rglob("*.py")))
).hexdigest()[:16]

VMAP = ("jax._src.api.vmap", "jax.vmap")
# The one-array aliases (``ArrayData``, ``ArrayParams``, ``ArrayState``): plain ``Array`` aliases.
ARRAY_ALIASES = frozenset(f"{MODULE}.{a.name}" for a in ALIASES if a.container == "array")


class BatchtypingPlugin(Plugin):
    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self.config = config.load(options.config_file)
        for problem in self.config.problems:
            print(problem, file=sys.stderr)
        # dmypy restarts when a plugin's module snapshot (its ``__version__``, read after the
        # plugin is built) changes: a settings change then behaves like a mypy option change.
        digest = self.config.digest()
        batchtyping_mypy.__version__ = f"settings-{digest}"
        self._config_data = {"config": digest, "plugin": _SOURCE_HASH}
        lookup = Lookup(self)
        self.check_call = CallChecker(Reporter(self.config))
        self.statements = Statements(self.check_call)
        misuse = MisuseFilter()
        self.statements.on_scope = lambda api: watch_errors(api, misuse)
        self.module_arguments = ModuleCallableArguments(Reporter(self.config))
        self.functions: dict[str, Callable[[FunctionContext], Type]] = {
            **{name: Vmap(lookup) for name in VMAP},
            **rules.function_hooks(Reporter(self.config)),
            MARKER: self.statements,
        }
        self.by_definition = ByDefinition(self.functions, self.check_call)
        self.methods = rules.method_hooks(self.check_call)
        self.raw_pytree = RawPyTree(lookup, self.config)
        self.lookup = lookup
        self._scanned: dict[str, tuple[object, tuple[bool, bool]]] = {}
        self._installed: dict[str, tuple[bool, bool] | None] = {}
        """``_declared`` of names defined in installed packages and typeshed, which no
        re-check changes: remembered by name, without looking the name up again."""
        self.parsed = ParsedTrees(self._prepare)
        # Names mypy's own plugin handles: ours must not shadow them (custom plugins come first).
        self.default = DefaultPlugin(options)

    def report_config_data(self, ctx: ReportConfigContext) -> Any:
        """The config and the plugin's own source: mypy's cache follows both (mypy only
        snapshots the top module of a plugin package)."""
        return self._config_data

    def set_modules(self, modules: dict[str, MypyFile]) -> None:
        super().set_modules(modules)
        self.parsed.modules = modules

    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        """Runs right after parsing (when mypy computes a file's imports), before semantic
        analysis: files using jaxtyping's PyTree then need ``batchtyping._Tree``."""
        self.parsed.seen(file)
        return [(10, MODULE, -1)] if self._prepare(file, False) else []

    def _prepare(self, file: MypyFile, late: bool) -> bool:
        """Keep mypy from reading PyTree's structure names as undefined names and mark the
        returns and assignments to check (``statements``); whether ``file`` spells PyTree."""
        if file.fullname.split(".")[0] in ("jaxtyping", "batchtyping") or file.is_stub:
            return False
        builtin = self.lookup_fully_qualified(MARKER) if late else None
        self.statements.instrument(file, builtin.node if builtin is not None else None)
        if not pytree_spellings(file):
            return False
        protect_structure_names(file)
        return True

    def get_type_analyze_hook(self, fullname: str) -> Callable[[AnalyzeTypeContext], Type] | None:
        self.parsed.catch_up()  # semantic analysis asks this of every annotation's names
        if fullname in RAW_PYTREE:
            return self.raw_pytree
        if fullname in ARRAY_ALIASES:
            return functools.partial(self._array_alias, fullname)
        return None

    def _array_alias(self, fullname: str, ctx: AnalyzeTypeContext) -> Type:
        """Keep a one-array alias's name (mypy expands plain aliases) so its batch axis and
        dtype kind are known: ``ArrayData`` is batched, ``ArrayParams`` and ``ArrayState`` not."""
        return self.lookup.alias(fullname) or ctx.api.analyze_type(ctx.type)

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        self.parsed.catch_up()
        feature = self.functions.get(fullname)
        if feature is not None:
            return feature
        if self.default.get_function_hook(fullname) is not None or not self._may_mention(fullname):
            return None
        return self.by_definition

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        self.parsed.catch_up()
        if fullname == PARTIAL_CALL:
            default = self.default.get_method_hook(fullname)
            return PartialCall(default, self.check_call) if default is not None else None
        if fullname in self.methods:
            return self.methods[fullname]
        if self.default.get_method_hook(fullname) is not None or not self._may_mention(fullname):
            return None
        return self.check_call

    def get_function_signature_hook(
        self, fullname: str
    ) -> Callable[[FunctionSigContext], FunctionLike] | None:
        return self.module_arguments if self._takes_module_callable(fullname) else None

    def get_method_signature_hook(
        self, fullname: str
    ) -> Callable[[MethodSigContext], FunctionLike] | None:
        if self.default.get_method_signature_hook(fullname) is not None:
            return None
        return self.module_arguments if self._takes_module_callable(fullname) else None

    def get_class_decorator_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        if fullname == "functools.partial":
            return mark_partial_node
        return mark_node if fullname in DECORATORS else None

    def get_customize_class_mro_hook(
        self, fullname: str
    ) -> Callable[[ClassDefContext], None] | None:
        return mark_node if fullname in self.config.node_classes else None

    def _declared(self, fullname: str) -> tuple[bool, bool] | None:
        """(mentions an alias, takes a ModuleCallable) for a plain def, None otherwise.

        Remembered per declared type object, so a re-analysed def (dmypy) is scanned again;
        a def of an installed package (jax, typeshed: no re-check changes it) by name.
        """
        if fullname in self._installed:
            return self._installed[fullname]
        symbol = self.lookup_fully_qualified(fullname)
        node = symbol.node if symbol is not None else None
        typ = _declared_type(node)
        if installed_name(self.parsed.modules, fullname):
            settled = self._installed[fullname] = _scan(typ) if typ is not None else None
            return settled
        if typ is None:
            return None
        known = self._scanned.get(fullname)
        if known is not None and known[0] is typ:
            return known[1]
        found = _scan(typ)
        self._scanned[fullname] = (typ, found)
        return found

    def _takes_module_callable(self, fullname: str) -> bool:
        declared = self._declared(fullname)
        return declared is not None and declared[1]

    def _may_mention(self, fullname: str) -> bool:
        """False only for a function whose declared signature has no batchtyping alias."""
        declared = self._declared(fullname)
        return declared is None or declared[0]


def _declared_type(node: object) -> FunctionLike | None:
    if isinstance(node, Decorator):
        node = node.func
    if not isinstance(node, (FuncDef, OverloadedFuncDef)) or node.type is None:
        return None
    return node.type if isinstance(node.type, FunctionLike) else None


def _scan(typ: FunctionLike) -> tuple[bool, bool]:
    """(mentions an alias, takes a ModuleCallable) for a def's declared parameters."""
    items = typ.items if isinstance(typ, Overloaded) else [typ]
    arg_types = [t for item in items if isinstance(item, CallableType) for t in item.arg_types]
    return (any(map(declared_meaning, arg_types)), any(map(takes_module_callable, arg_types)))
