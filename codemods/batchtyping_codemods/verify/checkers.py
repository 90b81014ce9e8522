"""The type checkers ``annotate`` verifies with, run on annotated text without writing it.

``Mypy`` runs the project's own configuration from the project root (so its
``.mypy_cache`` is shared; ``MYPY_CACHE_DIR`` or the config's ``cache_dir`` win), with the
batchtyping plugin added when it imports (mypy loads plugins only from a config, so this
module is also a tiny mypy front end: ``python -m batchtyping_codemods.verify.checkers``),
and reads annotated text through ``--shadow-file``. ``Pyright`` (when installed) has no
shadow files: it runs on a scratch copy of the project's Python files and config.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from batchtyping_codemods.verify import isolation

PLUGIN = "batchtyping_mypy"
IGNORED_CODES = frozenset({"no-untyped-def"})
"""Reports of missing annotations: annotating only shrinks them, though it may reword them."""
_MYPY_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?:\d+:)? (?P<severity>error): (?P<message>.*?)"
    r"(?:  \[(?P<code>[\w-]+)\])?$"
)
_CONFIGS = ("pyproject.toml", "pyrightconfig.json", "mypy.ini", ".mypy.ini", "setup.cfg")


@dataclass(frozen=True)
class Diagnostic:
    checker: str
    path: Path
    line: int
    message: str
    code: str

    @property
    def identity(self) -> tuple[str, Path, str, str]:
        """What runs are compared on: added imports and annotations move lines."""
        return (self.checker, self.path, self.code, self.message)

    def __str__(self) -> str:
        return f"{self.checker}: {self.message}  [{self.code}]"


class CheckerFailed(Exception):
    """A checker stopped before checking (a blocking error): verification cannot judge."""


class Mypy:
    name = "mypy"

    def __init__(self, root: Path, paths: Sequence[Path]) -> None:
        self.root, self.paths = root, paths

    def run(self, texts: Mapping[Path, str] = {}) -> list[Diagnostic]:
        """Errors on ``paths``, reading ``texts[path]`` instead of ``path``."""
        with tempfile.TemporaryDirectory(prefix="batchtyping-verify-") as tmp:
            args = ["--show-absolute-path", "--no-pretty", "--hide-error-context",
                    "--show-error-codes", "--no-error-summary", "--no-color-output"]
            for index, (path, text) in enumerate(sorted(texts.items())):
                shadow = Path(tmp) / f"{index}_{path.name}"
                shadow.write_bytes(isolation.source_bytes(text))
                args += ["--shadow-file", str(path), str(shadow)]
            proc = isolation.run(["-m", __name__, *args, *map(str, self.paths)], cwd=self.root)
        if (crash := isolation.crashed(proc)) is not None:
            raise CheckerFailed(crash)
        found = []
        for line in proc.stdout.splitlines():
            match = _MYPY_LINE.match(line)
            if match and (match["code"] or "misc") not in IGNORED_CODES:
                found.append(Diagnostic("mypy", Path(match["path"]).resolve(), int(match["line"]),
                                        match["message"], match["code"] or "misc"))
        return found


class Pyright:
    name = "pyright"

    def __init__(self, root: Path, paths: Sequence[Path], project: Sequence[Path]) -> None:
        self.root, self.paths, self.project = root, paths, project

    @staticmethod
    def executable() -> str | None:
        beside = Path(sys.executable).parent / "pyright"
        return str(beside) if beside.exists() else shutil.which("pyright")

    def run(self, texts: Mapping[Path, str] = {}) -> list[Diagnostic]:
        """Errors on ``paths`` in a copy of the project where ``texts`` replace their files."""
        executable = self.executable()
        assert executable is not None
        with tempfile.TemporaryDirectory(prefix="batchtyping-verify-") as tmp:
            copy = Path(tmp)
            for path in [*self.project, *(self.root / name for name in _CONFIGS)]:
                if path.is_file() and path.is_relative_to(self.root):
                    target = copy / path.relative_to(self.root)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    if path in texts:
                        target.write_text(texts[path], encoding="utf-8")
                    else:
                        shutil.copyfile(path, target)
            targets = [str(copy / p.relative_to(self.root)) for p in self.paths if p.is_relative_to(self.root)]
            proc = subprocess.run(
                [executable, "--outputjson", "--pythonpath", sys.executable, *targets],
                cwd=copy, capture_output=True, text=True, check=False,
            )
            try:
                report = json.loads(proc.stdout)
            except json.JSONDecodeError:
                raise CheckerFailed(f"pyright: {(proc.stdout + proc.stderr).strip()[-500:]}") from None
            found = []
            for item in report.get("generalDiagnostics", []):
                if item.get("severity") != "error":
                    continue
                file = Path(item["file"]).resolve()
                original = self.root / file.relative_to(copy.resolve()) if file.is_relative_to(copy.resolve()) else file
                found.append(Diagnostic("pyright", original.resolve(), item["range"]["start"]["line"] + 1,
                                        item["message"], item.get("rule", "error")))
            return found


def _plugin_importable() -> bool:
    """Whether the batchtyping plugin imports. Not installed (an ImportError) is a plain no;
    any other failure is reported on stderr, so a run never goes without it silently."""
    try:
        module = importlib.import_module(PLUGIN)
    except ImportError:
        return False
    except Exception as error:  # noqa: BLE001 (reported, not swallowed)
        print(f"batchtyping: the mypy plugin {PLUGIN} fails to import: {type(error).__name__}: {error}",
              file=sys.stderr)
        return False
    return hasattr(module, "plugin")


def _mypy_main(argv: list[str]) -> int:
    """mypy with the user's configuration and the batchtyping plugin added when it imports.

    Exit codes: 0 clean, 1 errors reported, 2 mypy could not check (its message on stderr)."""
    try:
        from mypy import build
        from mypy.errors import CompileError
        from mypy.main import process_options
    except ImportError:
        print("mypy is not installed (pip install 'batchtyping[mypy]')", file=sys.stderr)
        return 2
    sources, options = process_options(argv)
    options.plugins = isolation.kept_plugins(options.plugins)
    if PLUGIN not in options.plugins and _plugin_importable():
        options.plugins = [*options.plugins, PLUGIN]
    try:
        messages = build.build(sources, options).errors
    except CompileError as error:
        print("\n".join(error.messages), file=sys.stderr)
        return 2
    print("\n".join(messages))
    return 1 if messages else 0


if __name__ == "__main__":
    try:
        sys.exit(_mypy_main(sys.argv[1:]))
    except Exception as error:  # a crash must not read as "errors found" (exit code 1)
        print(f"mypy crashed: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(3)
