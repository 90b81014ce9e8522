"""Usage narrowing: how a function body uses a parameter decides which alias type-checks.

``params["w"]`` asks for ``DictParams``, ``params[0]`` or ``w, b = params`` for
``TupleParams``, ``x.shape`` / ``x @ w`` / ``jnp.tanh(x)`` for ``ArrayData``,
``(n,) = input_shape`` for ``ArrayDataShape``. A use that no alias of the parameter's role
allows (a ``state`` compared with strings, dumped to JSON, indexed twice by key) is a
contradiction: the parameter is left alone and the reason reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import libcst as cst
import libcst.matchers as m

from batchtyping.vocabulary import ALIASES, BY_NAME
from batchtyping_codemods.cst.names import dotted

Kind = Literal[
    "key", "position", "list", "array", "sized", "index", "nested", "plain", "contradiction",
    "passed",
]

ARRAY_ATTRIBUTES = frozenset(
    "shape dtype ndim size T mT real imag at reshape astype sum mean max min std var prod "
    "transpose swapaxes squeeze ravel flatten conj conjugate dot clip round argmax argmin "
    "cumsum all any item block_until_ready".split()
)
DICT_METHODS = frozenset("items keys values get update pop setdefault copy".split())
LIST_METHODS = frozenset("append extend insert remove".split())
STR_METHODS = frozenset(
    "split strip lower upper startswith endswith encode decode format join replace".split()
)
ARRAY_MODULES = ("jnp.", "jax.numpy.", "np.", "numpy.", "jax.nn.", "nn.", "jax.lax.", "lax.",
                 "jax.scipy.", "jsp.")
ITERATING = frozenset("sum max min zip enumerate list tuple sorted reversed math.prod".split())
SERIALIZERS = ("json.", "pickle.", "yaml.", "open", "Path", "pathlib.Path", "os.path.", "str")


@dataclass(frozen=True)
class Use:
    kind: Kind
    node: cst.CSTNode
    why: str = ""


@dataclass(frozen=True)
class Choice:
    """The alias to write, or ``None`` and the reason the parameter is skipped."""

    alias: str | None
    reason: str = ""


def _is_str(node: cst.CSTNode) -> bool:
    return isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString))


def _is_int(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Integer) or (
        isinstance(node, cst.UnaryOperation) and isinstance(node.expression, cst.Integer)
    )


def _is_literal_leaf(node: cst.CSTNode) -> bool:
    """A literal that is not an array: strings, numbers, bools, None, displays."""
    return _is_str(node) or _is_int(node) or isinstance(
        node, (cst.Float, cst.Dict, cst.List, cst.Set)
    ) or m.matches(node, m.Name("True") | m.Name("False"))


class _Uses(cst.CSTVisitor):
    """Every use of the watched names in one function body (nested functions included)."""

    # No per-attribute callbacks: they are most of a libcst walk's cost, and unused here.
    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass

    def __init__(self, names: Iterable[str]) -> None:
        self.uses: dict[str, list[Use]] = {name: [] for name in names}
        self.loop_ints: set[str] = set()
        self._shadowed: list[set[str]] = []
        self.returns: list[cst.Return] = []
        """The function's own ``return`` statements (not those of nested functions)."""
        self.yields = False

    # -- scopes: a nested function or lambda rebinding a name hides it ----------------------
    def _params(self, params: cst.Parameters) -> set[str]:
        every = [*params.posonly_params, *params.params, *params.kwonly_params]
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                every.append(star)
        return {p.name.value for p in every}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._shadowed.append(self._params(node.params))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._shadowed.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._shadowed.append(self._params(node.params))

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self._shadowed.pop()

    def visit_Return(self, node: cst.Return) -> None:
        if not self._shadowed:
            self.returns.append(node)

    def visit_Yield(self, node: cst.Yield) -> None:
        if not self._shadowed:
            self.yields = True

    def _watched(self, node: cst.CSTNode) -> str | None:
        if isinstance(node, cst.Name) and node.value in self.uses:
            if not any(node.value in names for names in self._shadowed):
                return node.value
        return None

    def _add(self, node: cst.CSTNode, kind: Kind, use: cst.CSTNode, why: str = "") -> None:
        name = self._watched(node)
        if name is not None:
            self.uses[name].append(Use(kind, use, why))

    # -- the uses -------------------------------------------------------------------------
    def visit_Subscript(self, node: cst.Subscript) -> None:
        inner = node.value
        if isinstance(inner, cst.Subscript) and self._watched(inner.value):
            self._add(inner.value, "nested", node, "indexed twice")
        elements = node.slice
        if len(elements) != 1 or not isinstance(elements[0].slice, cst.Index):
            self._add(inner, "array" if len(elements) != 1 else "position", node)
            return
        index = elements[0].slice.value
        if _is_str(index):
            self._add(inner, "key", node)
        elif _is_int(index) or (isinstance(index, cst.Name) and index.value in self.loop_ints):
            self._add(inner, "position", node)
        elif isinstance(index, (cst.Tuple, cst.Ellipsis)) or m.matches(index, m.Name("None")):
            self._add(inner, "array", node)
        else:
            self._add(inner, "index", node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        attr = node.attr.value
        value = node.value
        if isinstance(value, cst.Subscript) and self._watched(value.value):
            if attr in DICT_METHODS:
                self._add(value.value, "nested", node, "a nested dict")
            elif attr in STR_METHODS:
                self._add(value.value, "plain", node, "a str leaf")
        if attr in ARRAY_ATTRIBUTES:
            self._add(value, "array", node)
        elif attr in DICT_METHODS:
            self._add(value, "key", node)
        elif attr in LIST_METHODS:
            self._add(value, "list", node)
        elif attr in STR_METHODS:
            self._add(value, "contradiction", node, "used as a str")
        else:
            self._add(value, "contradiction", node, f"attribute .{attr} of an object")

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        for operand, other in ((node.left, node.right), (node.right, node.left)):
            built = dotted(other.func) if isinstance(other, cst.Call) else None
            if isinstance(other, cst.Tuple) or built == "tuple":
                self._add(operand, "position", node)
            elif isinstance(other, cst.List) or built == "list":
                self._add(operand, "list", node)
            else:
                self._add(operand, "array", node)

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> None:
        if not isinstance(node.operator, cst.Not):
            self._add(node.expression, "array", node)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        left = node.left
        for target in node.comparisons:
            if isinstance(target.operator, (cst.In, cst.NotIn)) and _is_str(left):
                self._add(target.comparator, "key", node)  # ``"w" in params``: a str-keyed dict
            left = target.comparator
        operands = [node.left, *(target.comparator for target in node.comparisons)]
        if any(_is_str(operand) for operand in operands) and not any(
            isinstance(target.operator, (cst.In, cst.NotIn)) for target in node.comparisons
        ):
            for operand in operands:
                base = operand.value if isinstance(operand, cst.Subscript) else operand
                self._add(base, "plain", node, "compared with a str")

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, (cst.Tuple, cst.List)):
                self._add(node.value, "position", node)
            elif isinstance(target.target, cst.Subscript) and _is_literal_leaf(node.value):
                self._add(target.target.value, "plain", node, "given a non-array value")

    def visit_For(self, node: cst.For) -> None:
        iterator = node.iter
        if isinstance(iterator, cst.Call) and dotted(iterator.func) in ("range", "enumerate"):
            target: cst.BaseExpression = node.target
            if isinstance(target, cst.Tuple) and target.elements:
                target = target.elements[0].value
            if isinstance(target, cst.Name):
                self.loop_ints.add(target.value)
        if isinstance(node.target, (cst.Tuple, cst.List)):
            self._add(iterator, "nested", node, "iterated as pairs")
        else:
            self._add(iterator, "sized", node)

    def visit_Call(self, node: cst.Call) -> None:
        self._add(node.func, "contradiction", node, "called")
        callee = dotted(node.func) or ""
        position = 0
        for arg in node.args:
            slot = arg.keyword.value if arg.keyword is not None else str(position)
            position += arg.keyword is None and not arg.star
            if arg.star == "**":
                self._add(arg.value, "key", node)
            elif arg.star == "*":
                self._add(arg.value, "position", node)
            elif callee == "len" or callee in ITERATING:
                self._add(arg.value, "sized", node)
            elif callee.startswith(SERIALIZERS) and callee != "string":
                self._add(arg.value, "plain", node, f"passed to {callee}()")
                if isinstance(arg.value, cst.Subscript):
                    self._add(arg.value.value, "plain", node, f"a leaf passed to {callee}()")
            elif callee.startswith(ARRAY_MODULES):
                self._add(arg.value, "array", node)
            elif callee:
                self._add(arg.value, "passed", node, f"{callee.rsplit('.', 1)[-1]}:{slot}")


