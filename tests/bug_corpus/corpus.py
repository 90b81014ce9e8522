"""A held-out corpus of realistic bugs in JAX model code, each with a correct twin.

Kept apart from the conformance corpus (which holds one small check per case): each file
here groups bugs of one area; a marker opens a program, which runs to the next marker::

    # bug init_integer_weights: caught by runtime, mypy+plugin
    # twin init_integer_weights

``caught by`` names the judges that flag the bug (``runtime``: the program raises with
``batchtyping.check`` on; ``static``: every static judge; ``none``); a twin is the fixed
program, which no judge may flag. Programs are written as conformance ``Case`` objects so
the conformance judges run them unchanged.

    python -m tests.bug_corpus.corpus --write    # regenerate the score table in docs/plugin.md
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.conformance.corpus import REPO, Case, CorpusError

HERE = Path(__file__).resolve().parent
FILES = ("models", "training", "data")
STATIC = ("mypy+plugin", "mypy", "pyright", "pyrefly", "ty")
JUDGES = ("runtime", *STATIC)
PAGE = REPO / "docs" / "plugin.md"
BEGIN, END = "<!-- bug-corpus:begin -->", "<!-- bug-corpus:end -->"

_MARKER = re.compile(r"#\s*(?P<what>bug|twin)\s+(?P<name>[a-z][a-z0-9_]*)(?::\s+caught by (?P<by>.+))?$")


@dataclass(frozen=True)
class Program:
    case: Case
    bug: bool
    caught_by: frozenset[str]

    @property
    def name(self) -> str:
        return self.case.name.removesuffix("__bug").removesuffix("__twin")


def _judges(text: str, where: str) -> frozenset[str]:
    found: set[str] = set()
    for word in (w.strip() for w in text.split(",")):
        if word == "none":
            continue
        if word == "static":
            found.update(STATIC)
        elif word in JUDGES:
            found.add(word)
        else:
            raise CorpusError(f"{where}: unknown judge {word!r} (known: static, none, {', '.join(JUDGES)})")
    return frozenset(found)


def load_file(path: Path) -> list[Program]:
    lines = path.read_text().splitlines()
    marks = [(n, _MARKER.match(line.strip())) for n, line in enumerate(lines, 1) if line.strip().startswith(("# bug", "# twin"))]
    programs: list[Program] = []
    for index, (first, found) in enumerate(marks):
        where = f"{path.relative_to(REPO)}:{first}"
        if found is None or (found["what"] == "bug") != (found["by"] is not None):
            raise CorpusError(f"{where}: write '# bug <name>: caught by <judges>' or '# twin <name>'")
        last = marks[index + 1][0] - 1 if index + 1 < len(marks) else len(lines)
        while last > first and not lines[last - 1].strip():
            last -= 1
        preamble = lines[: marks[0][0] - 1]
        source = "\n".join([*preamble, *[""] * (first - 1 - len(preamble)), *lines[first - 1 : last]]) + "\n"
        bug = found["what"] == "bug"
        name = f"{found['name']}__{'bug' if bug else 'twin'}"
        case = Case(path.stem, name, path, first, last, frozenset(), frozenset(JUDGES), source)
        programs.append(Program(case, bug, _judges(found["by"], where) if bug else frozenset()))
    names = [p.name for p in programs if p.bug]
    twins = [p.name for p in programs if not p.bug]
    if sorted(names) != sorted(twins) or len(set(names)) != len(names):
        raise CorpusError(f"{path.relative_to(REPO)}: every bug needs exactly one twin of its name")
    return programs


@cache
def load() -> tuple[Program, ...]:
    return tuple(p for name in FILES for p in load_file(HERE / f"{name}.py"))


def score(judge: str) -> tuple[int, int, int]:
    """(caught, bugs, false positives on the twins) as recorded."""
    programs = load()
    bugs = [p for p in programs if p.bug]
    return sum(judge in p.caught_by for p in bugs), len(bugs), 0


def table() -> str:
    rows = ["| checker | bugs caught | false positives on the twins |", "|---|---:|---:|"]
    labels = {"runtime": "`batchtyping.check` at run time", "mypy+plugin": "mypy + batchtyping plugin",
              "mypy": "mypy with the stubs alone"}
    for judge in JUDGES:
        caught, bugs, false = score(judge)
        rows.append(f"| {labels.get(judge, judge)} | {caught}/{bugs} | {false} |")
    return "\n".join(rows)


def render(page: str) -> str:
    start, end = page.index(BEGIN) + len(BEGIN), page.index(END)
    return page[:start] + "\n" + table() + "\n" + page[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the bug corpus's score table in docs/plugin.md")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    page = PAGE.read_text()
    if args.write:
        PAGE.write_text(render(page))
        return 0
    return 0 if render(page) == page else 1


if __name__ == "__main__":
    sys.exit(main())
