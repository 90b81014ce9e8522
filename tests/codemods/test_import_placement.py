"""Inserted imports go where isort puts them: ``ruff check --select I001`` stays clean
(cst/imports.py), on hand-made import blocks and on every fixture whose input is clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest
from libcst.codemod.visitors import ImportItem

from batchtyping_codemods.cst.imports import add_imports
from tests.codemods.helpers import fixtures

RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")


def _ruff_i001(folder: Path, *files: str) -> list[str]:
    """ruff's I001 findings (``file:line``) in ``folder``, run there so ``mypkg/`` is first party."""
    assert RUFF is not None, "ruff is in the dev extra"
    done = subprocess.run([RUFF, "check", "--isolated", "--select", "I001", "--output-format", "concise",
                           "--no-cache", *files], cwd=folder, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return [line.split(": ")[0] for line in done.stdout.splitlines() if "I001" in line]


BATCHTYPING = ImportItem("batchtyping", "Data")
CASES = {
    "third party between stdlib and first party": (
        "import os\n\nimport mypkg\n\nx = 1\n",
        [BATCHTYPING],
        "import os\n\nfrom batchtyping import Data\n\nimport mypkg\n\nx = 1\n",
    ),
    "into the third-party group, sorted, straight imports first": (
        "import os\n\nimport jax\nfrom optax import Params\n\nfrom mypkg import m\n",
        [BATCHTYPING, ImportItem("batchtyping")],
        "import os\n\nimport batchtyping\nimport jax\nfrom batchtyping import Data\nfrom optax import Params\n\n"
        "from mypkg import m\n",
    ),
    "a new stdlib group after __future__, before third party": (
        '"""Doc."""\n\nfrom __future__ import annotations\n\nimport jax\n',
        [ImportItem("typing", "TYPE_CHECKING")],
        '"""Doc."""\n\nfrom __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\nimport jax\n',
    ),
    "third party before the relative imports": (
        "from ..typing import Dict\nfrom . import base\n",
        [BATCHTYPING],
        "from batchtyping import Data\n\nfrom ..typing import Dict\nfrom . import base\n",
    ),
    "first party inferred: a second third-party-looking group": (
        "import os\n\nimport jax\n\nimport otherpkg\n",
        [ImportItem("otherpkg", "f"), ImportItem("optax")],
        "import os\n\nimport jax\nimport optax\n\nimport otherpkg\nfrom otherpkg import f\n",
    ),
    "a new last group": (
        "# comment\nimport os\n\n\ndef f(): ...\n",
        [BATCHTYPING],
        "# comment\nimport os\n\nfrom batchtyping import Data\n\n\ndef f(): ...\n",
    ),
    "the first group's comment stays on top": (
        "# top\nimport jax\n",
        [ImportItem("os")],
        "# top\nimport os\n\nimport jax\n",
    ),
    "no import block: one group per section": (
        "x = 1\n",
        [BATCHTYPING, ImportItem("typing", "cast")],
        "from typing import cast\n\nfrom batchtyping import Data\n\nx = 1\n",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_inserted_imports_are_isort_clean(name: str, tmp_path: Path) -> None:
    source, items, expected = CASES[name]
    for package in ("mypkg", "otherpkg"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "before.py").write_text(source)
    assert _ruff_i001(tmp_path, "before.py") == []
    out = add_imports(cst.parse_module(source), items, frozenset({"mypkg"})).code  # a file of mypkg
    assert out == expected
    (tmp_path / "after.py").write_text(out)
    assert _ruff_i001(tmp_path, "after.py") == []


def test_a_wrongly_placed_import_is_what_ruff_reports(tmp_path: Path) -> None:
    """The check can fail: the old placement (after the block's last import) is I001."""
    (tmp_path / "m.py").write_text("import os\n\nfrom ..typing import Dict\nfrom batchtyping import Data\n")
    assert _ruff_i001(tmp_path, "m.py") == ["m.py:1:1"]


def test_fixture_outputs_of_isort_clean_inputs_stay_clean(tmp_path: Path) -> None:
    clean = []
    for index, fixture in enumerate(fixtures()):
        (tmp_path / f"in{index}.py").write_text(fixture.before)
        clean.append(index)
    dirty_inputs = {name.partition(":")[0] for name in _ruff_i001(tmp_path, ".")}
    checked = [i for i in clean if f"in{i}.py" not in dirty_inputs]
    assert len(checked) >= 15  # most fixtures start isort-clean
    for index in checked:
        (tmp_path / f"out{index}.py").write_text(fixtures()[index].run()[0])
    assert _ruff_i001(tmp_path, *(f"out{i}.py" for i in checked)) == []
