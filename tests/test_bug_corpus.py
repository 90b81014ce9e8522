"""The realistic-bug corpus (tests/bug_corpus): each checker catches exactly the bugs it is
recorded to catch and flags none of their correct twins; the score table in docs/plugin.md
is the recorded one (so a lost catch, a new catch or a false positive fails here)."""

from __future__ import annotations

import pytest

from tests.bug_corpus import corpus
from tests.conformance import judges


def _observed(judge: str) -> dict[str, bool]:
    cases = [program.case for program in corpus.load()]
    if judge == "runtime":
        verdicts = judges.runtime(cases)["eager"]
    else:
        verdicts = judges.STATIC[judge](cases)
    return {case.id: verdicts[case.id].rejected for case in cases}


@pytest.mark.parametrize("judge", corpus.JUDGES)
def test_checker_catches_the_recorded_bugs_and_no_twin(judge: str) -> None:
    observed = _observed(judge)
    programs = corpus.load()
    false_positives = [p.case.id for p in programs if not p.bug and observed[p.case.id]]
    assert false_positives == []
    caught = sorted(p.name for p in programs if p.bug and observed[p.case.id])
    assert caught == sorted(p.name for p in programs if p.bug and judge in p.caught_by)


def test_score_is_the_recorded_one() -> None:
    bugs = [p for p in corpus.load() if p.bug]
    assert len(bugs) == 30
    assert {judge: corpus.score(judge)[0] for judge in corpus.JUDGES} == {
        "runtime": 29, "mypy+plugin": 24, "mypy": 2, "pyright": 3, "pyrefly": 2, "ty": 2,
    }


def test_score_table_in_the_docs_is_current() -> None:
    page = corpus.PAGE.read_text()
    assert corpus.render(page) == page, "run `python -m tests.bug_corpus.corpus --write`"
