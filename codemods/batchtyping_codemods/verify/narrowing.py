"""Verifying ``migrate --narrow``: mypy with the plugin on the files migrated without narrowing
(the baseline) and with it; a narrowing that makes a new error appear is backed out
(:mod:`batchtyping_codemods.verify.backout`) and listed with its reason and the error."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from batchtyping_codemods.framework.events import Event
from batchtyping_codemods.framework.results import FileResult, RunOptions
from batchtyping_codemods.framework.runner import transform
from batchtyping_codemods.rules.narrowing import NARROWED
from batchtyping_codemods.verify.backout import verify as back_out_new_errors
from batchtyping_codemods.verify.checkers import CheckerFailed, Diagnostic, Mypy


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
    return any(event.kind.endswith(NARROWED) for event in result.events)


def _explained(event: Event, path: Path, why: Mapping[tuple[Path, str, str], str]) -> Event:
    """``line 5: dense: params: caller.py:9: mypy: ...`` -> ``line 5: dense: params:
    DictParams, as the body uses `params["w"]` (line 6), but caller.py:9: mypy: ...``."""
    if event.kind != "backed out" or event.function is None or event.target is None:
        return event
    names = event.target.split(", ")
    reasons = [why.get((path, event.function, name)) for name in names]
    if None in reasons:
        return event
    said = "; ".join(f"{name}: {reason}" for name, reason in zip(names, reasons))
    return replace(event, detail=f"line {event.line}: {event.function}: {said}, but {event.reason}")


def verify(results: list[FileResult], run: RunOptions) -> list[FileResult]:
    """Back out the narrowings that make mypy report a new error; note the error counts."""
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
        for event in result.events:
            if event.kind.endswith(NARROWED) and event.function and event.target and event.reason:
                why[result.path, event.function, event.target] = event.reason
    try:
        if any(_narrowed(r) for r in results):
            results = back_out_new_errors(results, run, runners=[mypy], opt_out="drop --narrow")
            for result in results:
                result.events = [_explained(event, result.path, why) for event in result.events]
        failed = [r for r in results if r.status == "error" and ": not verified, " in r.message]
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
