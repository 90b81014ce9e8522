"""The judges: the runtime (eager and under ``jax.jit``) and each static checker.

Every static judge runs ONCE over the whole corpus: each case is written as its own module
into one temporary folder, and each diagnostic is mapped back to its case by module name.
A diagnostic outside the case's own lines (in the shared preamble) is a corpus error.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import types
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tests.checkers import BIN, Result, _run, run_mypy, run_pyright
from tests.conformance.corpus import Case

HERE = Path(__file__).resolve().parent
MYPY_FLAGS = ["--strict", "--python-version", "3.11"]
MYPY_PLUGIN_CONFIG = HERE / "mypy-plugin.ini"
PYRIGHT_CONFIG = {"typeCheckingMode": "standard", "pythonVersion": "3.11"}


@dataclass
class Verdict:
    rejected: bool
    messages: list[str] = field(default_factory=list)
    crashed: bool = False
    """The case raised something other than a TypeError: a bug in the case, never a verdict."""


Verdicts = dict[str, Verdict]
"""Case id -> what one judge said about it."""


# --- runtime ------------------------------------------------------------------------------


def _execute(case: Case) -> None:
    module = types.ModuleType(case.module)
    module.__file__ = str(case.path)
    sys.modules[case.module] = module
    try:
        exec(compile(case.source, str(case.path), "exec"), module.__dict__)
    finally:
        del sys.modules[case.module]


def _runtime(case: Case, mode: str) -> Verdict:
    import jax
    import jaxtyping

    def traced() -> None:
        _execute(case)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. JAX's "generator is treated as a leaf"
            if mode == "eager":
                _execute(case)
            else:
                jax.jit(traced)()
    except jaxtyping.TypeCheckError as error:
        return Verdict(True, [str(error).splitlines()[0]])
    except TypeError as error:  # e.g. a forward pass called with the wrong arity
        return Verdict(True, [f"TypeError: {error}"])
    except Exception as error:  # noqa: BLE001 - reported as a broken case
        return Verdict(True, [f"case crashed: {type(error).__name__}: {error}"], crashed=True)
    return Verdict(False)


def runtime(cases: Iterable[Case]) -> dict[str, Verdicts]:
    """Run every case in-process with ``batchtyping.check``, eagerly and traced by ``jax.jit``.

    A case is rejected when it raises a ``TypeError``: jaxtyping's ``TypeCheckError`` from
    ``check``, or Python's own (a forward pass called with the wrong arity).
    """
    cases = list(cases)
    return {mode: {case.id: _runtime(case, mode) for case in cases} for mode in ("eager", "jit")}


# --- static -------------------------------------------------------------------------------


def _write(cases: list[Case], folder: Path) -> dict[str, Case]:
    for case in cases:
        (folder / f"{case.module}.py").write_text(case.source)
    return {case.module: case for case in cases}


def _collect(
    cases: list[Case], diagnostics: Iterable[tuple[str, int, str]], result: Result
) -> Verdicts:
    """Map (module, line, message) diagnostics to cases; complain about strays."""
    by_module = {case.module: case for case in cases}
    verdicts = {case.id: Verdict(False) for case in cases}
    strays: list[str] = []
    for module, line, message in diagnostics:
        case = by_module.get(module)
        if case is None or not case.first <= line <= case.last:
            strays.append(f"{module}:{line}: {message}")
            continue
        verdicts[case.id].rejected = True
        verdicts[case.id].messages.append(f"line {line}: {message}")
    if strays:
        raise AssertionError(
            "diagnostics outside any case's lines (fix the case file's preamble):\n"
            + "\n".join(strays)
            + f"\n--- full output ---\n{result.output}"
        )
    return verdicts


def _with_folder(run: Callable[[list[Case], Path], Verdicts], cases: Iterable[Case]) -> Verdicts:
    cases = list(cases)
    with tempfile.TemporaryDirectory(prefix="conformance-") as tmp:
        folder = Path(tmp)
        _write(cases, folder)
        return run(cases, folder)


_MYPY_LINE = re.compile(r"^(?P<path>[^:\n]+\.py):(?P<line>\d+): error: (?P<message>.*)$", re.M)


def _mypy(cases: list[Case], folder: Path, config: Path | None) -> Verdicts:
    files = sorted(folder.glob("*.py"))
    result = run_mypy(files, MYPY_FLAGS, config_file=config)
    if result.returncode not in (0, 1) or "INTERNAL ERROR" in result.output:
        raise AssertionError(f"mypy crashed:\n{result.output}")
    found = [
        (Path(m["path"]).stem, int(m["line"]), m["message"]) for m in _MYPY_LINE.finditer(result.output)
    ]
    return _collect(cases, found, result)


def mypy(cases: Iterable[Case]) -> Verdicts:
    return _with_folder(lambda c, f: _mypy(c, f, None), cases)


def mypy_plugin(cases: Iterable[Case]) -> Verdicts:
    return _with_folder(lambda c, f: _mypy(c, f, MYPY_PLUGIN_CONFIG), cases)


_PYRIGHT_LINE = re.compile(
    r"^\s+(?P<path>\S+\.py):(?P<line>\d+):\d+ - error: (?P<message>.*)$", re.M
)


def _pyright(binary: str, cases: list[Case], folder: Path) -> Verdicts:
    if binary == "pyright":
        result = run_pyright(["."], PYRIGHT_CONFIG, cwd=folder)
    else:
        (folder / "pyrightconfig.json").write_text(json.dumps(PYRIGHT_CONFIG))
        result = _run([str(BIN / binary), "--pythonpath", str(BIN / "python"), "."], cwd=folder)
    if result.returncode not in (0, 1):
        raise AssertionError(f"{binary} failed:\n{result.output}")
    found = [
        (Path(m["path"]).stem, int(m["line"]), m["message"])
        for m in _PYRIGHT_LINE.finditer(result.output)
    ]
    return _collect(cases, found, result)


def pyright(cases: Iterable[Case]) -> Verdicts:
    return _with_folder(lambda c, f: _pyright("pyright", c, f), cases)


def basedpyright(cases: Iterable[Case]) -> Verdicts:
    return _with_folder(lambda c, f: _pyright("basedpyright", c, f), cases)


def _pyrefly(cases: list[Case], folder: Path) -> Verdicts:
    report = folder / "pyrefly.json"
    cmd = [
        str(BIN / "pyrefly"), "check", "--preset", "default",
        "--python-interpreter-path", str(BIN / "python"),
        "--summary=none", "-o", f"json:{report}", *sorted(map(str, folder.glob("*.py"))),
    ]
    result = _run(cmd, cwd=folder)
    if result.returncode not in (0, 1) or not report.exists():
        raise AssertionError(f"pyrefly failed:\n{result.output}")
    found = [
        (Path(e["path"]).stem, int(e["line"]), f"{e['description']} [{e['name']}]")
        for e in json.loads(report.read_text())["errors"]
        if e.get("severity", "error") == "error"
    ]
    return _collect(cases, found, result)


def pyrefly(cases: Iterable[Case]) -> Verdicts:
    return _with_folder(_pyrefly, cases)


_TY_LINE = re.compile(
    r"^(?P<path>\S+\.py):(?P<line>\d+):\d+: error\[(?P<code>[\w-]+)\] (?P<message>.*)$", re.M
)


def _ty(cases: list[Case], folder: Path) -> Verdicts:
    cmd = [
        str(BIN / "ty"), "check", "--python", str(BIN.parent), "--output-format", "concise",
        "--no-progress", str(folder),
    ]
    result = _run(cmd, cwd=folder)
    if result.returncode not in (0, 1):
        raise AssertionError(f"ty failed:\n{result.output}")
    found = [
        (Path(m["path"]).stem, int(m["line"]), f"{m['message']} [{m['code']}]")
        for m in _TY_LINE.finditer(result.output)
    ]
    return _collect(cases, found, result)


def ty(cases: Iterable[Case]) -> Verdicts:
    return _with_folder(_ty, cases)


STATIC: dict[str, Callable[[Iterable[Case]], Verdicts]] = {
    "mypy": mypy,
    "mypy+plugin": mypy_plugin,
    "pyright": pyright,
    "basedpyright": basedpyright,
    "pyrefly": pyrefly,
    "ty": ty,
}
