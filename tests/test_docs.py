"""The documentation site: it builds strictly; every public name has a reference page; the
reference examples, the guides' programs and the README example run and type-check (the
README's with exactly the plugin error it shows)."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from batchtyping.vocabulary import BY_NAME, PUBLIC_NAMES
from tests.checkers import BIN, REPO, run_mypy, run_pyright

EXAMPLES = REPO / "docs" / "reference" / "examples"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once with ``--strict`` (a warning fails the build)."""
    folder = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(folder)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return folder


def test_site_builds_strictly_with_a_reference_page_per_public_name(site: Path) -> None:
    problems = [problem for name in PUBLIC_NAMES for problem in _page_problems(site, name)]
    assert problems == []
    index = _text(site / "reference" / "index.html")
    assert [name for name in PUBLIC_NAMES if f'href="{name}/"' not in index] == []


# A table cell showing a backslash before a pipe; a paragraph ending in reST's ``::``.
ESCAPED_PIPE_CELL = re.compile(r"<td>((?:(?!</td>).)*\\\|.*?)</td>", re.S)
STRAY_DOUBLE_COLON = re.compile(r"<p>((?:(?!</p>).)*::)</p>", re.S)


def test_rendered_pages_show_no_markup_glitches(site: Path) -> None:
    """What a reader saw: ``X \\| Y`` in table cells (Python-Markdown keeps the backslash in a
    code span), a reST ``::`` ending a paragraph, code lines hidden past the column."""
    glitches = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        name = page.relative_to(site).as_posix()
        glitches += [f"{name}: {cell!r}" for cell in ESCAPED_PIPE_CELL.findall(raw)]
        glitches += [f"{name}: {p[-60:]!r}" for p in STRAY_DOUBLE_COLON.findall(raw)]
        if 'stylesheets/extra.css"' not in raw:
            glitches.append(f"{name}: no stylesheets/extra.css")
    assert glitches == []
    css = (REPO / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    # Long code lines wrap instead of scrolling out of sight.
    assert re.search(r"\.md-typeset pre > code \{\s*white-space: pre-wrap;", css)


def test_glitch_detector_sees_the_glitches() -> None:
    """The patterns above match the markup the glitches produced."""
    backslash = "<td>builtins from 3.9, <code>X \\| Y</code> from 3.10</td>"
    stray = "<p>bound to the\nname <code>\"In\"</code> (shared by every Fixed alias)::</p>"
    assert ESCAPED_PIPE_CELL.findall(backslash) == ["builtins from 3.9, <code>X \\| Y</code> from 3.10"]
    assert STRAY_DOUBLE_COLON.findall(stray) == [stray.removeprefix("<p>").removesuffix("</p>")]
    assert ESCAPED_PIPE_CELL.findall("<td><code>X | Y</code></td><td>a::b</td>") == []
    assert STRAY_DOUBLE_COLON.findall("<p>a::b</p><p>c:</p>") == []


def _text(page: Path) -> str:
    return html.unescape(page.read_text(encoding="utf-8"))


def _page_problems(site: Path, name: str) -> list[str]:
    page = site / "reference" / name / "index.html"
    if not page.is_file():
        return [f"{name}: no reference page"]
    text = _text(page)
    problems = [
        f"{name}: no {section!r} section"
        for section in ("Runtime definition", "Static meaning", "Example")
        if section not in text
    ]
    if "No example yet" in text:
        problems.append(f"{name}: write docs/reference/examples/{name}.py")
    if name in BY_NAME and BY_NAME[name].runtime not in text:
        problems.append(f"{name}: runtime definition missing")
    # The docstring comes from the .pyi stub, through mkdocstrings.
    if 'class="doc doc-contents first"' not in page.read_text(encoding="utf-8"):
        problems.append(f"{name}: no docstring rendered by mkdocstrings")
    return problems


def test_every_example_has_a_public_name() -> None:
    assert sorted(p.stem for p in EXAMPLES.glob("*.py")) == sorted(PUBLIC_NAMES)


def test_examples_run_under_check() -> None:
    script = (
        "import runpy, sys\n"
        "for path in sys.argv[1:]:\n"
        "    runpy.run_path(path, run_name='__main__')\n"
    )
    paths = sorted(map(str, EXAMPLES.glob("*.py")))
    proc = subprocess.run(
        [sys.executable, "-c", script, *paths], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    # check.py shows check rejecting a batch-size mismatch under jax.jit.
    assert proc.stdout.strip() == "TypeCheckError"


def test_examples_pass_mypy_strict_with_and_without_the_plugin() -> None:
    examples = sorted(EXAMPLES.glob("*.py"))
    result = run_mypy(examples, ["--strict"])
    assert result.returncode == 0, result.output
    config = _mypy_ini("docs-examples")
    result = run_mypy(examples, ["--strict"], config_file=config)
    assert result.returncode == 0, result.output


def _mypy_ini(name: str) -> Path:
    """A config file enabling the plugin, at a fixed path so mypy's cache stays warm."""
    folder = REPO / ".cache" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mypy.ini").write_text("[mypy]\nplugins = batchtyping_mypy\n", encoding="utf-8")
    return folder / "mypy.ini"


def test_examples_pass_pyright_strict(tmp_path: Path) -> None:
    config = {
        "typeCheckingMode": "strict",
        "pythonVersion": "3.11",
        # jax's own signatures contain Unknowns; these examples' types do not.
        "reportUnknownMemberType": False,
        "reportUnknownVariableType": False,
        "reportUnknownArgumentType": False,
        "reportUnknownLambdaType": False,
    }
    result = run_pyright(sorted(EXAMPLES.glob("*.py")), config, tmp_path)
    assert result.returncode == 0, result.output
    assert "0 errors" in result.output


def test_readme_example_runs_and_shows_the_documented_plugin_error() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = readme.split("```python\n", 1)[1].split("```", 1)[0]
    expected = readme.split("```text\n", 1)[1].split("```", 1)[0].strip()
    config = _mypy_ini("readme")
    (config.parent / "example.py").write_text(code, encoding="utf-8")
    result = run_mypy(["example.py"], ["--strict"], cwd=config.parent, config_file=config)
    assert result.output.splitlines()[0] == expected
    assert all("[batch-dim]" in line for line in result.output.splitlines())
    run = subprocess.run(
        [sys.executable, "-c", code + "\nprint(float(batch_loss(jax.numpy.ones((4, 2)), jax.numpy.zeros((4, 2)))))"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "8.0"  # the sum over all 4 examples: the bug, at run time


GUIDES = ["index.md", "getting-started.md", "pyright.md", "example.md", "enabling-checks.md",
          "codemods.md", "migrating.md", "configuration.md"]


def test_guide_programs_run_and_type_check() -> None:
    """Every ```python block of the guides is a whole program (fragments are fenced ```py)."""
    folder = _mypy_ini("guides").parent
    programs = []
    for guide in GUIDES:
        text = (REPO / "docs" / guide).read_text(encoding="utf-8")
        for index, block in enumerate(re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)):
            path = folder / f"{guide.removesuffix('.md').replace('-', '_')}_{index}.py"
            path.write_text(block, encoding="utf-8")
            programs.append(path)
    assert len(programs) >= 3
    result = run_mypy([p.name for p in programs], cwd=folder, config_file=folder / "mypy.ini")
    assert result.returncode == 0, result.output
    result = run_pyright([p.name for p in programs], {"pythonVersion": "3.11"}, folder)
    assert result.returncode == 0, result.output
    for program in programs:
        run = subprocess.run([sys.executable, str(program)], capture_output=True, text=True, check=False)
        assert run.returncode == 0, f"{program.name}: {run.stderr[-2000:]}"
