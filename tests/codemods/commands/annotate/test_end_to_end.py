"""End to end: annotate a small unannotated JAX project (``project/``) with verification on;
mypy with the plugin and pyright (standard mode) then report no new error, and the code
still runs with jaxtyping's runtime checks on."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from batchtyping_codemods import cli
from batchtyping_codemods.verify.checkers import Mypy
from tests.checkers import run_pyright

PROJECT = Path(__file__).parent / "project"
PYRIGHT = {"typeCheckingMode": "standard", "pythonVersion": "3.11", "include": ["minimlp"]}
RUN_CHECKED = """
import jax.numpy as jnp
from jaxtyping import TypeCheckError, install_import_hook

with install_import_hook("minimlp", "beartype.beartype"):
    from minimlp import layers
    from minimlp.model import main

forward = layers.dense({"activation": "tanh"})
try:  # the checks are on: integer data is not ArrayData
    forward({"w": jnp.ones((3, 2))}, jnp.ones((4, 3), dtype=jnp.int32), False, (), None)
except TypeCheckError:
    print(main())
"""


def mypy_errors(root: Path) -> Counter[tuple[str, str]]:
    files = sorted(p.resolve() for p in (root / "minimlp").glob("*.py"))
    return Counter((e.path.name, str(e)) for e in Mypy(root, files).run())


def pyright_errors(root: Path) -> Counter[str]:
    output = run_pyright(["minimlp"], PYRIGHT, cwd=root).output
    return Counter(re.sub(r":\d+:\d+ - ", " ", line.strip()) for line in output.splitlines() if " - error: " in line)


def test_annotate_a_small_jax_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    mypy_before, pyright_before = mypy_errors(root), pyright_errors(root)

    assert cli.main(["annotate", "-j", "1", str(root / "minimlp")]) == 1
    summary = capsys.readouterr().err
    layers = (root / "minimlp" / "layers.py").read_text()
    model = (root / "minimlp" / "model.py").read_text()
    for line in [
        "def dense(hyperparams: HyperParams) -> ModuleCallable[DictParams, State, ArrayData]:",
        "    def forward(params: DictParams, data: ArrayData, training: bool, state: State, rng: Any)"
        " -> tuple[ArrayData, State]:",
        "def counter(hyperparams: HyperParams) -> ModuleCallable[Params, DictState]:",
        "def output_shape(input_shape: ArrayDataShape, hyperparams: HyperParams):",
    ]:
        assert f"\n{line}\n" in layers
    assert "\n            def loss_fn(params: Params):\n" in model
    assert "\n    def describe(self, state):\n" in model
    assert "MLP.describe: state: compared with a str" in summary
    assert "backed out: line 20: dense_init: input_shape: layers.py:23: mypy:" in summary

    assert mypy_errors(root) - mypy_before == Counter()
    assert pyright_errors(root) - pyright_before == Counter()
    proc = subprocess.run([sys.executable, "-c", RUN_CHECKED], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    loss, calls = eval(proc.stdout)
    assert calls == 3 and loss > 0
