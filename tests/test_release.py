"""The release: the built sdist and wheel (metadata, contents, ``twine check``), the one
version source, and the docs' install and pre-commit snippets run against a tagged clone.

The build (~8 s) and the pre-commit run (two hook environments, ~45 s of CPU, 2-4 min on the
shared machine) happen once per run, shared by xdist workers through a file lock. pre-commit installs from a git revision, so the
pre-commit tests run the committed HEAD. tests/codemods/test_precommit.py runs the
manifest's hooks with their own dependencies through ``try-repo``.
"""

from __future__ import annotations

import email.parser
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
from filelock import FileLock

from benchmarks import hook_env_size
from tests.checkers import BIN, CACHE, REPO

VERSION = hook_env_size.version()
PACKAGES = {
    "batchtyping": REPO / "stubs" / "batchtyping",
    "batchtyping_mypy": REPO / "mypy_plugin" / "batchtyping_mypy",
    "batchtyping_codemods": REPO / "codemods" / "batchtyping_codemods",
}


@dataclass(frozen=True)
class Dist:
    wheel: Path
    sdist: Path


def _once(factory: pytest.TempPathFactory, worker_id: str, name: str, make: Callable[[Path], dict[str, Any]]) -> tuple[Path, dict[str, Any]]:
    """``make(folder)``'s result, computed by the first xdist worker that asks (the recipe
    of pytest-xdist's docs), kept as JSON beside the folder for the others."""
    base = factory.getbasetemp()
    root = base if worker_id == "master" else base.parent
    folder, done = root / name, root / f"{name}.json"
    with FileLock(str(root / f"{name}.lock")):
        if not done.is_file():
            folder.mkdir()
            done.write_text(json.dumps(make(folder)))
    return folder, json.loads(done.read_text())


def _build(out: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        capture_output=True, text=True, check=False,
    )
    return {"returncode": proc.returncode, "output": proc.stdout[-3000:] + proc.stderr[-3000:]}


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Dist:
    out, build = _once(tmp_path_factory, worker_id, "dist", _build)
    assert build["returncode"] == 0, build["output"]
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return Dist(wheel, sdist)


def _wheel_names(dist: Dist) -> set[str]:
    with zipfile.ZipFile(dist.wheel) as wheel:
        return set(wheel.namelist())


def _metadata(dist: Dist) -> email.message.Message:
    with zipfile.ZipFile(dist.wheel) as wheel:
        text = wheel.read(f"batchtyping-{VERSION}.dist-info/METADATA").decode()
    return email.parser.Parser().parsestr(text)


def test_build_names_the_version_and_twine_check_passes(dist: Dist) -> None:
    assert (dist.wheel.name, dist.sdist.name) == (
        f"batchtyping-{VERSION}-py3-none-any.whl", f"batchtyping-{VERSION}.tar.gz"
    )
    proc = subprocess.run(
        [str(BIN / "twine"), "check", "--strict", dist.wheel.name, dist.sdist.name],
        cwd=dist.wheel.parent, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    plain = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout)
    assert re.findall(r"Checking (\S+): (\w+)", plain) == [
        (dist.wheel.name, "PASSED"), (dist.sdist.name, "PASSED")
    ]


