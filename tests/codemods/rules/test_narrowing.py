"""``migrate --narrow`` through the CLI: verified with mypy (a narrowing a caller rejects is
backed out and listed with the error), error counts before and after, modes and exit codes.

The rules themselves are byte-exact fixtures: ``fixtures/migrate/narrow_*``."""

from __future__ import annotations

from pathlib import Path

import pytest

from batchtyping_codemods import cli
from tests.checkers import CACHE

MODEL = '''import jax.numpy as jnp
from batchtyping import Data, Params, State


def dense(params: Params, x):
    return jnp.dot(x, params["w"]) + params["b"]


def linear(params: Params, x):
    w, b = params
    return jnp.dot(x, w) + b


def step(state: State) -> State:
    return {"count": state["count"] + 1}


def counter(state: State):
    return state.step + 1
'''

NARROWED = '''import jax.numpy as jnp
from batchtyping import Data, DictState, Params, State, TupleParams


def dense(params: Params, x):
    return jnp.dot(x, params["w"]) + params["b"]


def linear(params: TupleParams, x):
    w, b = params
    return jnp.dot(x, w) + b


def step(state: DictState) -> State:
    return {"count": state["count"] + 1}


def counter(state: State):
    return state.step + 1
'''

TRAIN = '''import jax.numpy as jnp

from model import dense, linear


def run() -> None:
    x = jnp.zeros((2, 3))
    linear((jnp.zeros((3, 3)), jnp.zeros(3)), x)
    dense((jnp.zeros((3, 3)), jnp.zeros(3)), x)
'''

LISTED = [
    "skipped: line 18: counter: state: State kept: attribute .step of an object: `state.step` (line 19)",
    'backed out: line 5: dense: params: DictParams, as the body uses `params["w"]` (line 6), but '
    'train.py:9: mypy: Argument 1 to "dense" has incompatible type "tuple[Array, Array]"; '
    'expected "dict[str, Array]"  [arg-type]',
]


@pytest.fixture(autouse=True)
def shared_mypy_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MYPY_CACHE_DIR", str(CACHE / "mypy" / "migrate-narrow"))


def project(tmp_path: Path, table: str = "") -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mypy]\npython_version = "3.11"\nignore_missing_imports = true\n' + table
    )
    (tmp_path / "model.py").write_text(MODEL)
    (tmp_path / "train.py").write_text(TRAIN)
    return tmp_path


def migrate(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["migrate", "-j", "1", *args])
    out, err = capsys.readouterr()
    return code, out, err


def listed(summary: str) -> list[str]:
    return [line.split("model.py: ", 1)[1] for line in summary.splitlines() if "model.py: " in line]


def test_narrows_backs_out_what_a_caller_rejects_and_counts_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    code, _, summary = migrate("--narrow", str(root / "model.py"), str(root / "train.py"), capsys=capsys)
    assert code == 1
    assert (root / "model.py").read_text() == NARROWED
    assert (root / "train.py").read_text() == TRAIN
    lines = summary.splitlines()
    assert lines[:4] == [
        "batchtyping migrate: 1 file(s) changed, 1 unchanged, 0 skipped, 0 error(s)",
        "  narrow: 10 mypy error(s) before, 4 after",
        "  Params -> TupleParams (narrowed): 1",
        "  State -> DictState (narrowed): 1",
    ]
    assert listed(summary) == LISTED

    # idempotent: nothing left to narrow; the same errors before and after
    code, _, summary = migrate("--narrow", str(root), capsys=capsys)
    assert code == 0
    assert (root / "model.py").read_text() == NARROWED
    assert "  narrow: 4 mypy error(s) before, 4 after" in summary.splitlines()
    assert listed(summary) == LISTED


def test_diff_and_check_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    code, diff, summary = migrate("--narrow", "--diff", str(root), capsys=capsys)
    assert code == 1
    assert "-def linear(params: Params, x):\n+def linear(params: TupleParams, x):\n" in diff
    assert "dense(params: DictParams" not in diff
    assert "  narrow: 10 mypy error(s) before, 4 after" in summary.splitlines()
    code, out, summary = migrate("--narrow", "--check", str(root), capsys=capsys)
    assert (code, out) == (1, "")
    assert f"would change: {root / 'model.py'}" in summary.splitlines()
    assert (root / "model.py").read_text() == MODEL

    (root / "model.py").write_text(NARROWED)
    assert migrate("--narrow", "--check", str(root), capsys=capsys)[0] == 0


def test_without_narrow_nothing_is_narrowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    code, _, summary = migrate(str(root), capsys=capsys)
    assert code == 0
    assert (root / "model.py").read_text() == MODEL
    assert "narrow" not in summary


def test_narrow_in_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path, "\n[tool.batchtyping.codemods.migrate]\nnarrow = true\n")
    code, _, _ = migrate("--check", str(root), capsys=capsys)
    assert code == 1
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml").read_text().replace("narrow = true", 'narrow = "yes"')
    )
    code, _, summary = migrate("--check", str(root), capsys=capsys)
    assert code == 2
    assert "[tool.batchtyping.codemods.migrate] narrow: expected true or false" in summary


def test_mypy_that_cannot_run_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    config = root / "pyproject.toml"
    config.write_text(config.read_text().replace('python_version = "3.11"', 'python_version = "2.7"'))
    code, _, summary = migrate("--narrow", str(root), capsys=capsys)
    assert code == 2
    assert (root / "model.py").read_text() == MODEL
    assert f"error: {root / 'model.py'}: not verified, " in summary
    assert "(fix it, or drop --narrow)" in summary


def test_help_lists_narrow(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["migrate", "--help"])
    text = capsys.readouterr().out
    assert "--narrow" in text
    assert "DictParams" in text
