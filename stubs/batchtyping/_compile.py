"""Annotation -> checker node, once per signature.

The aliases compile to what ``vocabulary.py`` says they mean at run time, with two
additions the issue asks for: every item of a flat container is checked (beartype samples
one), and the flat State containers (``TupleState``, ``ListState``, ``DictState``) also bind
the ``"State"`` structure and per-leaf shapes, like ``State`` does.
"""

from __future__ import annotations

import collections.abc
import types
import typing
from typing import Any, Literal, TypeVar, get_args, get_origin

from batchtyping import _nodes as n
from batchtyping._spec import Unsupported, is_array_annotation, leaf_spec, tree_parts
from batchtyping.vocabulary import ALIASES

_FLAT_STATES = ("TupleState", "ListState", "DictState")
STATE_FAMILY = frozenset({"State", "StateT", *_FLAT_STATES})


def _aliases() -> dict[int, str]:
    from batchtyping import _runtime

    return {id(getattr(_runtime, alias.name)): alias.name for alias in ALIASES}


def _family_leaves() -> dict[int, str]:
    """Leaf annotation -> alias, for naming ``DataFixed[Literal["In"]]``."""
    from batchtyping import _runtime

    return {id(getattr(_runtime, a.name).leaftype): a.name for a in ALIASES if a.structure_parameter}


_NAMES: dict[int, str] = {}
_FAMILY: dict[int, str] = {}


def _alias_name(hint: Any) -> str | None:
    """The alias (or structure-bound TypeVar, or ``DataFixed[Literal["In"]]``) ``hint`` is."""
    if not _NAMES:
        _NAMES.update(_aliases())
        _FAMILY.update(_family_leaves())
    name = _NAMES.get(id(hint))
    if name is not None:
        return name
    parts = tree_parts(hint) if isinstance(hint, type) else None
    if parts is not None and id(parts[0]) in _FAMILY and parts[1] is not None:
        return f'{_FAMILY[id(parts[0])]}[Literal["{parts[1]}"]]'
    if isinstance(hint, TypeVar):
        return hint.__name__
    return None


def label(hint: Any) -> str:
    """How messages spell an annotation: alias names, not their jaxtyping expansion."""
    name = _alias_name(hint)
    if name is not None:
        return name
    if is_array_annotation(hint):
        return leaf_spec(hint).text
    origin, args = get_origin(hint), get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        return " | ".join(label(arg) for arg in args)
    if origin is not None and args and origin is not Literal:
        inner = ", ".join("..." if a is Ellipsis else label(a) for a in args)
        return f"{getattr(origin, '__name__', repr(origin))}[{inner}]"
    if hint is None or hint is type(None):
        return "None"
    if isinstance(hint, type) and origin is None:
        return hint.__qualname__
    text = repr(hint)
    for prefix in ("jaxtyping.", "batchtyping.", "typing.", "jaxlib._jax.", "jax.jaxlib._jax."):
        text = text.replace(prefix, "")
    return text


def _has_jaxtyping(hint: Any) -> bool:
    if is_array_annotation(hint) or (isinstance(hint, type) and tree_parts(hint) is not None):
        return True
    return any(_has_jaxtyping(arg) for arg in get_args(hint) if not isinstance(arg, (str, int)))


