"""pytest hook: print each static judge's catch rate after the conformance tests ran."""

from __future__ import annotations

from typing import Any

from tests.conformance.corpus import INFORMATIONAL, STATIC_JUDGES, all_cases, catch_rate

JUDGE_TESTS = "tests/test_conformance.py::test_judge_gives_the_recorded_verdicts"


def catch_rate_lines(green: bool = True) -> list[str]:
    """One line per static judge; ``green`` adds the zero-false-positive claim a passing run proves."""
    cases = all_cases()
    lines = []
    for judge in STATIC_JUDGES:
        caught, rejected = catch_rate(cases, judge)
        note = " (informational)" if judge in INFORMATIONAL else ""
        lines.append(
            f"{judge:>14}: catches {caught:3}/{rejected} runtime-rejected cases "
            f"({100 * caught / rejected:.0f}%)" + (", 0 false positives" if green else "") + note
        )
    return lines


def pytest_terminal_summary(terminalreporter: Any) -> None:
    reports = [r for rs in terminalreporter.stats.values() for r in rs if hasattr(r, "nodeid")]
    ran = [r for r in reports if r.nodeid.startswith(JUDGE_TESTS) and getattr(r, "when", "") == "call"]
    if not ran:
        return
    failed = any(r.failed for r in ran)
    title = f"conformance: {len(all_cases())} cases"
    if failed:
        title += " (some judge disagreed: these are the recorded rates)"
    terminalreporter.section(title, sep="-")
    for line in catch_rate_lines(green=not failed):
        terminalreporter.write_line(line)
