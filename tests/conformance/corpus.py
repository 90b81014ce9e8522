"""The conformance corpus: small cases, each written once with every judge's expected verdict.

A case file in ``cases/`` groups one kind of check; its docstring's first line names the kind.
Everything before the first marker is the file's preamble (imports, shared classes). A marker
line opens a case, which runs to the next marker::

    # case params_int_leaf: rejected by runtime, pyright
    # case params_float_leaf: accepted

``rejected by`` lists the judges expected to reject the case; every other judge accepts it.
``runtime`` stands for ``eager`` and ``jit``, ``static`` for every static judge, and
``but not a, b`` removes judges again (``rejected by runtime, static but not mypy``).
A preamble line ``# judged by: runtime, mypy+plugin`` limits a file to some judges (code
outside what the others promise to understand, such as raw jaxtyping annotations).

Each case becomes its own module: the preamble, blank lines, then the case's lines, so line
numbers in every judge's messages are the case file's own.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"
REPO = CASES.parent.parent.parent

RUNTIME_JUDGES = ("eager", "jit")
STATIC_JUDGES = ("mypy", "mypy+plugin", "pyright", "pyrefly", "ty", "basedpyright")
JUDGES = RUNTIME_JUDGES + STATIC_JUDGES
INFORMATIONAL = ("basedpyright",)
"""Judges reported in the matrix and held to the invariant, but not promised to users."""

KINDS = (
    "leaf_dtype",
    "containers",
    "shapes",
    "nodes",
    "registered_nodes",
    "batch_binding",
    "structure_binding",
    "structure_returns",
    "structure_names",
    "structure_name_flows",
    "batched_batchless",
    "dtype_kind",
    "complex_results",
    "vmap",
    "module_callable",
    "jit_training",
    "gradients",
    "typevars",
    "returns",
    "functions",
    "future_annotations",
    "raw_jaxtyping",
)
"""The case files (kinds of check), in the order the support matrix lists them."""

_GROUPS = {"runtime": RUNTIME_JUDGES, "static": STATIC_JUDGES}
_JUDGED_BY = re.compile(r"#\s*judged by:(.*)$")
_MARKER = re.compile(r"#\s*case\b(.*)$")
_VERDICT = re.compile(r"\s+(?P<name>[a-z][a-z0-9_]*):\s+(?P<verdict>accepted|rejected by (?P<by>.+))")


class CorpusError(Exception):
    """A malformed case file: the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    path: Path
    first: int
    """Line of the marker (1-based)."""
    last: int
    """Last line of the case (inclusive)."""
    rejected_by: frozenset[str]
    judged_by: frozenset[str]
    source: str
    """The case's module: the preamble, blank lines up to ``first``, then the case."""

    @property
    def id(self) -> str:
        return f"{self.kind}.{self.name}"

    @property
    def module(self) -> str:
        return f"{self.kind}__{self.name}"

    @property
    def where(self) -> str:
        return f"{_relative(self.path)}:{self.first}"

    def judged(self, judge: str) -> bool:
        return judge in self.judged_by

    def expected(self, judge: str) -> bool:
        """True when ``judge`` is expected to reject the case."""
        return judge in self.rejected_by

    @property
    def runtime_rejects(self) -> bool:
        return all(judge in self.rejected_by for judge in RUNTIME_JUDGES)


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    description: str
    cases: tuple[Case, ...]


def _relative(path: Path) -> Path:
    return path.relative_to(REPO) if path.is_relative_to(REPO) else path


def _judges(text: str, where: str) -> frozenset[str]:
    include, _, exclude = text.partition(" but not ")

    def names(part: str) -> set[str]:
        out: set[str] = set()
        for word in (w.strip() for w in part.split(",")):
            if word in _GROUPS:
                out.update(_GROUPS[word])
            elif word in JUDGES:
                out.add(word)
            else:
                known = ", ".join([*_GROUPS, *JUDGES])
                raise CorpusError(f"{where}: unknown judge {word!r} (known: {known})")
        return out

    judges = names(include) - (names(exclude) if exclude else set())
    if not judges:
        raise CorpusError(f"{where}: 'rejected by' names no judge")
    return frozenset(judges)


def load_kind(path: Path) -> Kind:
    lines = path.read_text().splitlines()
    rel = _relative(path)
    markers: list[tuple[int, str, frozenset[str]]] = []
    for number, line in enumerate(lines, 1):
        found = _MARKER.match(line.strip())
        if not found:
            continue
        where = f"{rel}:{number}"
        verdict = _VERDICT.fullmatch(found.group(1))
        if verdict is None:
            raise CorpusError(
                f"{where}: malformed marker {line.strip()!r}; write "
                "'# case <name>: accepted' or '# case <name>: rejected by <judges>'"
            )
        by = verdict.group("by")
        markers.append((number, verdict.group("name"), _judges(by, where) if by else frozenset()))
    if not markers:
        raise CorpusError(f"{rel}: no '# case' marker")
    docstring = ast.get_docstring(ast.parse("\n".join(lines)))
    if not docstring:
        raise CorpusError(f"{rel}:1: a case file starts with a docstring naming its kind of check")
    preamble = lines[: markers[0][0] - 1]
    judged_by = frozenset(JUDGES)
    for number, line in enumerate(preamble, 1):
        found = _JUDGED_BY.match(line.strip())
        if found:
            judged_by = _judges(found.group(1), f"{rel}:{number}")
    cases: list[Case] = []
    seen: set[str] = set()
    for index, (first, name, rejected_by) in enumerate(markers):
        where = f"{rel}:{first}"
        if name in seen:
            raise CorpusError(f"{where}: duplicate case name {name!r}")
        seen.add(name)
        if rejected_by - judged_by:
            raise CorpusError(f"{where}: {sorted(rejected_by - judged_by)} do not judge this file")
        if rejected_by & set(STATIC_JUDGES) and not set(RUNTIME_JUDGES) <= rejected_by:
            raise CorpusError(
                f"{where}: case {name!r} expects a static rejection of code the runtime accepts"
            )
        last = markers[index + 1][0] - 1 if index + 1 < len(markers) else len(lines)
        while last > first and not lines[last - 1].strip():
            last -= 1
        body = lines[first - 1 : last]
        padding = [""] * (first - 1 - len(preamble))
        source = "\n".join([*preamble, *padding, *body]) + "\n"
        cases.append(Case(path.stem, name, path, first, last, rejected_by, judged_by, source))
    title, colon, description = docstring.splitlines()[0].rstrip(".").partition(": ")
    if not colon:
        raise CorpusError(f"{rel}:1: the docstring's first line reads '<kind>: <what it checks>.'")
    return Kind(path.stem, title, description, tuple(cases))


@cache
def load() -> tuple[Kind, ...]:
    """Every kind of check, in the order of ``KINDS``."""
    files = {path.stem: path for path in CASES.glob("[!_]*.py")}
    unlisted = sorted(set(files) - set(KINDS))
    if unlisted:
        raise CorpusError(f"{_relative(CASES)}: add {unlisted} to KINDS in {_relative(Path(__file__))}")
    return tuple(load_kind(files[name]) for name in KINDS if name in files)


def all_cases() -> tuple[Case, ...]:
    return tuple(case for kind in load() for case in kind.cases)


def catch_rate(cases: tuple[Case, ...] | list[Case], judge: str) -> tuple[int, int]:
    """(caught, rejected): of the cases the runtime rejects, how many ``judge`` rejects too."""
    rejected = [case for case in cases if case.runtime_rejects and case.judged(judge)]
    return sum(case.expected(judge) for case in rejected), len(rejected)
