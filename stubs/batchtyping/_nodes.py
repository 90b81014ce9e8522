"""The compiled checkers: one node per annotation, each a tight loop over its value.

``node.check(value, env)`` returns None when the value conforms, else a ``Failure``
(at most ``CAP`` problems kept, all counted). ``env`` holds one call's bindings: named
dimensions (``batch_size``), structures (``"State"``) and per-leaf ``?`` shapes, with an undo
journal so that a union can try a member and roll back what it bound.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Any

import jax.tree_util as jtu

from batchtyping._leaves import Bound, Env, describe, leaf_problems
from batchtyping._spec import LeafSpec

CAP = 5
"""Problems listed per failure; the rest are counted."""

_flatten = jtu.default_registry.flatten


@dataclass
class Problem:
    path: str
    """Relative to the checked value: ``["dense"]["b"]``."""
    message: str
    alias: str | None = None
    """The innermost alias the value was checked against."""


class Failure:
    __slots__ = ("problems", "total")

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems[:CAP]
        self.total = len(problems) if total is None else total

    def prefixed(self, segment: str) -> Failure:
        for problem in self.problems:
            problem.path = segment + problem.path
        return self

    def named(self, alias: str | None) -> Failure:
        for problem in self.problems:
            problem.alias = problem.alias or alias
        return self

    @staticmethod
    def merge(failures: list[Failure]) -> Failure:
        problems = [p for failure in failures for p in failure.problems]
        return Failure(problems, sum(failure.total for failure in failures))


def key_text(key: Any) -> str:
    if isinstance(key, jtu.DictKey):
        return f"[{json.dumps(key.key) if isinstance(key.key, str) else repr(key.key)}]"
    if isinstance(key, jtu.SequenceKey):
        return f"[{key.idx}]"
    if isinstance(key, jtu.GetAttrKey):
        return f".{key.name}"
    if isinstance(key, jtu.FlattenedIndexKey):
        return f"[{key.key}]"
    return str(key)


class Node:
    label: str = "?"
    alias: str | None = None
    """The label, when it names an alias (messages name the innermost alias of each problem)."""

    def check(self, value: Any, env: Env) -> Failure | None:
        raise NotImplementedError

    def shallow(self, value: Any) -> bool:
        """jaxtyping's leaf test while flattening a tree: arrays by type only, no binding."""
        return self.check(value, Env()) is None


class ArrayNode(Node):
    def __init__(self, spec: LeafSpec, label: str) -> None:
        self.spec, self.label = spec, label

    def check(self, value: Any, env: Env) -> Failure | None:
        bad = leaf_problems(self.spec, [value], env, None, None)
        return None if bad is None else Failure([Problem("", bad[0][1], self.alias)])

    def shallow(self, value: Any) -> bool:
        spec = self.spec
        return isinstance(value, spec.array_type) if spec.array_type is not None else (
            hasattr(value, "shape") and hasattr(value, "dtype"))


def _paths(value: Any, is_leaf: Any) -> list[str]:
    return ["".join(map(key_text, path)) for path, _ in
            jtu.tree_flatten_with_path(value, is_leaf=is_leaf)[0]]


def _structure_text(treedef: Any) -> set[str] | str:
    try:
        return set(_paths(jtu.tree_unflatten(treedef, [0] * treedef.num_leaves), None))
    except Exception:  # noqa: BLE001 - a node class that cannot hold dummy leaves
        text = str(treedef)
        return text if len(text) < 200 else text[:200] + "..."


def _listing(paths: set[str]) -> str:
    shown = sorted(paths)[:CAP]
    more = f" and {len(paths) - CAP} more" if len(paths) > CAP else ""
    return ", ".join(p or "(the root)" for p in shown) + more


