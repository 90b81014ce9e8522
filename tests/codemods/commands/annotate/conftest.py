import pytest

from tests.checkers import CACHE


@pytest.fixture(autouse=True)
def shared_mypy_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Verification runs mypy from each temporary project: share one warm cache."""
    monkeypatch.setenv("MYPY_CACHE_DIR", str(CACHE / "mypy" / "annotate-verify"))
