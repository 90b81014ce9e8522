"""The batchtyping mypy plugin (enable with ``plugins = ["batchtyping_mypy"]``).

``entry`` holds the table from full names to features; each feature is its own module;
``codes`` has every error code; ``mypy_api`` wraps the mypy internals the plugin uses.
"""

from __future__ import annotations

from mypy.plugin import Plugin

__version__ = "settings-unknown"
"""The plugin sets it to its settings' digest when mypy builds it: mypy snapshots it after
building plugins, and dmypy restarts when the snapshot changes."""


def plugin(version: str) -> type[Plugin]:
    from batchtyping_mypy.entry import BatchtypingPlugin

    return BatchtypingPlugin
