"""The conformance corpus's runtime judge, run through the compiled check and through
jaxtyping+beartype (the reference it replaces): the same verdict on every case but those
listed in ``STRICTER`` (where beartype samples one item of a container)."""

from __future__ import annotations

import pytest

import batchtyping
from batchtyping import _call
from tests.conformance import judges
from tests.conformance.corpus import all_cases

STRICTER: dict[str, str] = {}
"""Case id -> why the compiled check rejects what the reference accepted."""


def _verdicts(monkeypatch: pytest.MonkeyPatch, checker: object) -> dict[str, judges.Verdict]:
    """Eagerly (tests/test_conformance.py runs the compiled check under jax.jit too)."""
    with monkeypatch.context() as patch:
        patch.setattr(batchtyping, "check", checker, raising=False)
        return {case.id: judges._runtime(case, "eager") for case in all_cases()
                if case.judged("eager")}


def test_the_corpus_gives_the_references_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    ours = _verdicts(monkeypatch, _call.check)
    reference = _verdicts(monkeypatch, _call.reference)
    assert not [case for case, verdict in {**ours, **reference}.items() if verdict.crashed]
    rejected = [v.messages[0] for v in reference.values() if v.rejected]
    assert rejected and all(m.startswith(("Type-check error", "TypeError")) for m in rejected)
    assert not any(m.startswith("Type-check error") for v in ours.values() for m in v.messages)
    differ = {case: ours[case].messages for case in ours
              if ours[case].rejected != reference[case].rejected}
    assert set(differ) == set(STRICTER), differ
    assert all(ours[case].rejected for case in differ)
