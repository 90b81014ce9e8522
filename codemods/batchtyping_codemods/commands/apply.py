"""``batchtyping apply``: write the annotations inferred from ``batchtyping trace`` records.

A libcst command run by the runner (``--diff``, ``--check``, ``-j``, atomic writes, opt-out
comments, summary and exit codes). Functions are matched to their records by file and
qualified name (``Model.make.<locals>.forward``), nested functions included; existing
annotations are kept unless ``--overwrite``. The rules live in ``trace.infer``. A tree
alias (a union statically) is not written where the body indexes, iterates or computes
with the value (``annotate``'s usage rules). Then, as
for ``annotate`` (``verify.backout``), the type checkers check the result and annotations
that make a new error appear are backed out (``--no-verify`` skips this).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import libcst as cst
from batchtyping.vocabulary import BY_NAME, PUBLIC_NAMES, STRUCTURE_TYPEVARS
from libcst.codemod import CodemodContext
from libcst.metadata import PositionProvider

from batchtyping_codemods.cst.scopes import Scopes
from batchtyping_codemods.framework.command import Command
from batchtyping_codemods.framework.config import Config
from batchtyping_codemods.framework.results import FileResult, RunOptions
from batchtyping_codemods.framework.runner import transform
from batchtyping_codemods.rules.conventions import AnnotateConfig
from batchtyping_codemods.rules.usage import Use, choose, read_body
from batchtyping_codemods.verify.backout import verify
from batchtyping_codemods.trace import store
from batchtyping_codemods.trace.fits import Choice
from batchtyping_codemods.trace.infer import Inference, infer_all


@lru_cache(maxsize=4)
def _inferences(db: Path, mtime_ns: int, annotate_table: str) -> dict[str, list[Inference]]:
    """Inferences by file and by module name (``module:`` prefix), cached per database."""
    config = AnnotateConfig.from_table(json.loads(annotate_table))
    by_key: dict[str, list[Inference]] = {}
    for inference in infer_all(store.read(db), config):
        fn = inference.function
        by_key.setdefault(fn.filename, []).append(inference)
        by_key.setdefault(f"module:{fn.module}", []).append(inference)
    return by_key


# The tree alias of each role whose body uses ``annotate``'s usage rules judge.
_GENERIC = {"params": "Params", "state": "State", "shape": "DataShape", "data": "Data"}


class _Spell(cst.CSTTransformer):
    """Alias names in an annotation spelled (and imported) through the command base."""

    def __init__(self, command: Command) -> None:
        self.command = command

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if updated_node.value in PUBLIC_NAMES:
            return self.command.alias(updated_node.value)
        return updated_node


class ApplyCommand(Command):
    NAME = "apply"
    DESCRIPTION = (
        "Annotate traced functions with the most precise batchtyping aliases the recorded calls "
        "allow (run `batchtyping trace` first). Existing annotations are kept unless --overwrite."
    )
    PREFILTER = ("def ",)
    METADATA_DEPENDENCIES = (PositionProvider,)

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        arg_parser.add_argument("--db", type=Path, default=Path(store.DEFAULT_DB), metavar="FILE",
                                help=f"the trace database (default: {store.DEFAULT_DB})")
        arg_parser.add_argument("--overwrite", action="store_true",
                                help="replace existing annotations too")
        arg_parser.add_argument("--no-verify", action="store_true",
                                help="skip the type checker runs that back out annotations causing new errors")

    def __init__(self, context: CodemodContext, db: Path = Path(store.DEFAULT_DB),
                 overwrite: bool = False, no_verify: bool = False,
                 exclude: frozenset[str] = frozenset()) -> None:
        super().__init__(context, db=db, overwrite=overwrite, no_verify=no_verify)
        self.db, self.overwrite, self.exclude = Path(db), overwrite, exclude
        self.scopes = Scopes()
        self.found: dict[str, list[Inference]] = {}

    @classmethod
    def validate_config(cls, config: Config) -> None:
        """The naming conventions are ``annotate``'s table: a bad one is an error up front."""
        config.annotate  # noqa: B018 (parsed once: raises UsageError naming the key)

    @classmethod
    def postprocess(cls, results: list[FileResult], options: RunOptions) -> list[FileResult]:
        db = Path(options.options.get("db", store.DEFAULT_DB))
        if not db.is_file():
            for result in results:
                result.status, result.after = "error", result.before
                result.message = f"{db}: no trace database (run `batchtyping trace` first)"
            return results
        if options.options.get("no_verify"):
            return results
        return verify(results, options)

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        if not self.db.is_file():
            return tree
        table = json.dumps(self.config.get("annotate", {}), sort_keys=True)
        by_key = _inferences(self.db.resolve(), self.db.stat().st_mtime_ns, table)
        filename = str(Path(self.context.filename or "").resolve())
        found = by_key.get(filename) or by_key.get(f"module:{self.context.full_module_name}", [])
        for inference in found:
            self.found.setdefault(inference.function.qualname, []).append(inference)
        if not self.found:
            return tree
        return tree.visit(self)

    # ---- scopes: qualified names as Python computes them
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scopes.enter_class(node)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self.scopes.leave_class()
        return updated_node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.enter_function(node)

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        key, _ = self.scopes.leave_function()
        inferences = self.found.get(key)
        if not inferences or key in self.exclude or self.opted_out(original_node):
            return updated_node
        if len(inferences) > 1:
            self.record("skipped", f"{key}: defined more than once, records ambiguous")
            return updated_node
        return self._annotate(key, inferences[0], original_node, updated_node)

    def _annotate(
        self, key: str, inference: Inference, original: cst.FunctionDef, node: cst.FunctionDef
    ) -> cst.FunctionDef:
        params = node.params
        every = [*params.posonly_params, *params.params, *params.kwonly_params]
        chosen = self._parameters(key, inference, original, every)
        returns = inference.returns
        write_return = bool(returns.annotation) and (node.returns is None or self.overwrite)
        if write_return and returns.annotation in STRUCTURE_TYPEVARS and returns.annotation not in chosen.values():
            # No argument binds the TypeVar (kept annotations, or the body wanted plainer ones).
            if returns.fallback and returns.fallback in chosen.values():
                returns = Choice(returns.fallback)
            else:
                write_return = False
        new_params = {}
        for name, annotation in chosen.items():
            if annotation in STRUCTURE_TYPEVARS and not write_return:  # a TypeVar used once
                annotation = STRUCTURE_TYPEVARS[annotation]
            param = next(p for p in every if p.name.value == name)
            new_params[name] = param.with_changes(annotation=cst.Annotation(self._expression(annotation)))
            self.record(annotation, f"{key}: {name}: {annotation}", function=key, target=name, alias=annotation)
        changes: dict[str, Any] = {}
        if new_params:
            changes["params"] = params.with_changes(**{
                part: [new_params.get(p.name.value, p) for p in getattr(params, part)]
                for part in ("posonly_params", "params", "kwonly_params")
            })
        if write_return:
            assert returns.annotation
            changes["returns"] = cst.Annotation(self._expression(returns.annotation))
            self.record(returns.annotation, f"{key}: -> {returns.annotation}",
                        function=key, target="return", alias=returns.annotation)
        elif returns.reason and node.returns is None and inference.function.calls:
            self.record("skipped", f"{key}: return: {returns.reason}")
        return node.with_changes(**changes) if changes else node

    def _parameters(
        self, key: str, inference: Inference, node: cst.FunctionDef, every: Sequence[cst.Param]
    ) -> dict[str, str]:
        """Parameter name -> annotation to write; the rest is reported as skipped. ``node`` is
        the original definition (positions are known for its nodes only)."""
        names = [p.name.value for p in every if p.name.value in inference.params]
        uses = read_body(node, names, returns=False).uses
        chosen = {}
        for param in every:
            name = param.name.value
            choice = inference.params.get(name)
            if choice is None or f"{key}:{name}" in self.exclude:  # backed out by the verification
                continue
            annotation, reason = choice.annotation, choice.reason
            if annotation:
                wanted, reason = self._contradiction(annotation, uses[name])
                if reason and wanted is not None and wanted == choice.fallback:
                    annotation, reason = wanted, ""
            if reason:
                self.record("skipped", f"{key}: {name}: {reason}")
            elif annotation and (param.annotation is None or self.overwrite):
                chosen[name] = annotation
        return chosen

    def _contradiction(self, annotation: str, uses: Sequence[Use]) -> tuple[str | None, str]:
        """(the alias the body wants, why) when a tree alias (a union statically) cannot
        type-check there: the body indexes, iterates or computes with the value."""
        alias = BY_NAME.get(STRUCTURE_TYPEVARS.get(annotation, annotation))
        if alias is None or alias.container != "tree":
            return None, ""
        generic = _GENERIC[alias.role]
        choice = choose(generic, uses, None, self.line_of)
        if choice.alias == generic:
            return None, ""
        return choice.alias, f"{annotation} fits the calls, but not the body: " + (
            choice.reason or f"it uses it like {choice.alias}"
        )

    def _expression(self, text: str) -> cst.BaseExpression:
        return cst.parse_expression(text).visit(_Spell(self))  # type: ignore[return-value]


def apply_code(source: str, path: Path, db: Path, overwrite: bool = False,
               table: dict[str, Any] | None = None) -> str:
    """``source`` (the text of ``path``) with the annotations applied: for tests and tools."""
    config = Config(root=path.parent, table=table or {})
    return transform(ApplyCommand, path, source, {"db": db, "overwrite": overwrite}, config)[0]


__all__: Sequence[str] = ("ApplyCommand", "apply_code")
