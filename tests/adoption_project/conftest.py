"""The corpora under this folder are projects of their own, with their own tests.

The repository's suite does not collect them (one corpus has a deliberately broken file, and
their test modules share names); ``tests/test_adoption_corpora.py`` runs each corpus's tests
in a subprocess with the corpus as pytest's rootdir, and ``benchmarks/adoption.py`` runs them
on a copy.
"""

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # Ignored when the repository's suite (rootdir above this folder) walks into it.
    above = config.rootpath != HERE and HERE.is_relative_to(config.rootpath)
    return True if above else None