class Compiler:
    """Compiles the annotations of one signature; ``layouts`` guards per-leaf bindings."""

    def __init__(self, bind_flat_states: bool = True) -> None:
        self.layouts: dict[str, set[tuple[tuple[str, bool], ...]]] = {}
        self.bind_flat_states = bind_flat_states
        """False when the signature takes several State-family arguments: the flat containers
        then bind nothing across arguments (jaxtyping binds only ``State`` itself there)."""

    def compile(self, hint: Any) -> n.Node | None:
        """A node, or None for an annotation that accepts everything."""
        if hint is Any or hint is object or isinstance(hint, str):
            return None
        node = self._compile(hint, label(hint))
        if node is not None:
            node.alias = _alias_name(hint)
        return node

    def _compile(self, hint: Any, name: str) -> n.Node | None:
        if name in _FLAT_STATES and self.bind_flat_states:  # a flat container that is also a State
            from batchtyping import _runtime

            container = self._structural(hint, name)
            state = self.compile(_runtime.State)
            assert container is not None and state is not None
            return n.BoundTogether(name, (container, state))
        return self._structural(hint, name)

    def _tree(self, name: str, leaf: Any, structure: str | None) -> n.Node:
        if is_array_annotation(leaf):
            spec = leaf_spec(leaf)
            if spec.treepath is not None:
                if structure is None:
                    raise Unsupported("? dimensions outside a named PyTree")
                layouts = self.layouts.setdefault(structure, set())
                names = {x for x, _ in spec.layout}
                if any(other != spec.layout and names & {x for x, _ in other} for other in layouts):
                    raise Unsupported("one structure with two layouts of ? dimensions")
                layouts.add(spec.layout)
            return n.TreeNode(name, structure, spec, None)
        if leaf is Any:
            return n.TreeNode(name, structure, None, None)
        if _has_tree(leaf):
            raise Unsupported("a PyTree inside a PyTree's leaf type")
        return n.TreeNode(name, structure, None, self.compile(leaf))

    def _structural(self, hint: Any, name: str) -> n.Node | None:
        if hint is None or hint is type(None):
            return n.InstanceNode("None", type(None))
        if isinstance(hint, TypeVar):
            if hint.__bound__ is not None:
                return self._named(self.compile(hint.__bound__), name)
            if hint.__constraints__:
                return self._union(name, hint.__constraints__, named=False)
            return None
        if is_array_annotation(hint):
            spec = leaf_spec(hint)
            if spec.treepath is not None:
                raise Unsupported("? dimensions outside a named PyTree")
            return n.ArrayNode(spec, name)
        if isinstance(hint, type):
            parts = tree_parts(hint)
            if parts is not None:
                return self._tree(name, *parts)
        origin, args = get_origin(hint), get_args(hint)
        if origin is typing.Union or origin is types.UnionType:
            return self._union(name, args, named=name in _NAMES.values())
        if origin is Literal:
            return n.LiteralNode(name, args)
        if origin is tuple:
            if args == ((),) or args == ():
                return n.SequenceNode(name, tuple, () if args else None, None)
            if len(args) == 2 and args[1] is Ellipsis:
                return n.SequenceNode(name, tuple, None, self.compile(args[0]))
            return n.SequenceNode(name, tuple, tuple(self.compile(a) for a in args), None)
        if origin is list and len(args) == 1:
            return n.SequenceNode(name, list, None, self.compile(args[0]))
        if origin is dict and len(args) == 2:
            return n.DictNode(name, self.compile(args[0]), self.compile(args[1]))
        if isinstance(origin, type) and getattr(origin, "_is_protocol", False):
            return n.InstanceNode(name, origin)  # beartype: isinstance of the protocol
        if hint in (tuple, list, dict):
            return n.InstanceNode(name, hint)
        if _has_jaxtyping(hint):
            raise Unsupported(f"jaxtyping types inside {name}")
        if isinstance(hint, type) and origin is None and not _is_abc_generic(hint):
            return n.InstanceNode(name, hint)
        return n.BearableNode(name, hint)

    def _named(self, node: n.Node | None, name: str) -> n.Node | None:
        if node is not None:
            node.label = name
        return node

    def _union(self, name: str, members: tuple[Any, ...], named: bool) -> n.Node | None:
        nodes = tuple(self.compile(member) for member in members)
        if any(node is None for node in nodes):
            return None
        return n.UnionNode(name, nodes, named)


def _has_tree(hint: Any) -> bool:
    if isinstance(hint, type) and tree_parts(hint) is not None:
        return True
    return any(_has_tree(arg) for arg in get_args(hint) if not isinstance(arg, (str, int)))


def _is_abc_generic(hint: Any) -> bool:
    return hint.__module__ == collections.abc.__name__ and hint is not collections.abc.Callable
