"""Generate ``docs/support-matrix.md`` from the corpus's expected verdicts.

    python -m tests.conformance.matrix --write    # regenerate the page
    python -m tests.conformance.matrix --check    # exit 1 when the committed page is stale

The expected verdicts are the observed ones: ``tests/test_conformance.py`` fails on any
difference, so the page says what each judge really does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.conformance.corpus import (
    INFORMATIONAL,
    REPO,
    RUNTIME_JUDGES,
    STATIC_JUDGES,
    Case,
    all_cases,
    catch_rate,
    load,
)

PAGE = REPO / "docs" / "support-matrix.md"
COMMAND = "python -m tests.conformance.matrix --write"


KNOWN_LIMITS = [
    "The tuple, list and dict aliases (`TupleParams`, `DictState`, `ArrayDataShape`, ...) are "
    "checked by beartype, which samples one item per call: one bad item among good ones is "
    "caught only sometimes. PyTree aliases check every leaf. The corpus keeps such containers "
    "uniform so that its verdicts are deterministic.",
    "mypy with the plugin reports `batch-dim` where the names disagree even when the shapes "
    "let the runtime pass: a 2-D example passed as `DataFixed` (its first axis taken for the "
    "batch), a batch passed as `BatchlessDataFixed`, an example passed as `Data`. The plugin "
    "checks the convention the names state, by design (see the plugin guide); "
    "`disable_codes = [\"batch-dim\"]` keeps it to what the runtime rejects. The corpus "
    "holds only the `batch-dim` cases the runtime rejects too.",
    "Classes made PyTree nodes by a call (`jax.tree_util.register_static`, `register_dataclass` "
    "with explicit fields) leave no trace a `.pyi` can match: only mypy with the plugin accepts "
    "them where a PyTree alias is expected; mypy alone, pyright, pyrefly and ty reject them. "
    "`registered_nodes.py` is therefore judged by the runtime and the plugin only.",
    "A `TypedDict` instance is a dict to the runtime but only a `Mapping[str, object]` to "
    "every checker, so all of them (with or without the plugin) reject it where a PyTree alias "
    "is expected. Use a `dict[str, Array]`, a NamedTuple or a registered dataclass instead.",
    "Raw jaxtyping annotations (`PyTree[Float[Array, \"b d\"], \" T\"]`) are jaxtyping's "
    "spelling, not ours: plain mypy and pyright report the structure name and shape string as "
    "undefined names. `raw_jaxtyping.py` is judged by the runtime, the plugin, pyrefly and ty.",
    "A function declared `-> DataFixed` returns the whole `DataFixed` union to every checker "
    "but mypy with the plugin, which gives the call the structure its argument bound; without "
    "the plugin, spell such functions with a TypeVar (`DataFixedT`) to use the result as a "
    "tuple. `structure_returns.py` is judged by the runtime and the plugin only.",
    "pyrefly solves a structure TypeVar to its bound for a dict literal argument "
    "(`update({\"w\": w})[\"w\"]` is a `Params` to it, not an `Array`); pass a declared "
    "`dict[str, Array]` variable instead.",
]
"""Differences between the runtime and a checker that the corpus cannot hold as cases."""


def _header(judge: str) -> str:
    return f"{judge} (info)" if judge in INFORMATIONAL else judge


def _rate(cases: tuple[Case, ...], judge: str) -> str:
    caught, rejected = catch_rate(cases, judge)
    return f"{caught}/{rejected} ({100 * caught / rejected:.0f}%)" if rejected else "—"


def _runtime(case: Case) -> str:
    eager, jit = (case.expected(judge) for judge in RUNTIME_JUDGES)
    if eager and jit:
        return "rejects"
    return "eager only" if eager else "jit only" if jit else "accepts"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render() -> str:
    kinds = load()
    cases = all_cases()
    judges = list(STATIC_JUDGES)
    lines = [
        "# Support matrix",
        "",
        f"<!-- Generated from tests/conformance/cases by `{COMMAND}`; do not edit. -->",
        "",
        f"The conformance corpus (`tests/conformance/cases/`) holds {len(cases)} small programs, "
        "each run by JAX with `batchtyping.check` on (eagerly and traced by `jax.jit`) and "
        "checked by every static checker: mypy with the stubs alone, mypy with the "
        "`batchtyping_mypy` plugin, pyright, pyrefly and ty (basedpyright is shown for "
        "information). The test suite fails whenever a checker's verdict on a case differs "
        "from the one recorded here. Settings: `mypy --strict` (with the plugin through "
        "`plugins = batchtyping_mypy`), pyright and basedpyright in `standard` mode, pyrefly's "
        "`default` preset, ty's defaults. A program counts as rejected at run time when it "
        "raises a `TypeError` (jaxtyping's `TypeCheckError`, or Python's own for a forward "
        "pass of the wrong arity).",
        "",
        "**No checker rejects a program of the corpus that the runtime accepts**; the "
        "[known limits](#known-limits) name the programs outside it where one does. Each cell "
        "below is the catch rate: of the programs the runtime rejects, how many the checker "
        "rejects too. What a checker cannot see (dtypes of `jnp` arrays, batch sizes, shapes) "
        "stays a run-time fact.",
        "",
        _row(["kind of check", "cases", "runtime rejects", *map(_header, judges)]),
        _row(["---", "---:", "---:", *["---:"] * len(judges)]),
    ]
    for kind in kinds:
        rejected = sum(case.runtime_rejects for case in kind.cases)
        lines.append(
            _row([kind.title, str(len(kind.cases)), str(rejected),
                  *(_rate(kind.cases, judge) for judge in judges)])
        )
    rejected = sum(case.runtime_rejects for case in cases)
    lines.append(
        _row(["**all**", f"**{len(cases)}**", f"**{rejected}**",
              *(f"**{_rate(cases, judge)}**" for judge in judges)])
    )
    lines += ["", "## Known limits", ""]
    lines += [f"- {limit}" for limit in KNOWN_LIMITS]
    lines += [
        "",
        "## Every case",
        "",
        "✗ the judge rejects the program, · it accepts it, n/a: the case is outside what "
        "the checker is asked to understand. Each case is a few lines in "
        "`tests/conformance/cases/<file>.py`, under a marker naming it and the judges that "
        "reject it (`# case params_int_leaf: rejected by runtime`, "
        "`# case params_str_leaf: rejected by runtime, static but not mypy`, "
        "`# case params_float_leaf: accepted`). To add one, write it there, run "
        "`pytest tests/test_conformance.py`, then regenerate this page with "
        f"`{COMMAND}`.",
    ]
    for kind in kinds:
        lines += [
            "",
            f"### {kind.title}",
            "",
            f"{kind.description[0].upper()}{kind.description[1:]} (`{kind.name}.py`).",
            "",
            _row(["case", "runtime", *map(_header, judges)]),
            _row(["---", "---", *[":---:"] * len(judges)]),
        ]
        for case in kind.cases:
            marks = [
                ("✗" if case.expected(judge) else "·") if case.judged(judge) else "n/a"
                for judge in judges
            ]
            lines.append(_row([f"`{case.name}`", _runtime(case), *marks]))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help=f"write {PAGE.relative_to(REPO)}")
    group.add_argument("--check", action="store_true", help="exit 1 when the page is stale")
    args = parser.parse_args(argv)
    page = render()
    if args.write:
        PAGE.parent.mkdir(parents=True, exist_ok=True)
        PAGE.write_text(page)
        return 0
    if not PAGE.exists() or PAGE.read_text() != page:
        print(f"{PAGE.relative_to(REPO)} is stale: run `{COMMAND}`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
