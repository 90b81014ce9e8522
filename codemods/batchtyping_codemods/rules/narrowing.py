"""``migrate --narrow``: a generic alias the body uses as an array or a dict becomes the narrow one.

With structural static types, ``params: Params`` indexed as ``params["w"]`` is an error
(``index``, ``operator``, ``union-attr``: one per union member). A parameter annotated with
exactly a generic alias (``Params``, ``State``, ``Data``, ``DataShape``) gets the narrow alias
its body needs (``DictParams``, ``TupleParams``, ``ListParams``, ``DictState``..., ``ArrayData``,
``ArrayDataShape``), chosen by annotate's usage rules (:mod:`rules.usage`); a parameter
whose use no narrow alias allows is listed with the reason. Every other annotation (a
narrower choice of the user's, ``Params | None``) is left alone.

Verified as ``annotate`` is (:mod:`verify.backout`): mypy with the plugin, the project's
configuration and shared cache, on the files given, compared with the same files migrated
without narrowing; a narrowing that makes a new error appear (a caller passing a tuple where
``DictParams`` is now expected) is backed out and listed with the error. The summary gives
mypy's error count before and after narrowing.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import libcst as cst
from libcst.codemod import CodemodContext

from batchtyping_codemods.cst.scopes import Scopes, decorator_names
from batchtyping_codemods.rules.usage import ALIAS_KIND, GENERIC, Signatures, Use, choose, passed_as, read_body, show_use


class Rewriter(Protocol):
    """What the narrowing needs of the command it runs inside (``MigrateCommand``)."""

    context: CodemodContext

    def qualified(self, node: cst.BaseExpression) -> str | None: ...
    def forget_imports_of(self, expr: cst.CSTNode) -> None: ...
    def alias(self, name: str, module: str = "batchtyping") -> cst.BaseExpression: ...
    def record(self, kind: str, detail: str = "", **typed: Any) -> None: ...
    def line_of(self, node: cst.CSTNode) -> int: ...

NARROWED = " (narrowed)"
"""Suffix of the event kinds of a narrowing (``Params -> DictParams (narrowed)``)."""


class Narrower:
    """The narrowing half of one ``migrate`` run over a file: fed each function on leaving it."""

    def __init__(self, command: Rewriter, exclude: frozenset[str]) -> None:
        self.command = command
        self.exclude = exclude
        """What verification backed out: function keys, and ``key:parameter``."""
        self.scopes = Scopes()
        self.signatures: Signatures = {}
        """Function name -> (positional parameters, alias names) of those seen so far."""

    # -- scopes ------------------------------------------------------------------------------
    def enter_class(self, node: cst.ClassDef) -> None:
        self.scopes.enter_class(node)

    def leave_class(self) -> None:
        self.scopes.leave_class()

    def enter_function(self, node: cst.FunctionDef) -> None:
        self.scopes.enter_function(node)

    def leave_function(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        key, in_class = self.scopes.leave_function()
        is_method = in_class and "staticmethod" not in decorator_names(original)
        positional = [*updated.params.posonly_params, *updated.params.params]
        if is_method and positional:
            positional = positional[1:]
        every = [*positional, *updated.params.kwonly_params]
        generic = {p.name.value: alias for p in every if (alias := self._generic(p)) is not None}
        if key in self.exclude:
            generic = {}
        candidates = {n: a for n, a in generic.items() if f"{key}:{n}" not in self.exclude}
        narrowed: dict[str, str] = {}
        evidence: dict[str, str] = {}
        if candidates:
            uses = read_body(original, candidates, returns=False).uses
            passed = functools.partial(passed_as, self.signatures)
            params = original.params
            for param in [*params.posonly_params, *params.params, *params.kwonly_params]:
                name = param.name.value
                if name not in candidates:
                    continue
                choice = choose(candidates[name], uses[name], param.default, self.command.line_of, passed)
                if choice.alias is None:
                    where = f"line {self.command.line_of(param)}: {key}: {name}"
                    self.command.record("skipped", f"{where}: {candidates[name]} kept: {choice.reason}")
                elif choice.alias != candidates[name]:
                    narrowed[name] = choice.alias
                    evidence[name] = self._evidence(choice.alias, uses[name])
        self.signatures[original.name.value] = (
            [p.name.value for p in positional],
            {p.name.value: narrowed.get(p.name.value) or self._alias_name(p) for p in every},
        )
        if not narrowed:
            return updated
        return updated.with_changes(params=updated.params.with_changes(
            posonly_params=[self._narrow(p, narrowed, evidence, key) for p in updated.params.posonly_params],
            params=[self._narrow(p, narrowed, evidence, key) for p in updated.params.params],
            kwonly_params=[self._narrow(p, narrowed, evidence, key) for p in updated.params.kwonly_params],
        ))

    # -- helpers ----------------------------------------------------------------------------
    def _alias_name(self, param: cst.Param) -> str:
        if param.annotation is None:
            return ""
        full = self.command.qualified(param.annotation.annotation) or ""
        return full.removeprefix("batchtyping.") if full.startswith("batchtyping.") else ""

    def _generic(self, param: cst.Param) -> str | None:
        """The generic alias ``param`` is annotated with exactly, if any."""
        name = self._alias_name(param)
        return name if name in GENERIC else None

    def _evidence(self, alias: str, uses: Sequence[Use]) -> str:
        """The use that asked for ``alias``: ```params["w"]``` (line 6)."""
        kind = ALIAS_KIND.get(alias)
        use = next((u for u in uses if u.kind == kind), None) or next(
            (u for u in uses if u.kind == "passed"), uses[0])
        return show_use(use, self.command.line_of)

    def _narrow(self, param: cst.Param, narrowed: Mapping[str, str], evidence: Mapping[str, str],
                key: str) -> cst.Param:
        alias = narrowed.get(param.name.value)
        if alias is None or param.annotation is None:
            return param
        old = param.annotation.annotation
        generic = self._alias_name(param)
        self.command.forget_imports_of(old)
        reason = f"{alias}, as the body uses {evidence[param.name.value]}"
        self.command.record(f"{generic} -> {alias}{NARROWED}", f"{key}: {param.name.value}: {reason}",
                            function=key, target=param.name.value, alias=alias, reason=reason)
        new = self.command.alias(alias).with_changes(lpar=old.lpar, rpar=old.rpar)
        return param.with_changes(annotation=param.annotation.with_changes(annotation=new))
