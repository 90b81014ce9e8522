"""The conformance corpus: JAX and every static checker judge the same small programs.

Each judge runs once over the whole corpus (``tests/conformance/``) and must give every
case the verdict the case records. Since a case may only expect a static rejection of what
the runtime rejects too, a green run means no static false positive. Catch rates are printed
in the terminal summary and published in ``docs/support-matrix.md``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conformance import judges, matrix
from tests.conformance.corpus import (
    STATIC_JUDGES,
    CorpusError,
    all_cases,
    load_kind,
)


def _disagreements(observed: dict[str, judges.Verdicts]) -> list[str]:
    problems = []
    for judge, verdicts in observed.items():
        for case in filter(lambda case: case.judged(judge), all_cases()):
            verdict = verdicts[case.id]
            if verdict.rejected == case.expected(judge) and not verdict.crashed:
                continue
            if verdict.crashed:
                what = "crashed (fix the case)"
            elif verdict.rejected and judge in STATIC_JUDGES and not case.runtime_rejects:
                what = "STATIC FALSE POSITIVE: rejects what the runtime accepts"
            elif verdict.rejected:
                what = "rejects, expected to accept"
            else:
                what = "accepts, expected to reject"
            said = "".join(f"\n    {line}" for line in verdict.messages) or ""
            problems.append(f"{case.where}: {case.id}: {judge} {what}{said}")
    return problems


@pytest.mark.parametrize("judge", ["runtime", *STATIC_JUDGES])
def test_judge_gives_the_recorded_verdicts(judge: str) -> None:
    name = "eager" if judge == "runtime" else judge
    cases = [case for case in all_cases() if case.judged(name)]
    observed = judges.runtime(cases) if judge == "runtime" else {judge: judges.STATIC[judge](cases)}
    problems = _disagreements(observed)
    assert not problems, f"{len(problems)} verdict(s) differ:\n" + "\n".join(problems)
    if judge == "mypy+plugin":
        from batchtyping_mypy.codes import ALL

        said = "\n".join(m for verdict in observed[judge].values() for m in verdict.messages)
        # batch-pytree judges an annotation's spelling (PyTree[X, 3]), which jaxtyping fails on
        # when the def is evaluated (AttributeError), not a value: its cases are YAML ones
        # (tests/plugin/test_raw_jaxtyping.yml).
        spelling_only = {"batch-pytree"}
        missing = [code for code in ALL if f"[{code}]" not in said and code not in spelling_only]
        assert missing == [], "codes no case triggers"


def test_corpus_covers_every_alias_and_enough_cases() -> None:
    from batchtyping.vocabulary import PUBLIC_NAMES

    cases = all_cases()
    assert len(cases) >= 150
    used = "\n".join(case.source for case in cases)
    missing = [name for name in PUBLIC_NAMES if f" {name}" not in used and f"{name}(" not in used]
    assert missing == []


def test_support_matrix_is_current() -> None:
    assert matrix.PAGE.exists() and matrix.PAGE.read_text() == matrix.render(), (
        f"{matrix.PAGE.relative_to(matrix.REPO)} is stale: run `{matrix.COMMAND}`"
    )


def _case_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "kind.py"
    path.write_text('"""Kind: what it checks."""\n\n' + textwrap.dedent(body))
    return path


def test_case_file_parses_markers(tmp_path: Path) -> None:
    kind = load_kind(_case_file(tmp_path, """\
        import jax

        # case ok: accepted
        x = 1

        # case bad: rejected by runtime, static but not mypy, ty
        y = 2
        """))
    assert (kind.title, kind.description) == ("Kind", "what it checks")
    ok, bad = kind.cases
    assert (ok.first, ok.last, ok.rejected_by) == (5, 6, frozenset())
    assert bad.rejected_by == {"eager", "jit", "mypy+plugin", "pyright", "pyrefly", "basedpyright"}
    assert bad.source.splitlines()[8 - 1] == "# case bad: rejected by runtime, static but not mypy, ty"
    assert bad.source.splitlines()[:3] == ['"""Kind: what it checks."""', "", "import jax"]
    assert "x = 1" not in bad.source


@pytest.mark.parametrize(
    ("marker", "problem"),
    [
        ("# case x: maybe", "kind.py:3: malformed marker '# case x: maybe'"),
        ("# case x: rejected by runtime, mypi", "kind.py:3: unknown judge 'mypi'"),
        ("# case x: rejected by mypy", "kind.py:3: case 'x' expects a static rejection of code the runtime accepts"),
        ("# case x: rejected by runtime but not runtime", "kind.py:3: 'rejected by' names no judge"),
    ],
)
def test_malformed_marker_names_file_line_and_problem(
    tmp_path: Path, marker: str, problem: str
) -> None:
    with pytest.raises(CorpusError, match=problem.replace("(", r"\(")) as error:
        load_kind(_case_file(tmp_path, marker + "\n"))
    assert str(error.value).startswith(str(tmp_path))


def test_runtime_judge_tells_rejections_from_broken_cases(tmp_path: Path) -> None:
    kind = load_kind(_case_file(tmp_path, """\
        import jax.numpy as jnp
        from batchtyping import Params, check

        # case ok: accepted
        @check
        def f(p: Params) -> None: ...
        f(jnp.zeros(3))

        # case int_leaf: rejected by runtime
        @check
        def f(p: Params) -> None: ...
        f(jnp.arange(3))

        # case broken: rejected by runtime
        undefined_name
        """))
    observed = judges.runtime(kind.cases)
    for mode in ("eager", "jit"):
        ok, int_leaf, broken = (observed[mode][case.id] for case in kind.cases)
        assert (ok.rejected, int_leaf.rejected, int_leaf.crashed) == (False, True, False)
        assert int_leaf.messages[0].endswith('.f: argument "p" is not Params:')
        assert broken.crashed and "NameError: name 'undefined_name'" in broken.messages[0]


def test_static_diagnostics_outside_a_case_are_reported(tmp_path: Path) -> None:
    (case,) = load_kind(_case_file(tmp_path, "import os\n\n# case one: accepted\nx = 1\n")).cases
    ours = judges._collect([case], [(case.module, 6, "boom")], judges.Result(1, ""))
    assert ours[case.id].rejected and ours[case.id].messages == ["line 6: boom"]
    with pytest.raises(AssertionError, match=rf"kind__one:3: preamble trouble"):
        judges._collect([case], [(case.module, 3, "preamble trouble")], judges.Result(1, ""))
