"""``annotate``: fill in missing batchtyping annotations on parameters and returns.

A function shaped as a forward pass (``params, data, training, state, rng`` by name and
position) gets ``Params, Data, bool, State, Any -> tuple[Data, State]``; a function that
returns such a closure gets ``-> ModuleCallable[...]``; other parameters and returns follow
naming conventions (``rules.conventions``); how the body uses a parameter narrows the
alias or, when it contradicts the convention, skips it with a reason (``rules.usage``).
Nested functions are annotated like any other. Only annotations and imports change
(``cst.import_plan``); ``verify.backout`` backs out what makes mypy report new errors.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import libcst as cst
import libcst.matchers as m
from libcst.codemod import CodemodContext

from batchtyping.vocabulary import BY_NAME, MODULE_CALLABLE_PARAMETERS

from batchtyping_codemods.cst.import_plan import ImportPlan
from batchtyping_codemods.cst.scopes import Scopes, decorator_names
from batchtyping_codemods.framework.command import Command
from batchtyping_codemods.framework.config import Config
from batchtyping_codemods.framework.results import FileResult, RunOptions
from batchtyping_codemods.rules.conventions import FORWARD_ROLES, AnnotateConfig
from batchtyping_codemods.rules.returns import bundle, closure_roles, module_callable, narrow_return
from batchtyping_codemods.rules.usage import Body, Choice, Signatures, choose, passed_as, read_body
from batchtyping_codemods.verify.backout import verify

FORWARD_ALIASES: dict[str, str] = {
    "params": "Params", "data": "Data", "training": "bool", "state": "State", "rng": "Any",
}


@dataclass(frozen=True)
class Skip:
    """A parameter or return left alone although a convention matched it."""

    line: int
    function: str
    target: str
    """The parameter name, or ``return``."""
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.function}: {self.target}: {self.reason}"


@dataclass
class _Frame:
    """One function being visited: its key and the forward-pass closures defined in it."""

    key: str
    closures: dict[str, dict[str, str]] = field(default_factory=dict)
    """nested function name -> its forward-pass roles' aliases."""


TABLE = "annotate"
"""This command's table in ``[tool.batchtyping.codemods]``."""


