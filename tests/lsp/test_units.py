"""The server's pure parts: mypy's lines as findings, and the project mirror."""

from __future__ import annotations

import os
from pathlib import Path

from batchtyping_codemods.lsp import locate
from batchtyping_codemods.lsp.findings import Finding, parse, to_diagnostic
from batchtyping_codemods.lsp.mirror import Mirror
from batchtyping_codemods.lsp.project import open_project

OUTPUT = """\
/p/a.py:3:5:3:9: error: Argument "x" to "f" is batched ("RealDataFixed") where batchless data ("BatchlessRealDataFixed") is expected  [batch-dim]
/p/a.py:3:5:3:9: note: Use jax.vmap(f)
/p/a.py:4:1:4:12: error: Incompatible return value type (got "str", expected "int")  [return-value]
/p/a.py:4:1:4:12: note: a note of a code the server leaves alone
/p/b.py:1:1:-1:-1: error: "g" is not a ModuleCallable: it takes 4 positional parameters  [batch-module]
"""


def test_only_batch_codes_with_their_notes() -> None:
    assert parse(OUTPUT) == [
        Finding("/p/a.py", 3, 5, 3, 9,
                'Argument "x" to "f" is batched ("RealDataFixed") where batchless data '
                '("BatchlessRealDataFixed") is expected\nUse jax.vmap(f)', "batch-dim"),
        Finding("/p/b.py", 1, 1, 1, 0,
                '"g" is not a ModuleCallable: it takes 4 positional parameters', "batch-module"),
    ]


def test_an_empty_range_covers_the_token() -> None:
    finding = parse(OUTPUT)[1]
    diagnostic = to_diagnostic(finding, ["gamma = 1"])
    assert (diagnostic.range.start.character, diagnostic.range.end.character) == (0, 5)
    assert (diagnostic.code, diagnostic.source) == ("batch-module", "batchtyping")


def test_the_mirror_links_saved_files_and_holds_unsaved_text(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    (root / "pkg").mkdir(parents=True)
    (root / ".venv").mkdir()
    (root / ".venv" / "x.py").write_text("")
    (root / "pyproject.toml").write_text("[tool.mypy]\n")
    (root / "pkg" / "a.py").write_text("a = 1\n")
    (root / "pkg" / "b.py").write_text("b = 1\n")
    mirror = Mirror(root, tmp_path / "mirror")
    mirror.sync({})
    linked = sorted(str(p.relative_to(mirror.folder)) for p in mirror.folder.rglob("*") if p.is_symlink())
    assert linked == ["pkg/a.py", "pkg/b.py", "pyproject.toml"]
    a = Path(mirror.to_mirror(str(root / "pkg" / "a.py")))
    assert mirror.to_real(str(a)) == str(root / "pkg" / "a.py")

    mirror.sync({str(root / "pkg" / "a.py"): "a = 2\n"})
    assert not a.is_symlink() and a.read_text() == "a = 2\n"
    (root / "pkg" / "b.py").unlink()
    (root / "pkg" / "c.py").write_text("")
    mirror.sync({})
    assert a.is_symlink() and os.readlink(a) == str(root / "pkg" / "a.py")
    assert sorted(p.name for p in (mirror.folder / "pkg").iterdir()) == ["a.py", "c.py"]


def test_a_non_ascii_line_gets_the_expression_s_true_range() -> None:
    """mypy 2.4 reports ``f(σ)`` after ``"é"`` one column left per extra UTF-8 byte."""
    source = 'x = "é😀"; f(σ + 1)\n'
    tree = locate.parse(source)
    assert tree is not None
    lines = source.splitlines()
    # "σ + 1" is at code points 12-17, UTF-8 bytes 16-22, UTF-16 units 13-18 (😀 is two);
    # mypy prints a 1-based start and an exclusive 0-based end.
    for column, end in [(13, 17), (17, 22), (9, 12)]:  # code points, bytes, mypy 2.4's drift
        finding = Finding("/p/a.py", 1, column, 1, end, "m", "batch-dim")
        rng = to_diagnostic(finding, lines, tree).range
        assert (rng.start.character, rng.end.character) == (13, 18), (column, end)


def test_only_mypy_s_tables_decide_a_restart(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nversion = "1"\n\n[tool.mypy]\nstrict = true\n')
    project = open_project(tmp_path, tmp_path / "state")
    first = project.config_fingerprint()
    pyproject.write_text('[project]\nversion = "2"\n\n[tool.mypy]\nstrict = true\n')
    assert project.config_fingerprint() == first
    pyproject.write_text(pyproject.read_text() + '[tool.batchtyping.mypy]\ndisable_codes = ["batch-dim"]\n')
    assert project.config_fingerprint() != first
    second = project.config_fingerprint()
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = x\n")
    assert project.config_fingerprint() == second
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = x\n[mypy]\nstrict = True\n")
    assert project.config_fingerprint() != second
    pyproject.write_text("[tool.mypy\n")  # broken: its bytes count
    assert project.config_fingerprint() != second
