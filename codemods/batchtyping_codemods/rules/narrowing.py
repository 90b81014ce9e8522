"""``migrate --narrow``: a generic alias the body uses as an array or a dict becomes the narrow one.

With structural static types, ``params: Params`` indexed as ``params["w"]`` is an error
(``index``, ``operator``, ``union-attr``: one per union member). A parameter annotated with
exactly a generic alias (``Params``, ``State``, ``Data``, ``DataShape``) gets the narrow alias
its body needs (``DictParams``, ``TupleParams``, ``ListParams``, ``DictState``..., ``ArrayData``,
``ArrayDataShape``), chosen by annotate's usage rules (:mod:`annotate_usage`); a parameter
whose use no narrow alias allows is listed with the reason. Every other annotation (a
narrower choice of the user's, ``Params | None``) is left alone.

Verified as ``annotate`` is (:mod:`annotate_verify`): mypy with the plugin, the project's
configuration and shared cache, on the files given, compared with the same files migrated
without narrowing; a narrowing that makes a new error appear (a caller passing a tuple where
``DictParams`` is now expected) is backed out and listed with the error. The summary gives
mypy's error count before and after narrowing.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import libcst as cst
from libcst.metadata import PositionProvider

from .annotate_checkers import CheckerFailed, Diagnostic, Mypy
from .annotate_usage import _ALIAS_KIND, GENERIC, Signatures, Use, _show, choose, passed_as, read_body
from .engine import FileResult, RunOptions, transform

if TYPE_CHECKING:
    from .migrate import Migrate

NARROWED = " (narrowed)"
"""Suffix of the event kinds of a narrowing (``Params -> DictParams (narrowed)``)."""


def _decorators(node: cst.FunctionDef) -> set[str]:
    names = set()
    for decorator in node.decorators:
        target = decorator.decorator
        target = target.func if isinstance(target, cst.Call) else target
        names.add(cst.Module([]).code_for_node(target).rsplit(".", 1)[-1])
    return names


class Narrower:
    """The narrowing half of one ``Migrate`` run over a file: fed each function on leaving it."""

    def __init__(self, command: Migrate, exclude: frozenset[str]) -> None:
        self.command = command
        self.exclude = exclude
        """What verification backed out: function keys, and ``key:parameter``."""
        self.scope: list[str] = []
        self.classes: list[bool] = []
        self.keys: list[str] = []
        self.seen: Counter[str] = Counter()
        self.signatures: Signatures = {}
        """Function name -> (positional parameters, alias names) of those seen so far."""
        self._positions: Mapping[cst.CSTNode, Any] | None = None

    # -- scopes (keys as annotate names them, so annotate_verify can read the events) ---------
    def enter_class(self, node: cst.ClassDef) -> None:
        self.scope.append(node.name.value)
        self.classes.append(True)

    def leave_class(self) -> None:
        self.scope.pop()
        self.classes.pop()

    def enter_function(self, node: cst.FunctionDef) -> None:
        from .annotate import function_key

        self.scope.append(node.name.value)
        self.keys.append(function_key(self.scope, self.seen))
        self.scope.append("<locals>")
        self.classes.append(False)

    def leave_function(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        del self.scope[-2:]
        self.classes.pop()
        key = self.keys.pop()
        is_method = bool(self.classes) and self.classes[-1] and "staticmethod" not in _decorators(original)
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
                choice = choose(candidates[name], uses[name], param.default, self._line, passed)
                if choice.alias is None:
                    where = f"line {self._line(param)}: {key}: {name}"
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
        full = self.command._qualified(param.annotation.annotation) or ""
        return full.removeprefix("batchtyping.") if full.startswith("batchtyping.") else ""

    def _generic(self, param: cst.Param) -> str | None:
        """The generic alias ``param`` is annotated with exactly, if any."""
        name = self._alias_name(param)
        return name if name in GENERIC else None

    def _evidence(self, alias: str, uses: Sequence[Use]) -> str:
        """The use that asked for ``alias``: ```params["w"]``` (line 6)."""
        kind = _ALIAS_KIND.get(alias)
        use = next((u for u in uses if u.kind == kind), None) or next(
            (u for u in uses if u.kind == "passed"), uses[0])
        return _show(use, self._line)

    def _narrow(self, param: cst.Param, narrowed: Mapping[str, str], evidence: Mapping[str, str],
                key: str) -> cst.Param:
        alias = narrowed.get(param.name.value)
        if alias is None or param.annotation is None:
            return param
        old = param.annotation.annotation
        generic = self._alias_name(param)
        self.command._forget_imports_of(old)
        # ``key: parameter: alias`` as annotate's events (annotate_verify reads them back)
        self.command.record(f"{generic} -> {alias}{NARROWED}",
                            f"{key}: {param.name.value}: {alias}, as the body uses {evidence[param.name.value]}")
        new = self.command.alias(alias).with_changes(lpar=old.lpar, rpar=old.rpar)
        return param.with_changes(annotation=param.annotation.with_changes(annotation=new))

    def _line(self, node: cst.CSTNode) -> int:
        if self._positions is None:
            wrapper = self.command.context.wrapper
            self._positions = wrapper.resolve(PositionProvider) if wrapper is not None else {}
        position = self._positions.get(node)
        return position.start.line if position is not None else 0


# -- verification --------------------------------------------------------------------------
class _Baseline(Mypy):
    """mypy on the files as migrate leaves them without narrowing (``base``), remembering
    its first and last reports."""

    def __init__(self, root: Path, paths: Sequence[Path], base: Mapping[Path, str]) -> None:
        super().__init__(root, paths)
        self.base = base
        self.reports: list[tuple[dict[Path, str], list[Diagnostic]]] = []

    def run(self, texts: Mapping[Path, str] = {}) -> list[Diagnostic]:
        merged = {**self.base, **texts}
        found = super().run(merged)
        self.reports.append((merged, found))
        return found


def _narrowed(result: FileResult) -> bool:
    return any(kind.endswith(NARROWED) for kind, _ in result.events)


def _explained(event: tuple[str, str], path: Path, why: Mapping[tuple[Path, str, str], str]) -> tuple[str, str]:
    """``line 5: dense: params: caller.py:9: mypy: ...`` -> ``line 5: dense: params:
    DictParams, as the body uses `params["w"]` (line 6), but caller.py:9: mypy: ...``."""
    kind, detail = event
    parts = detail.split(": ", 3)
    if kind != "backed out" or len(parts) != 4:
        return event
    line, key, what, error = parts
    reasons = [why.get((path, key, name)) for name in what.split(", ")]
    if None in reasons:
        return event
    said = "; ".join(f"{name}: {reason}" for name, reason in zip(what.split(", "), reasons))
    return kind, f"{line}: {key}: {said}, but {error}"


def verify(results: list[FileResult], run: RunOptions) -> list[FileResult]:
    """Back out the narrowings that make mypy report a new error; note the error counts."""
    from .annotate_verify import verify as back_out_new_errors

    base: dict[Path, str] = {}
    for result in results:
        if result.status == "changed" and result.after != result.before:
            text = result.after
            if _narrowed(result):
                text, _ = transform(run.command, result.path, result.before,
                                    {**run.options, "narrow": False}, run.config)
            if text != result.before:
                base[result.path.resolve()] = text
    paths = sorted({r.path.resolve() for r in results if r.status in ("changed", "unchanged")})
    if not paths:
        return results
    mypy = _Baseline(run.config.root, paths, base)
    why: dict[tuple[Path, str, str], str] = {}
    for result in results:
        for kind, detail in result.events:
            if kind.endswith(NARROWED):
                key, name, reason = detail.split(": ", 2)
                why[result.path, key, name] = reason
    try:
        if any(_narrowed(r) for r in results):
            results = back_out_new_errors(results, run, runners=[mypy])
            for result in results:
                result.events = [_explained(event, result.path, why) for event in result.events]
        failed = [r for r in results if r.status == "error" and ": not verified, " in r.message]
        for result in failed:
            result.message = result.message.replace("pass --no-verify", "drop --narrow")
        if failed:
            run.notes.append("narrow: not verified (mypy could not run)")
            return results
        final = {**base, **{r.path.resolve(): r.after for r in results if r.status == "changed"}}
        if not mypy.reports:
            mypy.run()
        if mypy.reports[-1][0] != final:
            mypy.run({p: t for p, t in final.items() if p not in base or base[p] != t})
    except CheckerFailed as failure:
        for result in results:
            if result.status == "changed":
                result.status = "error"
                result.message = (f"{result.path}: not verified, {str(failure).splitlines()[-1]} "
                                  "(fix it, or drop --narrow)")
        run.notes.append("narrow: not verified (mypy could not run)")
        return results
    before, after = len(mypy.reports[0][1]), len(mypy.reports[-1][1])
    run.notes.append(f"narrow: {before} mypy error(s) before, {after} after")
    return results