@dataclass(frozen=True)
class Body:
    """What one walk of a function's body found."""

    uses: dict[str, list[Use]]
    returns: list[cst.Return]
    yields: bool


def read_body(function: cst.FunctionDef, names: Iterable[str], returns: bool) -> Body:
    """The uses of ``names`` in ``function``'s body (a nested scope rebinding one excluded)
    and, when ``returns``, its own ``return`` statements; one walk, none when nothing is asked."""
    visitor = _Uses(names)
    if visitor.uses or returns:
        function.body.visit(visitor)
    return Body(visitor.uses, visitor.returns, visitor.yields)


# -- choosing --------------------------------------------------------------------------------
_NARROW: dict[tuple[str, str], str] = {
    (alias.role, alias.container): alias.name
    for alias in ALIASES
    if alias.container not in ("tree", "callable") and alias.dtype in ("inexact", "numeric", "any")
    and alias.batched is not False
}
GENERIC = frozenset({"Params", "State", "Data", "DataShape"})
"""The aliases usage narrows (to the Dict/Tuple/List or Array variant of their role)."""
_KIND_CONTAINER: dict[str, str] = {"key": "dict", "position": "tuple", "list": "list", "array": "array"}


def show_use(use: Use, line_of: Callable[[cst.CSTNode], int]) -> str:
    code = cst.Module([]).code_for_node(use.node).strip().splitlines()[0]
    code = code if len(code) <= 40 else code[:37] + "..."
    return f"`{code}` (line {line_of(use.node)})"


