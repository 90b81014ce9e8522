"""The ``batchtyping`` command line: subcommands, help, options, exit codes, ``check``."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from batchtyping_codemods import check as check_cmd, cli
from tests.checkers import CACHE

BIN = Path(sys.executable).parent


def test_help_lists_every_subcommand_without_importing_them() -> None:
    out = subprocess.run(
        [sys.executable, "-c",
         "import sys; from batchtyping_codemods.cli import main\n"
         "try: main(['--help'])\nexcept SystemExit: pass\n"
         "print(sorted(m for m in sys.modules if m.startswith('batchtyping_codemods.')))"],
        capture_output=True, text=True, check=True,
    ).stdout
    for sub in cli.SUBCOMMANDS:
        assert sub.name in out
    assert "exit codes: 0 nothing to report, 1 findings, 2 errors (each COMMAND --help says which)." in out
    assert out.splitlines()[-1] == (
        "['batchtyping_codemods.cli', 'batchtyping_codemods.errors']"
    )


@pytest.mark.parametrize("name", ["migrate", "add-checks"])
def test_codemod_help_shows_shared_options_and_the_description(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        cli.main([name, "--help"])
    assert exit.value.code == 0
    out = capsys.readouterr().out
    for option in ("--diff", "--check", "-j N, --jobs N", "--config PYPROJECT"):
        assert option in out
    assert {"migrate": "--target-version X.Y", "add-checks": "--import-hook"}[name] in out


def test_entry_point_runs(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("from typing import List\nx: List[int] = []\n")
    proc = subprocess.run([BIN / "batchtyping", "migrate", "--check", "m.py"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "batchtyping migrate: 1 file(s) would change, 0 unchanged, 0 skipped, 0 error(s)",
        "  typing.List -> list: 1",
        "would change: m.py",
    ]


def test_zero_paths_is_a_successful_no_op(capsys: pytest.CaptureFixture[str]) -> None:
    """pre-commit may call a hook with no files."""
    assert cli.main(["migrate"]) == 0
    assert cli.main(["add-checks", "--check"]) == 0
    assert cli.main(["check"]) == 0
    assert "nothing to check" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["migrate", str(tmp_path / "missing.py")]) == 2
    assert f"batchtyping migrate: {tmp_path / 'missing.py'}: no such file or folder" in capsys.readouterr().err
    (tmp_path / "pyproject.toml").write_text("[tool.batchtyping.codemods.migrate]\ntarget-version = 3\n")
    (tmp_path / "m.py").write_text("x = 1\n")
    assert cli.main(["migrate", str(tmp_path / "m.py")]) == 2
    assert "target-version: expected a version" in capsys.readouterr().err


def test_a_missing_command_module_disables_only_that_subcommand(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "SUBCOMMANDS", [*cli.SUBCOMMANDS, cli.Subcommand("later", "no_such_module", "x")])
    assert cli.main(["later", "."]) == 2
    assert capsys.readouterr().err == "batchtyping later: not available: No module named 'no_such_module'\n"
    assert cli.main(["migrate"]) == 0


# ---------------------------------------------------------------- check


def _ini(text: str, path: Path) -> Path:
    path.write_text(text)
    return path


def test_merged_ini_config_adds_the_plugin_and_keeps_everything_else(tmp_path: Path) -> None:
    config = _ini("[mypy]\nstrict = True\nplugins = ./local_plugin.py\nmypy_path = $MYPY_CONFIG_FILE_DIR/src\n"
                  "[mypy-jax.*]\nfollow_imports = skip\n[flake8]\nx = 1\n", tmp_path / "setup.cfg")
    out = tmp_path / "out"
    out.mkdir()
    merged = check_cmd.merged_config(config, out)
    assert merged == out / "mypy.ini"
    assert merged.read_text() == (
        f"[mypy]\nstrict = True\nplugins = {tmp_path}/local_plugin.py, batchtyping_mypy\n"
        f"mypy_path = {tmp_path}/src\n\n[mypy-jax.*]\nfollow_imports = skip\n"
    )


def test_merged_toml_config_keeps_overrides(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.mypy]\nstrict = true\nplugins = ["pydantic.mypy"]\n'
                      '[[tool.mypy.overrides]]\nmodule = ["jax.*"]\nfollow_imports = "skip"\n')
    merged = check_cmd.merged_config(config, tmp_path / "..")
    assert merged is not None and merged.name == "pyproject.toml"
    assert merged.read_text() == (
        '[tool.mypy]\nstrict = true\nplugins = ["pydantic.mypy", "batchtyping_mypy"]\n\n'
        '[[tool.mypy.overrides]]\nmodule = ["jax.*"]\nfollow_imports = "skip"\n'
    )


def test_merged_config_keeps_the_plugin_settings(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    ini = _ini("[mypy]\n[batchtyping-mypy]\ndisable_codes = batch-dim\n", tmp_path / "mypy.ini")
    merged = check_cmd.merged_config(ini, out)
    assert merged is not None and "[batchtyping-mypy]\ndisable_codes = batch-dim\n" in merged.read_text()
    ini.write_text("[mypy]\n")  # the plugin then reads the pyproject.toml next to the ini
    (tmp_path / "pyproject.toml").write_text('[tool.batchtyping.mypy]\ndisable_codes = ["batch-dim", "batch-leaf"]\n')
    merged = check_cmd.merged_config(ini, out)
    assert merged is not None and "[batchtyping-mypy]\ndisable_codes = batch-dim, batch-leaf\n" in merged.read_text()
    (tmp_path / "pyproject.toml").write_text("[tool.batchtyping.mypy\n")  # the plugin's to report
    merged = check_cmd.merged_config(ini, out)
    assert merged is not None and merged.read_text() == "[mypy]\nplugins = batchtyping_mypy\n"
    toml = tmp_path / "pyproject.toml"
    toml.write_text('[tool.mypy]\nstrict = true\n[tool.batchtyping.mypy]\nnode_classes = ["a.B"]\n')
    merged = check_cmd.merged_config(toml, out)
    assert merged is not None and merged.read_text().endswith('\n[tool.batchtyping.mypy]\nnode_classes = ["a.B"]\n')


def test_config_that_already_loads_the_plugin_is_used_as_is(tmp_path: Path) -> None:
    config = _ini("[mypy]\nplugins = batchtyping_mypy\n", tmp_path / "mypy.ini")
    assert check_cmd.merged_config(config, tmp_path) is None
    assert check_cmd.find_config(tmp_path) == config


def test_check_passes_the_merged_config_to_mypy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.mypy]\nwarn_unused_ignores = true\n")
    monkeypatch.chdir(tmp_path)
    seen: dict[str, object] = {}

    def fake_run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        config = Path(cmd[cmd.index("--config-file") + 1])
        seen["cmd"], seen["config"] = cmd, config.read_text()
        return subprocess.CompletedProcess(cmd, 1)

    monkeypatch.setattr(subprocess, "run", fake_run)
    args = argparse.Namespace(paths=["m.py"], config_file=None, mypy_args="--strict",
                              no_project_plugins=False)
    assert check_cmd.run(args) == 1
    assert seen["config"] == '[tool.mypy]\nwarn_unused_ignores = true\nplugins = ["batchtyping_mypy"]\n'
    assert seen["cmd"][:5] == [sys.executable, "-P", "-m", "mypy", "--strict"]  # type: ignore[index]
    assert seen["cmd"][-1] == "m.py"  # type: ignore[index]


def test_check_runs_mypy_with_the_plugin(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\n[mypy-jax.*,jaxlib.*,numpy.*,jaxtyping.*,scipy.*,ml_dtypes.*]\nfollow_imports = skip\n"
    )
    (tmp_path / "good.py").write_text("from batchtyping import Params\n\ndef f(p: Params) -> Params:\n    return p\n")
    (tmp_path / "bad.py").write_text("from batchtyping import Params\n\ndef f(p: Params) -> int:\n    return p\n")
    cache = f"--cache-dir {CACHE / 'mypy' / 'codemods-check'}"

    def check(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([BIN / "batchtyping", "check", name, "--mypy-args", cache],
                              cwd=tmp_path, capture_output=True, text=True, check=False)

    assert check("good.py").returncode == 0
    bad = check("bad.py")
    assert bad.returncode == 1
    assert bad.stdout.startswith("bad.py:4: error: Incompatible return value type")
    assert bad.stdout.splitlines()[0].endswith('expected "int")  [return-value]')


# ---------------------------------------------------------------- without the codemods extra

_NO_LIBCST = (
    "import sys\n"
    "sys.modules['libcst'] = None  # as if the codemods extra were not installed\n"
    "from batchtyping_codemods.cli import main\n"
)


def _without_libcst(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _NO_LIBCST + code], capture_output=True, text=True,
                          cwd=cwd, check=False)


def test_a_codemod_without_libcst_is_one_line_and_exit_2(tmp_path: Path) -> None:
    proc = _without_libcst("sys.exit(main(['migrate', '.']))", tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "batchtyping migrate needs the codemods extra: pip install 'batchtyping[codemods]'\n"


def test_check_and_trace_start_without_libcst(tmp_path: Path) -> None:
    """``check`` needs only mypy and ``trace`` only the recorder: neither loads libcst."""
    code = (
        "from batchtyping_codemods import cli\n"
        "for name in ('check', 'trace'):\n"
        "    parser, loaded = cli.build_parser(name)\n"
        "    assert loaded.run and loaded.add_arguments, name\n"
        "print(sorted(m for m in sys.modules if m.startswith(('libcst', 'pathspec'))))\n"
    )
    proc = _without_libcst(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "['libcst']\n"  # only the blocked entry itself


def test_check_with_an_unreadable_config_is_an_error_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "pyproject.toml"
    bad.write_text("[tool.mypy\n")
    assert cli.main(["check", "--config-file", str(bad), str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(f"batchtyping check: {bad}: invalid TOML: ")
    assert cli.main(["check", "--config-file", str(tmp_path / "missing.toml")]) == 2
    assert capsys.readouterr().err == f"batchtyping check: {tmp_path / 'missing.toml'}: no such file\n"


def test_plugin_that_fails_to_import_is_reported_not_swallowed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from batchtyping_codemods.verify import checkers

    def broken(name: str) -> object:
        raise RuntimeError("plugin bug")

    monkeypatch.setattr(checkers.importlib, "import_module", broken)
    assert checkers._plugin_importable() is False
    assert capsys.readouterr().err == (
        "batchtyping: the mypy plugin batchtyping_mypy fails to import: RuntimeError: plugin bug\n"
    )

    def missing(name: str) -> object:
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(checkers.importlib, "import_module", missing)
    assert checkers._plugin_importable() is False
    assert capsys.readouterr().err == ""
    monkeypatch.undo()
    assert checkers._plugin_importable() is True


def test_version_is_the_distribution_version_and_loads_neither_jax_nor_libcst() -> None:
    from importlib.metadata import version

    out = subprocess.run(
        [sys.executable, "-c",
         "import sys; from batchtyping_codemods.cli import main\n"
         "try: main(['--version'])\nexcept SystemExit as e: assert e.code == 0\n"
         "print(sorted(m for m in ('jax', 'jaxtyping', 'libcst', 'mypy') if m in sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert out.splitlines() == [f"batchtyping {version('batchtyping')}", "[]"]


def test_lsp_is_a_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        cli.main(["lsp", "--help"])
    assert exit.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: batchtyping lsp [-h] [--stdio]")
