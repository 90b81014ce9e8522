"""Where a walk is: the class and function scopes, and the stable key of each function."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import libcst as cst


def function_key(scope: Sequence[str], seen: Counter[str]) -> str:
    """A function's key: its qualified name as Python computes it, ``#n`` for the n-th
    definition of the same name (every command and verification names functions so)."""
    qualname = ".".join(scope)
    seen[qualname] += 1
    return qualname if seen[qualname] == 1 else f"{qualname}#{seen[qualname]}"


def decorator_names(node: cst.FunctionDef) -> set[str]:
    """Every name in a function's decorators (``jax.jit`` -> ``{"jax", "jit"}``; calls' targets)."""
    names = set()
    for decorator in node.decorators:
        target = decorator.decorator
        if isinstance(target, cst.Call):
            target = target.func
        while isinstance(target, cst.Attribute):
            names.add(target.attr.value)
            target = target.value
        if isinstance(target, cst.Name):
            names.add(target.value)
    return names


class Scopes:
    """The stack of classes and functions a visitor is in; call ``enter_*``/``leave_*`` from its
    ``visit_``/``leave_`` hooks."""

    def __init__(self) -> None:
        self._names: list[str] = []
        self._classes: list[bool] = []
        """For each enclosing scope: True for a class body."""
        self._keys: list[str] = []
        self._seen: Counter[str] = Counter()

    def enter_class(self, node: cst.ClassDef) -> None:
        self._names.append(node.name.value)
        self._classes.append(True)

    def leave_class(self) -> None:
        self._names.pop()
        self._classes.pop()

    def enter_function(self, node: cst.FunctionDef) -> str:
        """The function's key; its body is ``<locals>`` of it."""
        self._names.append(node.name.value)
        key = function_key(self._names, self._seen)
        self._keys.append(key)
        self._classes.append(False)
        self._names.append("<locals>")
        return key

    def leave_function(self) -> tuple[str, bool]:
        """(the function's key, whether it is defined directly in a class body)."""
        del self._names[-2:]
        self._classes.pop()
        return self._keys.pop(), bool(self._classes) and self._classes[-1]
