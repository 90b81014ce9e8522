"""Every example in docs/plugin.md that shows an error is checked by mypy with the plugin:
each ``# error: <message>  [code]`` comment must be exactly what mypy reports on that line,
and no other error may appear."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.checkers import REPO, run_mypy

PAGE = REPO / "docs" / "plugin.md"
PRELUDE = """\
from typing import Any
import jax
import jax.numpy as jnp
from jax import Array
from batchtyping import *
a = jnp.ones(2)
"""


def _examples() -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(), flags=re.S)
    return [block for block in blocks if "# error:" in block]


def test_the_page_has_an_example_for_every_reported_code() -> None:
    from batchtyping_mypy.codes import ALL

    shown = set(re.findall(r"\[(batch-[a-z]+)\]", "".join(_examples())))
    assert shown == set(ALL)


@pytest.mark.parametrize("index", range(len(_examples())))
def test_example(index: int, tmp_path: Path) -> None:
    source = PRELUDE + _examples()[index]
    (tmp_path / "example.py").write_text(source)
    # One config path for every example: run_mypy keys its warm cache on it.
    result = run_mypy(["example.py"], cwd=tmp_path, config_file=REPO / "tests" / "plugin" / "mypy.ini")
    reported = sorted(re.findall(r"^example\.py:(\d+): error: (.*)$", result.output, flags=re.M))
    expected = sorted(
        (str(number), m.group(1))
        for number, line in enumerate(source.splitlines(), start=1)
        for m in re.finditer(r"# error: (.*?)(?=\s+# error:|$)", line)
    )
    assert reported == expected, result.output
