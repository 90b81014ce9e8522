"""One message per misuse of a broad alias, naming the alias and the fix.

``Params``, ``Data``, ``State`` and ``DataShape`` are unions (an array or a tuple, a sequence,
a mapping, a node or None of themselves). Using one as a single array (``x.shape``,
``x + 1``), a dict (``params["w"]``) or a sequence (``a, b = params``) makes mypy report
the misuse once per union member, naming the stubs' private node protocols. mypy has no
hook on its messages, so the plugin keeps a filter at the bottom of mypy's error-watcher
stack (``mypy_api.watch_errors``): of the errors mypy reports at one expression for the
members of such a union, the first becomes one message naming the alias and the fix, under
mypy's own code (``union-attr``, ``operator``, ``index``, ``misc``: existing ignores keep
working), and the rest are dropped. Every other error passes untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MEMBERS = ("_DataclassNode", "_FlattenNode", "_KeysNode")
_UNION = r"[^\"]*_DataclassNode \| _FlattenNode \| _KeysNode[^\"]*"
_ALIAS = re.compile(r"Sequence\[(\w+)\]")
_ATTR = re.compile(rf'^Item "[^"]+" of "(?P<union>{_UNION})" has no attribute "(?P<attr>\w+)"(?P<iter> \(not iterable\))?$')
_INDEX = re.compile(rf'^Value of type "(?P<union>{_UNION})" is not indexable$')
_OPERATOR = re.compile(r'^Unsupported operand types for (?P<op>\S+) \("(?P<left>[^"]+)" and "(?P<right>[^"]+)"\)$')
_LEFT = re.compile(rf'^(Left|Right) operand is of type "{_UNION}"$')
_NOT_ITERABLE = re.compile(r'^"(?P<item>\w+)" object is not iterable$')
_OVERLOAD = re.compile(r'^No overload variant of "__getitem__" of "Sequence" matches argument type "(?P<arg>[^"]+)"$')

_EXPANDED = re.compile(
    r'"(?P<base>[^"]*?) \| Sequence\[(?P<alias>\w+)\] \| Mapping\[Any, (?P=alias)\] \| '
    r'_DataclassNode \| _FlattenNode \| _KeysNode \| None"'
)
"""mypy's spelling of a whole broad alias (not a narrowed part of one)."""

_AS_ARRAY = {
    "Data": "annotate it as ArrayData, or narrow with isinstance(x, jax.Array)",
    "DataShape": "annotate it as ArrayDataShape, or narrow with isinstance(x, tuple)",
}
_AS_ARRAY_DEFAULT = "narrow with isinstance(x, jax.Array)"
_AS_DICT = {"Params": "DictParams", "State": "DictState"}
_AS_SEQUENCE = {"Params": "TupleParams or ListParams", "State": "TupleState or ListState"}


def _forms(alias: str | None, union: str | None = None) -> str:
    none = ", or None" if union is None or union.endswith("| None") else ""
    if alias == "DataShape":
        return f"it may be a shape, a tuple, list, dict or node of shapes{none}"
    return f"it may be an array, a tuple, list, dict or node of arrays{none}"


def named(message: str) -> str:
    """``message`` with every whole broad alias spelled by its name."""
    return _EXPANDED.sub(lambda m: f'"{m["alias"]}"', message) if "_KeysNode" in message else message


def attribute(alias: str, attr: str, not_iterable: bool, union: str) -> str:
    if not_iterable:
        return iteration(alias, union)
    return f'Not every "{alias}" has "{attr}" ({_forms(alias, union)}); {_AS_ARRAY.get(alias, _AS_ARRAY_DEFAULT)}'


def iteration(alias: str | None, union: str | None = None) -> str:
    if alias is None:
        return ("Not every Params, Data or State value can be unpacked (it may be an array, a node or None); "
                "annotate it as TupleParams, ListParams, TupleState or ListState, "
                "or narrow with isinstance(x, (tuple, list))")
    fix = _AS_SEQUENCE.get(alias)
    fix = f"annotate it as {fix}, or narrow" if fix else "narrow"
    return f'Not every "{alias}" can be iterated ({_forms(alias, union)}); {fix} with isinstance(x, (tuple, list))'


