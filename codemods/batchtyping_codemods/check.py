"""Run mypy with the batchtyping plugin on the given paths; the exit code is mypy's.

Your mypy configuration is honoured: the first of mypy.ini, .mypy.ini, pyproject.toml
([tool.mypy]) and setup.cfg ([mypy]) in the current folder or above it (up to the repository
root), or ``--config-file``. mypy loads plugins only from a configuration file, so when that
file does not list ``batchtyping_mypy`` a temporary copy that does is written (same format,
``$MYPY_CONFIG_FILE_DIR`` and relative plugin paths pointing at the original folder) and
passed to mypy (multi-line values kept). mypy runs with an isolated ``sys.path`` (a project
file named ``mypy.py`` or ``re.py`` is never run); it loads the plugins your configuration
names, or with ``--no-project-plugins`` only batchtyping's (see
:mod:`batchtyping_codemods.verify.isolation`). With no paths and no ``files`` in the configuration there is nothing to
check: exit 0.
"""

from __future__ import annotations

import argparse
import configparser
import importlib.util
import json
import os
import shlex
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from batchtyping_codemods import errors
from batchtyping_codemods.errors import UsageError
from batchtyping_codemods.framework import report
from batchtyping_codemods.verify import mypy_output
from batchtyping_codemods.verify import isolation
from batchtyping_codemods.verify.checkers import PLUGIN

INI_NAMES = ("mypy.ini", ".mypy.ini")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders for mypy")
    parser.add_argument("--config-file", type=Path, metavar="FILE",
                        help="mypy configuration to use (default: mypy's own search)")
    parser.add_argument("--mypy-args", default="", metavar="ARGS",
                        help='more mypy options, one string: --mypy-args "--strict --cache-dir .c"')
    parser.add_argument("--no-project-plugins", action="store_true",
                        help="load no mypy plugin but batchtyping's, whatever the config names")
    report.add_arguments(parser)


def find_config(start: Path) -> Path | None:
    """The mypy configuration mypy itself would pick, searching ``start`` and its parents."""
    for folder in [start, *start.parents]:
        for name in INI_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "mypy" in _toml(pyproject).get("tool", {}):
            return pyproject
        setup = folder / "setup.cfg"
        if setup.is_file() and _ini(setup).has_section("mypy"):
            return setup
        if (folder / ".git").exists() or (folder / ".hg").exists():
            break
    return None


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: invalid TOML: {error}") from None


def _ini(path: Path) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error as error:
        raise UsageError(f"{path}: {error}") from None
    return parser


def _split(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value]
    return [p.strip() for p in str(value).split(",") if p.strip()]


def _plugins(plugins: list[str], folder: Path) -> list[str]:
    """The plugin list with ours added and relative plugin paths made absolute."""
    plugins = isolation.kept_plugins(plugins)
    fixed = [str(folder / p) if p.endswith(".py") and not Path(p).is_absolute() else p for p in plugins]
    return fixed if PLUGIN in fixed else [*fixed, PLUGIN]


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value))


def _enabled(plugins: list[str]) -> bool:
    """Whether ``plugins`` can be used as they are (ours in, nothing to drop)."""
    return PLUGIN in plugins and isolation.kept_plugins(plugins) == plugins


def _ini_value(value: str) -> str:
    """A value as an INI file spells it: continuation lines indented."""
    return "\n".join(line if i == 0 else f"    {line}" for i, line in enumerate(value.split("\n")))