class AnnotateCommand(Command):
    """Fill in missing batchtyping annotations: forward passes, params, data, state, shapes."""

    NAME = "annotate"
    DESCRIPTION = __doc__ or ""
    PREFILTER = ("def ",)
    WALK = "signatures"  # bodies are read by rules.usage's own walk

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        arg_parser.add_argument(
            "--overwrite", action="store_true", default=None,
            help="replace existing annotations too",
        )
        arg_parser.add_argument(
            "--no-verify", action="store_true", default=None,
            help="do not run mypy/pyright to back out annotations that cause new errors",
        )

    @classmethod
    def validate_config(cls, config: Config) -> None:
        config.annotate  # noqa: B018 (parsed once: raises UsageError naming the key)

    @classmethod
    def postprocess(cls, results: list[FileResult], options: RunOptions) -> list[FileResult]:
        settings = options.config.annotate
        no_verify = options.options.get("no_verify")
        if (not settings.verify if no_verify is None else no_verify):
            return results
        return verify(results, options, settings.verify_with)

    def __init__(
        self,
        context: CodemodContext,
        overwrite: bool | None = None,
        no_verify: bool | None = None,
        settings: AnnotateConfig | None = None,
        exclude: frozenset[str] = frozenset(),
        **options: Any,
    ) -> None:
        super().__init__(context, **options)
        self.settings = self.project.annotate if settings is None else settings
        self.overwrite = self.settings.overwrite if overwrite is None else overwrite
        self.exclude = exclude
        """What verification backed out: function keys, and ``key:parameter`` for one parameter."""
        self._scopes = Scopes()
        self._frames: list[_Frame] = []
        self._plan: ImportPlan | None = None
        self._signatures: Signatures = {}
        """Function name -> (positional parameters, their annotations) of those seen so far."""

    # -- module ------------------------------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> None:
        self._plan = ImportPlan.scan(node, runtime_checks_elsewhere=self._hook_installed())

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        assert self._plan is not None
        return self._plan.apply(updated_node)

    def _hook_installed(self) -> bool:
        filename = self.context.filename
        return filename is not None and _hook_installed(str(Path(filename).resolve().parent))

    # -- scopes ------------------------------------------------------------------------------
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._scopes.enter_class(node)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self._scopes.leave_class()
        return updated_node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._frames.append(_Frame(self._scopes.enter_function(node)))

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        _, is_method = self._scopes.leave_function()
        frame = self._frames.pop()
        if frame.key in self.exclude:
            return updated_node
        return self._annotate(original_node, updated_node, frame, is_method)

    # -- one function ------------------------------------------------------------------------
    def _annotate(
        self, node: cst.FunctionDef, updated: cst.FunctionDef, frame: _Frame, is_method: bool
    ) -> cst.FunctionDef:
        decorators = decorator_names(node)
        if "overload" in decorators:
            return updated
        params = node.params
        positional = [*params.posonly_params, *params.params]
        if is_method and "staticmethod" not in decorators and positional:
            positional = positional[1:]
        forward = (
            len(positional) == len(FORWARD_ROLES)
            and all(self.settings.forward_role(i, p.name.value) for i, p in enumerate(positional))
            and all(p.default is not None for p in params.kwonly_params)
        )
        wanted: dict[str, str] = {}  # parameter -> convention alias (or bool / Any)
        roles: dict[str, str] = {}  # forward role -> parameter
        for index, param in enumerate(positional):
            name = param.name.value
            alias = FORWARD_ALIASES[FORWARD_ROLES[index]] if forward else self.settings.parameter_alias(name)
            if forward:
                roles[FORWARD_ROLES[index]] = name
            if alias is not None:
                wanted[name] = alias
        for param in params.kwonly_params:
            alias = self.settings.parameter_alias(param.name.value)
            if alias is not None:
                wanted[param.name.value] = alias
        by_name = {p.name.value: p for p in [*positional, *params.kwonly_params]}
        needs_return = (node.returns is None or self.overwrite) and bool(
            forward or frame.closures or self.settings.return_alias(node.name.value)
        )
        body = read_body(node, [name for name, alias in wanted.items() if alias in BY_NAME], needs_return)
        uses = body.uses

        chosen: dict[str, str] = {}  # parameter -> alias now written or already there
        passed = functools.partial(passed_as, self._signatures)
        for name, alias in wanted.items():
            param = by_name[name]
            if f"{frame.key}:{name}" in self.exclude:
                continue  # backed out by verification
            if param.annotation is not None and not self.overwrite:
                existing = cst.Module([]).code_for_node(param.annotation.annotation)
                if existing.rsplit(".", 1)[-1] in (*BY_NAME, "bool", "Any"):
                    chosen[name] = existing.rsplit(".", 1)[-1]
                continue
            choice = (
                Choice(alias)
                if alias not in BY_NAME
                else choose(alias, uses[name], param.default, self.line_of, passed)
            )
            if choice.alias is None:
                self._skip(param, frame.key, name, choice.reason)
            else:
                chosen[name] = choice.alias
        written = {
            name: alias
            for name, alias in chosen.items()
            if by_name[name].annotation is None or self.overwrite
        }

        self._signatures[node.name.value] = ([p.name.value for p in positional], dict(chosen))
        returns = self._return_alias(node, body, frame, forward, roles, chosen) if needs_return else None
        forward_types = {
            role: chosen.get(roles[role], FORWARD_ALIASES[role]) for role in roles
        } if forward else None
        if forward_types is not None and self._frames and not is_method:
            self._frames[-1].closures[node.name.value] = forward_types

        if not written and returns is None:
            return updated
        new_params = updated.params.with_changes(
            posonly_params=[self._with(p, written) for p in updated.params.posonly_params],
            params=[self._with(p, written) for p in updated.params.params],
            kwonly_params=[self._with(p, written) for p in updated.params.kwonly_params],
        )
        changes: dict[str, Any] = {"params": new_params}
        if returns is not None:
            changes["returns"] = cst.Annotation(_expression(self._spell(returns)))
            self.record("return " + returns.split("[")[0], f"{frame.key}: -> {returns}",
                        function=frame.key, target="return", alias=returns)
        for name, alias in written.items():
            self.record(alias, f"{frame.key}: {name}: {alias}", function=frame.key, target=name, alias=alias)
        return updated.with_changes(**changes)

    def _with(self, param: cst.Param, written: Mapping[str, str]) -> cst.Param:
        alias = written.get(param.name.value)
        if alias is None:
            return param
        annotation = cst.Annotation(_expression(self._spell(alias)))
        if param.annotation is None and param.default is not None:
            # PEP 8: ``x: T = v`` spaces the ``=`` once annotated.
            return param.with_changes(
                annotation=annotation,
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(" "),
                    whitespace_after=cst.SimpleWhitespace(" "),
                ),
            )
        return param.with_changes(annotation=annotation)

    def _spell(self, annotation: str) -> str:
        """Annotation text with each alias and ``Any`` spelled as this module imports them."""
        assert self._plan is not None
        plan = self._plan

        def spell_name(name: str) -> str:
            if name in BY_NAME:
                return plan.spell("batchtyping", name)
            if name == "Any":
                return plan.spell("typing", "Any")
            return name

        tokens = annotation.replace("[", " [ ").replace("]", " ] ").replace(",", " , ").split()
        text = ""
        for token in tokens:
            text += {"[": "[", "]": "]", ",": ", "}.get(token) or spell_name(token)
        return text

    def _skip(self, node: cst.CSTNode, function: str, target: str, reason: str) -> None:
        skip = Skip(self.line_of(node), function, target, reason)
        self.record("skipped", str(skip), function=function, target=target, line=skip.line, reason=reason)
        self.warn(str(skip))  # what ``python -m libcst.tool codemod`` shows

    def _return_alias(
        self,
        node: cst.FunctionDef,
        body: Body,
        frame: _Frame,
        forward: bool,
        roles: Mapping[str, str],
        chosen: Mapping[str, str],
    ) -> str | None:
        """The return annotation to write, if any."""
        values = [r.value for r in body.returns]
        if body.yields or (not values and not forward and not frame.closures):
            return None
        wanted = None
        if forward:
            data = chosen.get(roles["data"], "Data")
            state = chosen.get(roles["state"], "State")
            wanted = f"tuple[{data}, {state}]"
        elif values and all(closure_roles(v, frame.closures) is not None for v in values):
            signatures = {tuple(sorted(closure_roles(v, frame.closures).items())) for v in values}  # type: ignore[union-attr]
            if len(signatures) == 1:
                wanted = module_callable(dict(signatures.pop()))
        else:
            alias = self.settings.return_alias(node.name.value)
            if alias is not None:
                several = bundle(values, set(self.settings.parameters))
                if several is not None:
                    code = cst.Module([]).code_for_node(several)
                    self._skip(node, frame.key, "return", f"returns several trees: `{code}`")
                    return None
                wanted = narrow_return(alias, values)
        if wanted is None:
            return None
        if not values or any(v is None or m.matches(v, m.Name("None")) for v in values):
            self._skip(node, frame.key, "return", "some `return` gives no value")
            return None
        if forward and any(isinstance(v, cst.Tuple) and len(v.elements) != 2 for v in values):
            self._skip(node, frame.key, "return", "returns a tuple that is not (data, state)")
            return None
        return wanted


@functools.lru_cache(maxsize=256)
def _hook_installed(folder: str) -> bool:
    """Whether a package ``__init__.py`` at or above ``folder`` installs jaxtyping's import hook."""
    path = Path(folder)
    while (path / "__init__.py").is_file():
        try:
            if "install_import_hook" in (path / "__init__.py").read_text(encoding="utf-8"):
                return True
        except OSError:
            return False
        path = path.parent
    return False


@functools.lru_cache(maxsize=512)
def _expression(text: str) -> cst.BaseExpression:
    """An annotation's expression (nodes are immutable: parsed once, shared)."""
    return cst.parse_expression(text)
