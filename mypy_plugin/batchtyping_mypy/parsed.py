"""Every parsed project file is prepared once, however mypy came to parse it.

mypy tells plugins about a parsed file through ``get_additional_deps``, but only when it
computes the file's imports: a file it parses again because an imported module changed
(incremental runs: its cached imports are still good) reaches semantic analysis unseen, and
without the plugin's markers its returns and assignments would go unchecked. So the plugin
also looks, at its next hook call, for trees it has not seen in mypy's module table (which
mypy hands plugins through ``set_modules``) and prepares them then.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePath

from mypy.nodes import MypyFile


class ParsedTrees:
    def __init__(self, prepare: Callable[[MypyFile, bool], object]) -> None:
        self.prepare = prepare
        """``prepare(tree, late)``: ``late`` once mypy may have analysed part of the tree."""
        self.modules: dict[str, MypyFile] | None = None
        self._count = -1
        self._seen: dict[str, MypyFile] = {}

    def seen(self, tree: MypyFile) -> None:
        """``tree`` was prepared right after parsing."""
        self._seen[tree.fullname] = tree

    def catch_up(self) -> None:
        """Prepare the trees mypy parsed without telling plugins (cheap when none were added)."""
        modules = self.modules
        if modules is None or len(modules) == self._count:
            return
        self._count = len(modules)
        for name, tree in list(modules.items()):
            if self._seen.get(name) is not tree:
                self._seen[name] = tree
                if tree.defs:  # a tree read from the cache has no statements
                    self.prepare(tree, True)


INSTALLED = frozenset({"site-packages", "dist-packages"})
"""Folders of installed packages (jax, numpy, mypy's own typeshed): never project code."""


def installed(tree: MypyFile) -> bool:
    return not INSTALLED.isdisjoint(PurePath(tree.path).parts)


def installed_name(modules: Mapping[str, MypyFile] | None, fullname: str) -> bool:
    """Whether ``fullname`` is defined in a module of an installed package (its module is the
    longest dotted prefix mypy has loaded)."""
    if modules is None:
        return False
    module = fullname
    while "." in module:
        module = module.rsplit(".", 1)[0]
        tree = modules.get(module)
        if tree is not None:
            return installed(tree)
    return False
