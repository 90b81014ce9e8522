"""Discovery honours ``.git/info/exclude`` like ``.gitignore``, also from a linked worktree
(whose ``.git`` is a file): the files a run sees are the ones git itself does not ignore."""

from __future__ import annotations

import subprocess
from pathlib import Path

from batchtyping_codemods import framework

FILES = ["a.py", "scratch/s.py", "notes_local.py", "pkg/b.py", "pkg/c_local.py"]


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=cwd,
                          capture_output=True, text=True, check=True).stdout


def _tree(root: Path) -> None:
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x = 1\n")


def _found(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in framework.discover([root], framework.load_config(root))]


def _git_sees(root: Path) -> list[str]:
    return sorted(_git(root, "ls-files", "--others", "--exclude-standard").split())


def test_info_exclude_is_honoured_like_gitignore(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _tree(tmp_path)
    assert _found(tmp_path) == sorted(FILES)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("# local\nscratch/\n*_local.py\n")
    assert _found(tmp_path) == ["a.py", "pkg/b.py"]
    assert _git_sees(tmp_path) == ["a.py", "pkg/b.py"]
    assert _found(tmp_path / "pkg") == ["b.py"]  # from a sub-folder too


def test_info_exclude_of_the_main_repository_applies_in_a_worktree(tmp_path: Path) -> None:
    main, linked = tmp_path / "main", tmp_path / "linked"
    main.mkdir()
    _git(main, "init", "-q")
    _git(main, "commit", "-q", "--allow-empty", "-m", "init")
    _git(main, "worktree", "add", "-q", str(linked))
    assert (linked / ".git").is_file()
    (main / ".git" / "info").mkdir(exist_ok=True)
    (main / ".git" / "info" / "exclude").write_text("*_local.py\n")
    _tree(linked)
    assert _found(linked) == ["a.py", "pkg/b.py", "scratch/s.py"]
    assert _git_sees(linked) == ["a.py", "pkg/b.py", "scratch/s.py"]
