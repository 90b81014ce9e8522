"""``[tool.batchtyping.codemods.annotate]``: every key, and clear errors for bad values."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from batchtyping_codemods import cli, errors, framework
from batchtyping_codemods.commands.annotate import AnnotateCommand
from batchtyping_codemods.rules.conventions import AnnotateConfig

SOURCE = "def apply(weights, inputs, is_train, carry, prng):\n    return inputs, carry\n"


def config(tmp_path: Path, table: str) -> framework.Config:
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.batchtyping.codemods.annotate]\n{table}")
    return framework.load_config(tmp_path)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("colour = 1\n", "unknown key 'colour' (known: forward-pass, overwrite, parameters, returns, verify, verify-with)"),
        ('parameters = { cfg = "Parms" }\n', "parameters.cfg: 'Parms' is not a batchtyping alias"),
        ('returns = "Params"\n', 'returns: expected a table of name = "Alias"'),
        ('forward-pass = { weights = ["w"] }\n', "forward-pass: unknown role 'weights' (roles: params, data, training, state, rng)"),
        ('forward-pass = { rng = "key" }\n', "forward-pass.rng: expected a list of names"),
        ('verify = "yes"\n', "verify: expected true or false, got 'yes'"),
        ('verify-with = ["pyre"]\n', "verify-with: expected a list drawn from ['mypy', 'pyright']"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(errors.UsageError) as error:
        AnnotateCommand.validate_config(config(tmp_path, table))
    assert str(error.value).startswith(f"{tmp_path / 'pyproject.toml'}: [tool.batchtyping.codemods.annotate]")
    assert message in str(error.value)


def test_cli_reports_bad_config_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config(tmp_path, "colour = 1\n")
    (tmp_path / "a.py").write_text(SOURCE)
    assert cli.main(["annotate", "--no-verify", str(tmp_path / "a.py")]) == 2
    assert "unknown key 'colour'" in capsys.readouterr().err


def test_defaults_are_merged_key_by_key() -> None:
    settings = AnnotateConfig.from_table(
        {"parameters": {"cfg": "HyperParams", "input_shape": False}, "forward-pass": {"rng": ["prng"]}}
    )
    assert settings.parameter_alias("cfg") == "HyperParams"
    assert settings.parameter_alias("hyperparams") == "HyperParams"
    assert settings.parameter_alias("input_shape") is None
    assert settings.forward_pass["rng"] == ("prng",)
    assert settings.forward_pass["state"] == ("state", "model_state", "s")


def test_cli_diff_summary_and_overwrite_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config(tmp_path, 'forward-pass = { params = ["weights"], training = ["is_train"], state = ["carry"], rng = ["prng"] }\n')
    source = tmp_path / "a.py"
    source.write_text(SOURCE.replace("carry, prng)", "carry: dict, prng)"))
    assert cli.main(["annotate", "--no-verify", "--diff", str(source)]) == 1
    out, err = capsys.readouterr()
    assert "+def apply(weights: Params, inputs: Data, is_train: bool, carry: dict, prng: Any) -> tuple[Data, State]:" in out
    assert "batchtyping annotate: 1 file(s) would change" in err
    assert "  return tuple: 1" in err
    assert cli.main(["annotate", "--no-verify", "--overwrite", "--diff", str(source)]) == 1
    assert "carry: State, prng: Any)" in capsys.readouterr().out


def test_runs_under_libcst_tool(tmp_path: Path) -> None:
    source = tmp_path / "a.py"
    source.write_text("def scale(hyperparams):\n    return hyperparams\n")
    proc = subprocess.run(
        [sys.executable, "-m", "libcst.tool", "codemod", "-x",
         "batchtyping_codemods.commands.annotate.AnnotateCommand", "-j", "1", "--no-format", str(source)],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert source.read_text() == (
        "from batchtyping import HyperParams\n\n\ndef scale(hyperparams: HyperParams):\n    return hyperparams\n"
    )