ALIAS_KIND: dict[str, Kind] = {
    "DictParams": "key", "DictState": "key", "TupleParams": "position", "TupleState": "position",
    "ListParams": "list", "ListState": "list", "ArrayData": "array", "ArrayDataShape": "position",
}
"""What passing a parameter on to a parameter annotated with a narrow alias says about it."""


Signatures = dict[str, tuple[list[str], dict[str, str]]]
"""Per function seen so far: its positional parameter names and each parameter's alias."""


def passed_as(signatures: Signatures, slot: str) -> str | None:
    """The alias of ``function:index`` or ``function:keyword`` among ``signatures``: what a
    value passed on there must be (``choose``'s ``passed``)."""
    function, _, where = slot.partition(":")
    if function not in signatures:
        return None
    positional, aliases = signatures[function]
    if where.isdigit():
        index = int(where)
        where = positional[index] if index < len(positional) else ""
    return aliases.get(where) or None


def choose(
    alias: str,
    uses: Sequence[Use],
    default: cst.BaseExpression | None,
    line_of: Callable[[cst.CSTNode], int],
    passed: Callable[[str], str | None] = lambda slot: None,
) -> Choice:
    """The alias ``uses`` allow, starting from the convention's ``alias``. ``passed`` gives
    the annotation of a callee's parameter (``"layer:0"``, ``"layer:x"``) already annotated."""
    role, container = BY_NAME[alias].role, BY_NAME[alias].container
    resolved = []
    for use in uses:
        if use.kind == "passed":
            target = passed(use.why)
            if target in ALIAS_KIND and BY_NAME[target].role == role:
                resolved.append(Use(ALIAS_KIND[target], use.node, f"passed on as {target}"))
        else:
            resolved.append(use)
    uses = resolved
    if default is not None and _is_literal_leaf(default) and role != "hyperparams":
        if not isinstance(default, (cst.Dict, cst.List)) or role not in ("params", "state"):
            code = cst.Module([]).code_for_node(default)
            return Choice(None, f"its default `{code}` is not a {alias}")
    for use in uses:
        if use.kind == "contradiction" or (use.kind == "plain" and role != "hyperparams"):
            return Choice(None, f"{use.why}: {show_use(use, line_of)}")
    kinds = {use.kind for use in uses}
    first = {use.kind: use for use in reversed(uses)}
    if role == "hyperparams":
        bad = kinds & {"position", "list", "array"}
        if bad:
            return Choice(None, f"not used as a dict: {show_use(first[min(bad)], line_of)}")
        return Choice(alias)
    if alias not in GENERIC:
        return Choice(alias)  # a specific alias the user chose: no narrowing
    if role in ("data", "shape"):
        wanted = "array" if role == "data" else "tuple"
        unclear = ("key", "list", "nested", "index", "sized") if role == "data" else ("key", "list", "nested")
        for kind in unclear:
            if kind in kinds and (kind not in ("sized", "index") or not kinds & {"array", "position"}):
                return Choice(None, f"no narrow {alias} alias allows {show_use(first[kind], line_of)}")
        if kinds & {"position", "array", "sized", "index"}:
            if role == "data" and "position" in kinds and "array" not in kinds:
                unpack = next(u for u in uses if u.kind == "position")
                if isinstance(unpack.node, (cst.Assign, cst.Call)):
                    return Choice(None, f"unpacked as a sequence: {show_use(unpack, line_of)}")
            return Choice(_NARROW[(role, wanted)])
        return Choice(alias)
    # params and state: a dict, tuple or list of arrays
    if "nested" in kinds:
        return Choice(None, f"a nested container: {show_use(first['nested'], line_of)}")
    if "array" in kinds:
        return Choice(None, f"used as a single array: {show_use(first['array'], line_of)}")
    containers = {_KIND_CONTAINER[k] for k in kinds if k in _KIND_CONTAINER}
    if containers == {"list", "tuple"}:
        containers = {"list"}
    if len(containers) > 1:
        shown = " and ".join(show_use(first[k], line_of) for k in sorted(kinds & set(_KIND_CONTAINER)))
        return Choice(None, f"used both as a dict and a sequence: {shown}")
    if "index" in kinds and not containers:
        return Choice(None, f"indexed by a computed key: {show_use(first['index'], line_of)}")
    if "sized" in kinds and not containers:
        return Choice(None, f"iterated or measured, items unknown: {show_use(first['sized'], line_of)}")
    if containers:
        return Choice(_NARROW[(role, containers.pop())])
    return Choice(alias)
