"""Before/after fixtures, one rule each (``fixtures/<command>/<rule>.before.py``): byte-exact
output, changes limited to annotations, decorators and imports, idempotent."""

from __future__ import annotations

import pytest

from tests.codemods.helpers import Fixture, fixtures, only_signature_lines_changed, skeleton

FIXTURES = fixtures()
IDS = [f"{f.command}/{f.name}" for f in FIXTURES]


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_output_is_byte_exact(fixture: Fixture) -> None:
    assert fixture.run()[0] == fixture.after


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_changes_are_annotations_decorators_and_imports_only(fixture: Fixture) -> None:
    assert skeleton(fixture.before) == skeleton(fixture.after)
    only_signature_lines_changed(fixture.before, fixture.after)


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_second_run_changes_nothing(fixture: Fixture) -> None:
    out, events = fixture.run(fixture.after)
    assert out == fixture.after
    assert [e.kind for e in events if not e.listed] == []


def test_every_command_has_fixtures() -> None:
    assert {f.command for f in FIXTURES} == {"migrate", "add_checks"}
    assert all(f.after for f in FIXTURES)