def index(alias: str, arg: str | None, union: str) -> str:
    if arg == "str" and alias in _AS_DICT:
        fix = f"annotate it as {_AS_DICT[alias]}, or narrow with isinstance(x, dict)"
    elif alias in _AS_SEQUENCE:
        fix = f"annotate it as {_AS_SEQUENCE[alias]}, or narrow with isinstance(x, (tuple, list))"
    else:
        fix = _AS_ARRAY.get(alias, _AS_ARRAY_DEFAULT)
    return f'Not every "{alias}" can be indexed ({_forms(alias, union)}); {fix}'


def operator(alias: str, op: str) -> str:
    return f'Not every "{alias}" supports "{op}" ({_forms(alias)}); {_AS_ARRAY.get(alias, _AS_ARRAY_DEFAULT)}'


@dataclass
class _Group:
    """The errors at one expression about the members of one broad alias."""

    file: str
    line: int
    column: int
    kind: str


@dataclass(frozen=True)
class Verdict:
    drop: bool = False
    message: str | None = None
    """The message that replaces mypy's."""
    retract: bool = False
    """Also take back mypy's ``__getitem__`` overload error (and its notes) reported just
    before at this line: it was about the alias's Sequence member."""


KEEP = Verdict()
DROP = Verdict(drop=True)


class MisuseFilter:
    """Judges each error mypy reports, in order (``mypy_api.watch_errors`` applies it)."""

    def __init__(self) -> None:
        self.group: _Group | None = None
        self.overload: dict[tuple[str, int], str] = {}
        """The argument type of the last ``__getitem__`` overload error at each line."""

    def __call__(self, file: str, message: str, code: str | None, line: int, column: int, severity: str) -> Verdict:
        group = self.group
        here = group is not None and (group.file, group.line) == (file, line)
        if severity == "note":
            return DROP if here and _LEFT.match(message) else _renamed(message)
        if not here:
            self.group = group = None
        if code == "union-attr" and (m := _ATTR.match(message)):
            key = f"attr:{m['attr']}"
            if group is not None and group.column == column and group.kind == key:
                return DROP
            alias = _alias(m["union"])
            if alias is None:
                return KEEP
            self.group = _Group(file, line, column, key)
            return Verdict(message=attribute(alias, m["attr"], bool(m["iter"]), m["union"]))
        if code == "operator" and (m := _OPERATOR.match(message)):
            key = f"op:{m['op']}"
            if group is not None and group.column == column and group.kind == key:
                return DROP
            alias = _sequence_alias(m["left"]) or _sequence_alias(m["right"])
            if alias is None:
                return KEEP
            self.group = _Group(file, line, column, key)
            return Verdict(message=operator(alias, m["op"]))
        if code == "misc" and (m := _NOT_ITERABLE.match(message)):
            if group is not None and group.column == column and group.kind == "iter":
                return DROP
            if m["item"] != MEMBERS[0]:
                return KEEP
            self.group = _Group(file, line, column, "iter")
            return Verdict(message=iteration(None))
        if code == "call-overload" and (m := _OVERLOAD.match(message)):
            self.overload = {(file, line): m["arg"]}
            return KEEP
        if code == "index" and (m := _INDEX.match(message)):
            alias = _alias(m["union"])
            if alias is None:
                return KEEP
            arg = self.overload.get((file, line))
            return Verdict(message=index(alias, arg, m["union"]), retract=arg is not None)
        return _renamed(message)


def _renamed(message: str) -> Verdict:
    new = named(message)
    return KEEP if new == message else Verdict(message=new)


def _alias(union: str) -> str | None:
    found = _ALIAS.search(union)
    return found.group(1) if found else None


def _sequence_alias(item: str) -> str | None:
    found = re.fullmatch(r"Sequence\[(\w+)\]", item)
    return found.group(1) if found else None
