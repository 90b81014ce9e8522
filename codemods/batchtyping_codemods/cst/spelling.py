"""Compare type expressions by meaning, not by spelling.

``canonical(expr, resolve)`` turns a libcst expression into a hashable form in which quotes,
spacing inside dimension strings, ``Union``/``Optional`` versus ``|``, member order,
``typing.Tuple`` versus ``tuple`` and the module a name was imported from (``jaxtyping.PyTree``,
``jt.PyTree``, ``PyTree``) no longer matter, and batchtyping aliases are expanded to their
runtime definitions. ``ALIAS_FORMS`` maps the form of every alias whose runtime definition
is a jaxtyping expression (read from ``batchtyping.vocabulary``) to the alias name.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cache

import libcst as cst
from batchtyping.vocabulary import ALIASES, BY_NAME

from batchtyping_codemods.cst.names import dotted

Form = Hashable
Resolver = Callable[[str], str | None]
"""Local name -> what it is bound to (``typing.Optional``); ``None`` when unbound; ``""`` for
a local definition."""

_TYPING_MODULES = ("typing.", "typing_extensions.", "collections.abc.")
_TYPING_BUILTINS = {"Tuple": "tuple", "Dict": "dict", "List": "list", "Type": "type",
                    "Set": "set", "FrozenSet": "frozenset"}
JAXTYPING_NAMES = frozenset({"PyTree", "Array", "Inexact", "Num", "Real", "Complex", "Float",
                             "Int", "Integer", "Bool", "Shaped", "UInt", "Key"})


def qualified(node: cst.BaseExpression, resolve: Resolver) -> str | None:
    """The fully qualified name a Name/Attribute chain refers to (``?X`` when unbound)."""
    name = dotted(node)
    if name is None:
        return None
    head, _, rest = name.partition(".")
    bound = resolve(head)
    if bound is None:
        return "?" + name
    if bound == "":
        return "local:" + name
    return f"{bound}.{rest}" if rest else bound


def _token(name: str, vocabulary: bool) -> Form:
    """The form of a qualified name."""
    if name.startswith("?"):  # unbound: a builtin, a star import, or (in the vocabulary) an alias
        bare = name[1:]
        if vocabulary and bare in BY_NAME:
            return alias_form(bare)
        return ("n", _TYPING_BUILTINS.get(bare, bare))
    if name.startswith("batchtyping.") and name[12:] in BY_NAME:
        return alias_form(name[12:])
    for prefix in _TYPING_MODULES:
        if name.startswith(prefix):
            bare = name[len(prefix):]
            return ("n", _TYPING_BUILTINS.get(bare, bare))
    if name.startswith("jaxtyping.") or name == "jax.Array":
        return ("n", name.rpartition(".")[2])
    return ("q", name)


def _union(members: list[Form]) -> Form:
    flat: set[Form] = set()
    for member in members:
        if isinstance(member, tuple) and member[:1] == ("u",):
            flat |= member[1]
        else:
            flat.add(member)
    return next(iter(flat)) if len(flat) == 1 else ("u", frozenset(flat))


def canonical(expr: cst.BaseExpression, resolve: Resolver, vocabulary: bool = False) -> Form | None:
    """The meaning-level form of a type expression, or None for anything unrecognised."""
    if isinstance(expr, (cst.Name, cst.Attribute)):
        name = qualified(expr, resolve)
        if name is None:
            return None
        if name in ("?None",):
            return ("n", "None")
        return _token(name, vocabulary)
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        value = expr.evaluated_value
        return ("s", " ".join(value.split())) if isinstance(value, str) else None
    if isinstance(expr, cst.Ellipsis):
        return ("...",)
    if isinstance(expr, (cst.Integer, cst.Float)):
        return ("lit", expr.value)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.BitOr):
        left = canonical(expr.left, resolve, vocabulary)
        right = canonical(expr.right, resolve, vocabulary)
        return None if left is None or right is None else _union([left, right])
    if isinstance(expr, (cst.List, cst.Tuple)):
        items = [canonical(e.value, resolve, vocabulary) for e in expr.elements]
        if any(i is None or isinstance(e, cst.StarredElement) for i, e in zip(items, expr.elements)):
            return None
        return ("list" if isinstance(expr, cst.List) else "tuple", tuple(items))
    if isinstance(expr, cst.Subscript):
        head = canonical(expr.value, resolve, vocabulary)
        args: list[Form] = []
        for element in expr.slice:
            if not isinstance(element.slice, cst.Index) or element.slice.star is not None:
                return None
            form = canonical(element.slice.value, resolve, vocabulary)
            if form is None:
                return None
            args.append(form)
        if head == ("n", "Union"):
            return _union(args)
        if head == ("n", "Optional") and len(args) == 1:
            return _union([args[0], ("n", "None")])
        return None if head is None else ("sub", head, tuple(args))
    return None


@cache
def alias_form(name: str) -> Form:
    """The form of an alias's runtime definition (aliases inside it expanded)."""
    form = canonical(cst.parse_expression(BY_NAME[name].runtime), lambda _: None, vocabulary=True)
    assert form is not None, name
    return form


def _mentions_jaxtyping(form: Form) -> bool:
    if isinstance(form, tuple) and len(form) == 2 and form[0] == "n":
        return form[1] in JAXTYPING_NAMES - {"Array"}
    if isinstance(form, (tuple, frozenset)):
        return any(_mentions_jaxtyping(part) for part in form)
    return False


ALIAS_FORMS: dict[Form, str] = {
    alias_form(alias.name): alias.name
    for alias in ALIASES
    if _mentions_jaxtyping(alias_form(alias.name))
    # ``Inexact[Array, "..."]`` names no role: only usage makes it ``ArrayParams``/``ArrayState``.
    and not (alias.container == "array" and alias.batched is None)
}
