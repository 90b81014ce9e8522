"""Verification: an annotation that makes mypy report a new error is backed out and listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from batchtyping_codemods import cli
from batchtyping_codemods.verify.checkers import Mypy

MODEL = '''import jax


def dense_init(rng, input_shape, hyperparams):
    (n,) = input_shape
    return jax.random.normal(rng, (n, hyperparams["width"]))


def init_state(input_shape):
    return {"count": 0}
'''

VERIFIED = '''import jax
from batchtyping import HyperParams


def dense_init(rng, input_shape, hyperparams: HyperParams):
    (n,) = input_shape
    return jax.random.normal(rng, (n, hyperparams["width"]))


def init_state(input_shape):
    return {"count": 0}
'''

UNVERIFIED = VERIFIED.replace(
    "from batchtyping import HyperParams", "from batchtyping import ArrayDataShape, DataShape, DictState, HyperParams"
).replace("input_shape, hyperparams:", "input_shape: ArrayDataShape, hyperparams:").replace(
    "def init_state(input_shape):", "def init_state(input_shape: DataShape) -> DictState:"
)


def project(tmp_path: Path, table: str = 'verify-with = ["mypy"]\n') -> Path:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.mypy]\npython_version = \"3.11\"\nignore_missing_imports = true\n\n"
        f"[tool.batchtyping.codemods.annotate]\n{table}"
    )
    (tmp_path / "model.py").write_text(MODEL)
    return tmp_path / "model.py"


def annotate(path: Path, *flags: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["annotate", "-j", "1", *flags, str(path)])
    return code, capsys.readouterr().err


def test_new_errors_are_backed_out_and_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path)
    code, summary = annotate(path, capsys=capsys)
    assert code == 1
    assert path.read_text() == VERIFIED
    listed = [line.split(": ", 1)[1] for line in summary.splitlines() if ": backed out: " in line]
    assert listed == [
        'backed out: line 5: dense_init: input_shape: model.py:7: mypy: Argument 2 to "normal" has '
        'incompatible type "tuple[int | None, Any]"; expected "Sequence[int]"  [arg-type]',
        'backed out: line 10: init_state: every annotation: model.py:11: mypy: Dict entry 0 has '
        'incompatible type "str": "int"; expected "str": "Array"  [dict-item]',
    ]


def test_no_verify_keeps_every_annotation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path)
    code, summary = annotate(path, "--no-verify", capsys=capsys)
    assert code == 1
    assert path.read_text() == UNVERIFIED
    assert "backed out" not in summary


def test_verify_false_in_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, "verify = false\n")
    assert annotate(path, capsys=capsys)[0] == 1
    assert path.read_text() == UNVERIFIED


def test_mypy_that_cannot_run_is_an_error_not_a_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project(tmp_path)
    config = tmp_path / "pyproject.toml"
    config.write_text(config.read_text().replace('python_version = "3.11"', 'python_version = "2.7"'))
    code, summary = annotate(path, capsys=capsys)
    assert code == 2
    assert path.read_text() == MODEL
    assert f"error: {path}: not verified, " in summary
    assert "(fix it, or pass --no-verify)" in summary


def test_the_plugin_is_added_when_the_config_lacks_it(tmp_path: Path) -> None:
    source = tmp_path / "batch.py"
    source.write_text(
        "from batchtyping import BatchlessRealDataFixed, Data\n\n\n"
        "def one(x: BatchlessRealDataFixed) -> None: ...\n\n\n"
        "def many(xs: Data) -> None:\n    one(xs)\n"
    )
    (tmp_path / "mypy.ini").write_text("[mypy]\nignore_missing_imports = True\n")
    errors = Mypy(tmp_path, [source.resolve()]).run()
    assert [(e.line, e.code) for e in errors] == [(8, "batch-dim")]