def structure_problem(name: str, bound: Bound, treedef: Any) -> str:
    was, now = _structure_text(bound.treedef), _structure_text(treedef)
    head = f'tree structure differs from the "{name}" structure of {bound.where}'
    if isinstance(was, set) and isinstance(now, set) and was != now:
        parts = []
        if was - now:
            parts.append(f"missing leaves {_listing(was - now)}")
        if now - was:
            parts.append(f"extra leaves {_listing(now - was)}")
        return f"{head}: {'; '.join(parts)}"
    return f"{head}: {bound.treedef} there, {treedef} here" if isinstance(was, set) else (
        f"{head}: {was} there, {now} here")


class TreeNode(Node):
    """``PyTree[leaf]`` or ``PyTree[leaf, "Name"]``: every leaf, and the structure binding."""

    def __init__(self, label: str, structure: str | None, spec: LeafSpec | None,
                 leaf: Node | None) -> None:
        self.label, self.structure, self.spec, self.leaf = label, structure, spec, leaf
        self.is_leaf = None if spec is not None or leaf is None else leaf.shallow

    def check(self, value: Any, env: Env) -> Failure | None:
        if value is None:  # jaxtyping: None is a PyTree of no leaves, and binds nothing
            return None
        try:
            leaves, treedef = _flatten(value, self.is_leaf)
        except Exception as error:  # noqa: BLE001 - e.g. dict keys that do not sort
            return Failure([Problem("", f"not a PyTree JAX can flatten: {error}", self.alias)])
        name, spec = self.structure, self.spec
        bound = env.trees.get(name) if name is not None else None
        if bound is not None and bound.treedef != treedef:
            assert name is not None
            return Failure([Problem("", structure_problem(name, bound, treedef), self.alias)])
        per_leaf: list[Any] | None = None
        new: list[Any] | None = None
        where: str | None = None
        if spec is not None and spec.treepath is not None:
            entry = bound.leaves.get(spec.layout) if bound is not None else None
            if entry is None:
                new = []
            else:
                per_leaf, where = entry
                where = f'the "{name}" structure of {where}'
        if spec is not None:
            bad = leaf_problems(spec, leaves, env, per_leaf, new, where)
        else:
            bad = self._check_leaves(leaves, env)
        if bad is not None:
            paths = _paths(value, self.is_leaf)
            return Failure([Problem(paths[i], why, self.alias) for i, why in bad[:CAP]], len(bad))
        if name is not None:
            if bound is None:
                bound = Bound(treedef, env.where)
                env.bind(env.trees, name, bound)
            if new is not None:
                env.bind(bound.leaves, spec.layout, (new, env.where))  # type: ignore[union-attr]
        return None

    def _check_leaves(self, leaves: list[Any], env: Env) -> list[tuple[int, str]] | None:
        if self.leaf is None:
            return None
        bad = None
        for i, leaf in enumerate(leaves):
            failure = self.leaf.check(leaf, env)
            if failure is not None:
                bad = bad or []
                bad.append((i, failure.problems[0].message))
        return bad


class SequenceNode(Node):
    """``tuple[X, ...]``, ``tuple[X, Y]``, ``list[X]``: every item."""

    def __init__(self, label: str, kind: type, items: tuple[Node | None, ...] | None,
                 rest: Node | None) -> None:
        self.label, self.kind, self.items, self.rest = label, kind, items, rest

    def check(self, value: Any, env: Env) -> Failure | None:
        sequence: Sequence[Any] = value  # (isinstance with a variable type narrows to object)
        if not isinstance(value, self.kind):
            return Failure([Problem("", f"{describe(value)} is not a {self.kind.__name__}", self.alias)])
        value = sequence
        if self.items is not None:
            if len(value) != len(self.items):
                return Failure([Problem("", f"a {self.kind.__name__} of {len(value)} items, "
                                        f"expected {len(self.items)}", self.alias)])
            pairs: Any = zip(self.items, value)
        elif self.rest is None:
            return None
        else:
            rest = self.rest
            pairs = ((rest, item) for item in value)
        failures = None
        for i, (node, item) in enumerate(pairs):
            if node is not None:
                failure = node.check(item, env)
                if failure is not None:
                    failures = failures or []
                    failures.append(failure.prefixed(f"[{i}]").named(node.alias))
        return None if failures is None else Failure.merge(failures).named(self.alias)


