"""What a command reports per file: typed :class:`Event`s, and the run's summary of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from batchtyping_codemods.framework.results import FileResult, RunOptions

LISTED_KINDS = ("skipped", "backed out")
"""Event kinds the summary lists one by one (the others it counts)."""


@dataclass(frozen=True)
class Event:
    """One change or refusal (an annotation added, a rewrite, something left alone and why).

    ``kind`` is what the summary counts (``Params``, ``skipped``); ``detail`` is what it shows.
    An annotation also says where it went: the ``function`` key (``Class.method``), the
    ``target`` (a parameter name, ``"return"``, or several names ``"a, b"``), the annotation
    text ``alias``, its ``line`` and the ``reason`` (why it was chosen or backed out).
    """

    kind: str
    detail: str = ""
    function: str | None = None
    target: str | None = None
    alias: str | None = None
    line: int | None = None
    reason: str | None = None

    @property
    def listed(self) -> bool:
        return self.kind.startswith(LISTED_KINDS)


def summarize(results: Sequence[FileResult], run: RunOptions) -> str:
    name = getattr(run.command, "NAME", run.command.__name__)
    statuses = Counter(r.status for r in results)
    verb = {"write": "changed", "diff": "would change", "check": "would change"}[run.mode]
    lines = [
        f"batchtyping {name}: {statuses['changed']} file(s) {verb}, {statuses['unchanged']} unchanged, "
        f"{statuses['skipped']} skipped, {statuses['error']} error(s)"
    ]
    lines += [f"  {note}" for note in run.notes]
    kinds: Counter[str] = Counter()
    listed: list[str] = []
    for result in results:
        for event in result.events:
            if event.listed:
                listed.append(f"  {result.path}: {event.kind}: {event.detail}")
            else:
                kinds[event.kind] += 1
    lines += [f"  {kind}: {count}" for kind, count in sorted(kinds.items())]
    if run.mode == "check":
        lines += [f"would change: {r.path}" for r in results if r.status == "changed"]
    lines += listed
    lines += [f"skipped {r.path}: {r.message}" for r in results if r.status == "skipped"]
    lines += [f"error: {r.message}" for r in results if r.status == "error"]
    return "\n".join(lines)