def test_wheel_holds_the_three_packages_their_stubs_and_the_licence(dist: Dist) -> None:
    names = _wheel_names(dist)
    for package, folder in PACKAGES.items():
        expected = {
            f"{package}/{path.relative_to(folder).as_posix()}"
            for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
        assert {n for n in names if n.startswith(package + "/")} == expected, package
    assert {"batchtyping/py.typed", "batchtyping/__init__.pyi", "batchtyping/_version.py",
            "batchtyping/__main__.py"} <= names
    info = f"batchtyping-{VERSION}.dist-info"
    assert {n for n in names if n.startswith(info)} == {
        f"{info}/{name}" for name in ("METADATA", "WHEEL", "RECORD", "entry_points.txt", "licenses/LICENSE")
    }
    with zipfile.ZipFile(dist.wheel) as wheel:
        assert wheel.read(f"{info}/licenses/LICENSE") == (REPO / "LICENSE").read_bytes()
        entry_points = wheel.read(f"{info}/entry_points.txt").decode()
    assert "[console_scripts]\nbatchtyping = batchtyping_codemods.cli:main\n" in entry_points


def test_wheel_metadata_licence_classifiers_and_no_hard_jax(dist: Dist) -> None:
    meta = _metadata(dist)
    assert (meta["Name"], meta["Version"], meta["Requires-Python"]) == ("batchtyping", VERSION, ">=3.11")
    assert (meta["License-Expression"], meta["License-File"]) == ("MIT", "LICENSE")
    assert "MIT License" in (REPO / "LICENSE").read_text().splitlines()[0]
    classifiers = meta.get_all("Classifier") or []
    assert {"Typing :: Typed", "Programming Language :: Python :: 3.11",
            "Programming Language :: Python :: 3 :: Only"} <= set(classifiers)
    assert not [c for c in classifiers if c.startswith(("Framework", "License ::"))]
    # No public home yet: no invented URLs.
    assert meta.get_all("Project-URL") is None
    requires = meta.get_all("Requires-Dist") or []
    assert sorted(r for r in requires if "extra ==" not in r) == [
        "beartype>=0.18", "jaxtyping>=0.2.36", "typing-extensions>=4.12"
    ]
    assert "jax>=0.4.30; extra == 'jax'" in requires
    assert "jax>=0.4.30; extra == 'dev'" in requires  # scripts/_venv.sh installs .[dev]
    assert {"jax", "mypy", "codemods", "dev"} <= set(meta.get_all("Provides-Extra") or [])
    assert meta["Description-Content-Type"] == "text/markdown"


def test_sdist_holds_the_sources_licence_and_changelog(dist: Dist) -> None:
    root = f"batchtyping-{VERSION}/"
    with tarfile.open(dist.sdist) as sdist:
        names = {n.removeprefix(root) for n in sdist.getnames()}
        licence = sdist.extractfile(root + "LICENSE")
        assert licence is not None and licence.read() == (REPO / "LICENSE").read_bytes()
    assert {"PKG-INFO", "pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md",
            ".pre-commit-hooks.yaml", "stubs/batchtyping/py.typed",
            "stubs/batchtyping/_version.py", "stubs/batchtyping/__init__.pyi",
            "mypy_plugin/batchtyping_mypy/__init__.py", "codemods/batchtyping_codemods/cli.py"} <= names
    assert not [n for n in names if n.split("/")[0] in {".venv", ".cache", "site", "dist", ".git"}]


def test_one_version_source_importable_without_jax() -> None:
    pyproject = (REPO / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject
    assert not re.search(r"^version\s*=", pyproject, re.M)
    assert 'path = "stubs/batchtyping/_version.py"' in pyproject
    script = (
        "import importlib.metadata, json, sys\n"
        "import batchtyping._version, batchtyping\n"
        "print(json.dumps([batchtyping._version.__version__, batchtyping.__version__,\n"
        "    importlib.metadata.version('batchtyping'),\n"
        "    sorted(m for m in sys.modules if m.split('.')[0] in {'jax', 'jaxlib', 'jaxtyping'})]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [VERSION, VERSION, VERSION, []]
    assert f"## {VERSION} " in (REPO / "CHANGELOG.md").read_text()


def test_python_m_batchtyping_is_the_command() -> None:
    run = subprocess.run([sys.executable, "-m", "batchtyping", "--help"],
                         capture_output=True, text=True, check=False)
    command = subprocess.run([str(BIN / "batchtyping"), "--help"],
                             capture_output=True, text=True, check=False)
    assert (run.returncode, run.stdout) == (0, command.stdout)
    assert run.stdout.startswith("usage: batchtyping ")


def test_install_snippet_names_the_wheels_extras(dist: Dist) -> None:
    page = (REPO / "docs" / "getting-started.md").read_text()
    block = page.split("```sh\n", 1)[1].split("```", 1)[0]
    specs = re.findall(r'^pip install "batchtyping\[([a-z,]+)\]"', block, re.M)
    assert specs == ["jax", "jax,mypy", "codemods"]
    extras = set(_metadata(dist).get_all("Provides-Extra") or [])
    assert {e for spec in specs for e in spec.split(",")} <= extras


def test_docs_rev_is_the_release_tag() -> None:
    page = (REPO / "docs" / "codemods.md").read_text()
    assert re.findall(r"^    rev: (\S+)$", page, re.M) == [f"v{VERSION}"]


# --- the docs' pre-commit configuration, against a tagged clone --------------------------

SAMPLE = '''from typing import Dict

import optax
from batchtyping import Params


def forward(params, data, training, state, rng):
    return data, state


def update(params: Params, counts: Dict[str, int]) -> None:
    pass


def make_optimizer() -> optax.GradientTransformation:
    return optax.adam(1e-3)


learning_rate: int = optax.adam(1e-3)
'''
AFTER_HOOKS = '''from typing import Any

import optax
from batchtyping import Data, Params, State, check


@check
def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    return data, state


@check
def update(params: Params, counts: dict[str, int]) -> None:
    pass


def make_optimizer() -> optax.GradientTransformation:
    return optax.adam(1e-3)


learning_rate: int = optax.adam(1e-3)
'''
# Not analysing jax keeps the check hook's mypy run short (the test's addition to the docs' toml).
SKIP_JAX = """
[[tool.mypy.overrides]]
module = ["jax.*", "jaxlib.*", "numpy.*", "jaxtyping.*", "scipy.*", "ml_dtypes.*"]
follow_imports = "skip"
"""


@dataclass(frozen=True)
class PreCommitRun:
    project: Path
    home: Path
    returncode: int
    output: str

    def env(self, *deps: str) -> hook_env_size.HookEnv:
        (env,) = [e for e in hook_env_size.hook_envs(self.home) if e.additional_dependencies == deps]
        return env


def _run_docs_config(root: Path) -> dict[str, Any]:
    clone = hook_env_size.tagged_clone(root / "batchtyping")
    project = root / "project"
    project.mkdir()
    hook_env_size._git("init", "--quiet", cwd=project)
    (project / ".pre-commit-config.yaml").write_text(hook_env_size.docs_config(clone))
    page = (REPO / "docs" / "codemods.md").read_text()
    toml = page.split("```toml\n", 1)[1].split("```", 1)[0]
    (project / "pyproject.toml").write_text(toml + SKIP_JAX)
    (project / "model.py").write_text(SAMPLE)
    hook_env_size._git("add", ".", cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(root / "home"),
           "MYPY_CACHE_DIR": str(CACHE / "mypy" / "release-precommit")}
    proc = subprocess.run([str(BIN / "pre-commit"), "run", "--all-files"], cwd=project, env=env,
                          capture_output=True, text=True, check=False)
    return {"returncode": proc.returncode, "output": proc.stdout + proc.stderr}


@pytest.fixture(scope="session")
def precommit_run(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> PreCommitRun:
    root, run = _once(tmp_path_factory, worker_id, "precommit", _run_docs_config)
    return PreCommitRun(root / "project", root / "home", run["returncode"], run["output"])


def test_docs_precommit_config_runs_verbatim_against_a_tagged_clone(precommit_run: PreCommitRun) -> None:
    out = precommit_run.output
    status = dict(re.findall(r"^(batchtyping [a-z-]+)\.+(\w+)$", out, re.M))
    assert status == {
        "batchtyping annotate": "Failed",    # files were modified
        "batchtyping migrate": "Failed",
        "batchtyping add-checks": "Failed",
        "batchtyping check": "Failed",       # the one type error, from optax's own types
    }, out
    assert precommit_run.returncode == 1
    assert (precommit_run.project / "model.py").read_text() == AFTER_HOOKS
    check = out.split("batchtyping check.", 1)[1]
    assert re.findall(r"^model\.py:.*$", check, re.M) == [
        'model.py:21: error: Incompatible types in assignment (expression has type '
        '"GradientTransformationExtraArgs", variable has type "int")  [assignment]'
    ], out


def test_slim_hook_environment_holds_neither_jax_nor_mypy(precommit_run: PreCommitRun) -> None:
    env = precommit_run.env(".[codemods]")
    assert sorted(set(env.distributions) - {"pip", "setuptools", "wheel"}) == [
        "batchtyping", "beartype", "jaxtyping", "libcst", "pathspec", "pyyaml",
        "typing-extensions", "wadler-lindig",
    ]


def test_slim_environment_runs_the_command_and_reads_the_version_without_jax(
    precommit_run: PreCommitRun, tmp_path: Path,
) -> None:
    python = precommit_run.env(".[codemods]").path / "bin" / "python"
    (tmp_path / "m.py").write_text("from typing import Dict\n\nx: Dict[str, int] = {}\n")
    run = subprocess.run([str(python), "-m", "batchtyping", "migrate", "--diff", "m.py"],
                         cwd=tmp_path, capture_output=True, text=True, check=False)
    assert "-x: Dict[str, int] = {}\n+x: dict[str, int] = {}\n" in run.stdout, run.stderr
    assert "typing.Dict -> dict: 1" in run.stderr
    assert (tmp_path / "m.py").read_text() == "from typing import Dict\n\nx: Dict[str, int] = {}\n"
    script = (
        "import batchtyping\nprint(batchtyping.__version__)\n"
        "try:\n    batchtyping.Params\nexcept ModuleNotFoundError as error:\n    print(error)\n"
    )
    run = subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=False)
    assert run.stdout.splitlines() == [
        VERSION, "batchtyping.Params needs jax: pip install jax (or 'batchtyping[jax]')"
    ], run.stderr


def test_check_environment_holds_the_listed_imports(precommit_run: PreCommitRun) -> None:
    env = precommit_run.env(".[codemods,mypy]", "jax", "optax")
    assert {"batchtyping", "libcst", "mypy", "jax", "jaxlib", "optax"} <= set(env.distributions)