class DictNode(Node):
    """``dict[K, V]``: every key and every value."""

    def __init__(self, label: str, key: Node | None, value: Node | None) -> None:
        self.label, self.key, self.value = label, key, value

    def check(self, value: Any, env: Env) -> Failure | None:
        if not isinstance(value, dict):
            return Failure([Problem("", f"{describe(value)} is not a dict", self.alias)])
        key_node, value_node = self.key, self.value
        failures = None
        for key, item in value.items():
            failure = key_node.check(key, env) if key_node is not None else None
            if failure is not None:
                failure = Failure([Problem(f"[{key!r}]", f"key {key!r}: {failure.problems[0].message}")])
            elif value_node is not None:
                failure = value_node.check(item, env)
                if failure is not None:
                    failure = failure.prefixed(key_text(jtu.DictKey(key))).named(value_node.alias)
            if failure is not None:
                failures = failures or []
                failures.append(failure)
        return None if failures is None else Failure.merge(failures).named(self.alias)


class BoundTogether(Node):
    """Every node passes (``TupleState``: a tuple of arrays, and a ``State``)."""

    def __init__(self, label: str, nodes: tuple[Node, ...]) -> None:
        self.label, self.nodes = label, nodes

    def check(self, value: Any, env: Env) -> Failure | None:
        for node in self.nodes:
            failure = node.check(value, env)
            if failure is not None:
                for problem in failure.problems:
                    problem.alias = self.alias
                return failure
        return None


class UnionNode(Node):
    def __init__(self, label: str, members: tuple[Node | None, ...], named: bool) -> None:
        self.label, self.members, self.named_alias = label, members, named

    def check(self, value: Any, env: Env) -> Failure | None:
        mark = len(env.journal)
        failures = []
        for member in self.members:
            if member is None:
                return None
            failure = member.check(value, env)
            if failure is None:
                return None
            env.rollback(mark)
            failures.append(failure)
        if self.named_alias:  # Data: the tree's reasons, under the alias's name
            return Failure([Problem(p.path, p.message, self.alias) for p in failures[0].problems],
                           failures[0].total)
        if all(p.path == "" for failure in failures for p in failure.problems):
            return Failure([Problem("", f"{describe(value)} is not {self.label}", self.alias)])
        return Failure.merge(failures).named(self.alias)


class InstanceNode(Node):
    def __init__(self, label: str, kind: Any) -> None:
        self.label, self.kind = label, kind

    def check(self, value: Any, env: Env) -> Failure | None:
        if isinstance(value, self.kind):
            return None
        return Failure([Problem("", f"{describe(value)} is not {self.label}", self.alias)])


class LiteralNode(Node):
    def __init__(self, label: str, values: tuple[Any, ...]) -> None:
        self.label, self.values = label, values

    def check(self, value: Any, env: Env) -> Failure | None:
        if any(type(value) is type(v) and value == v for v in self.values):
            return None
        return Failure([Problem("", f"{describe(value)} is not {self.label}", self.alias)])


class BearableNode(Node):
    """A typing-only annotation (no jaxtyping inside): beartype's own verdict."""

    def __init__(self, label: str, hint: Any) -> None:
        from beartype.door import is_bearable
        from beartype.roar import BeartypeCallHintForwardRefException

        self.label, self.hint, self.is_bearable = label, hint, is_bearable
        self.unresolvable = BeartypeCallHintForwardRefException

    def check(self, value: Any, env: Env) -> Failure | None:
        try:
            if self.is_bearable(value, self.hint):
                return None
        except self.unresolvable:  # a library's string forward reference (chex's "ArrayTree"):
            return None  # not resolvable from here, so not judged (never stricter than jaxtyping)
        return Failure([Problem("", f"{describe(value)} is not {self.label}", self.alias)])
