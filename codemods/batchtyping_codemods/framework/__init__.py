"""The codemod framework: what every command shares (see docs/architecture.md).

The public names below are re-exported lazily (PEP 562), so importing one libcst-free module
(``framework.config``) does not load libcst.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Command": "command", "record": "command", "SKIP_FILE": "command", "SKIP_LINE": "command",
    "Config": "config", "load_config": "config",
    "discover": "discovery", "module_name": "discovery",
    "Event": "events", "summarize": "events",
    "read_source": "files", "write_atomic": "files", "unified_diff": "files",
    "FileResult": "results", "RunOptions": "results", "Status": "results",
    "transform": "runner", "process_file": "runner", "process_all": "runner", "run": "runner",
    "run_command": "testing",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