def merged_config(config: Path | None, out: Path) -> Path | None:
    """A config like ``config`` with the plugin enabled, written into the folder ``out``;
    None when ``config`` already enables it."""
    here = str(config.parent.resolve()) if config else str(Path.cwd())
    if config is not None and config.suffix == ".toml":
        mypy = dict(_toml(config).get("tool", {}).get("mypy", {}))
        if _enabled(_split(mypy.get("plugins", []))):
            return None
        mypy["plugins"] = _plugins(_split(mypy.get("plugins", [])), config.parent.resolve())
        overrides = mypy.pop("overrides", [])
        lines = ["[tool.mypy]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in mypy.items()]
        for override in overrides:
            lines += ["", "[[tool.mypy.overrides]]"]
            lines += [f"{key} = {_toml_value(value)}" for key, value in override.items()]
        settings = _toml(config).get("tool", {}).get("batchtyping", {}).get("mypy")
        if isinstance(settings, dict):  # the plugin's own settings
            lines += ["", "[tool.batchtyping.mypy]"]
            lines += [f"{key} = {_toml_value(value)}" for key, value in settings.items()]
        text = "\n".join(lines) + "\n"
        target = out / "pyproject.toml"
    else:
        parser = _ini(config) if config is not None else configparser.RawConfigParser()
        if not parser.has_section("mypy"):
            parser.add_section("mypy")
        plugins = _split(parser.get("mypy", "plugins", fallback=""))
        if _enabled(plugins):
            return None
        folder = config.parent.resolve() if config else Path.cwd()
        parser.set("mypy", "plugins", ", ".join(_plugins(plugins, folder)))
        neighbour = folder / "pyproject.toml"
        if not parser.has_section("batchtyping-mypy") and neighbour.is_file():
            # The plugin reads the pyproject.toml next to an ini without its section.
            try:  # a bad file is the plugin's to report (it falls back on its defaults)
                settings = tomllib.loads(neighbour.read_text(encoding="utf-8")).get("tool", {})
                settings = settings.get("batchtyping", {}).get("mypy")
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError):
                settings = None
            if isinstance(settings, dict):
                parser.add_section("batchtyping-mypy")
                for key, value in settings.items():
                    parser.set("batchtyping-mypy", key, ", ".join(_split(value)))
        keep = [s for s in parser.sections() if s in ("mypy", "batchtyping-mypy") or s.startswith("mypy-")]
        lines = []
        for section in keep:
            lines.append(f"[{section}]")
            lines += [f"{k} = {_ini_value(v)}" for k, v in parser.items(section)]
            lines.append("")
        text = "\n".join(lines)
        target = out / "mypy.ini"
    target.write_text(text.replace("$MYPY_CONFIG_FILE_DIR", here), encoding="utf-8")
    return target


def run(args: argparse.Namespace) -> int:
    if getattr(args, "no_project_plugins", False):  # check runs once per process (the cli)
        os.environ[isolation.NO_PROJECT_PLUGINS] = "1"
    config = args.config_file or find_config(Path.cwd().resolve())
    if args.config_file is not None and not args.config_file.is_file():
        raise UsageError(f"{args.config_file}: no such file")
    extra = shlex.split(args.mypy_args)
    if not args.paths and not _has_files(config) and not any(a in extra for a in ("-p", "-m", "-c")):
        print("batchtyping check: nothing to check (no paths, no `files` in the mypy config)",
              file=sys.stderr)
        return errors.OK
    with tempfile.TemporaryDirectory(prefix="batchtyping-check-") as tmp:
        merged = merged_config(config, Path(tmp))
        use = merged or config
        cmd = ["-m", "mypy", *extra, *(["--config-file", str(use)] if use else []), *args.paths]
        return _mypy(cmd, getattr(args, "format", "full"), getattr(args, "quiet", False))


def _has_files(config: Path | None) -> bool:
    if config is None:
        return False
    if config.suffix == ".toml":
        return bool(_toml(config).get("tool", {}).get("mypy", {}).get("files"))
    return bool(_ini(config).get("mypy", "files", fallback=""))


def _mypy(cmd: list[str], form: str, quiet: bool) -> int:
    """Run mypy; its output as is (``full``), else as findings in ``form``. mypy's exit
    code, except that a crash or a configuration error (2) prints mypy's other lines."""
    if importlib.util.find_spec("mypy") is None:
        print("batchtyping check needs mypy: pip install 'batchtyping[mypy]'", file=sys.stderr)
        return errors.ERROR
    if form == "full":
        return isolation.run([*cmd, *(["--no-error-summary"] if quiet else [])], capture=False).returncode
    done = isolation.run([*cmd, *mypy_output.LINE_FLAGS, "--no-error-summary"])
    code = done.returncode if done.returncode in (errors.OK, errors.FINDINGS) else errors.ERROR
    report.report_check(mypy_output.parse(done.stdout), code, form, quiet, sys.stdout)
    if code == errors.ERROR:
        other = [line for line in done.stdout.splitlines() if not mypy_output.matches(line)]
        sys.stderr.write("".join(f"{line}\n" for line in other) + done.stderr)
    return code
