"""From recorded calls to annotations: pure functions, one per rule.

Every rule only picks an alias that ``batchtyping.check`` accepts for *every* recorded
call (the runtime semantics are modelled here and re-checked against jax in the tests):

* dtype: ``Real`` (integer or floating leaves), ``Complex``, or ``Inexact`` (the plain
  name) when calls disagree (one real, another complex); params and data need inexact
  leaves, state numeric ones; leaves must be jax arrays.
* batch: a data argument is batched when its leading dimension is the same over all its
  leaves, shared with the other batched arguments and the return, and varies across calls
  (or it is data by name or forward-pass position); the others are ``Batchless``.
* Fixed: arguments and return whose tree structure and per-leaf trailing shapes agree in
  every call get the ``DataFixed`` family (trailing shape = shape without the batch axis),
  with ``ArrayData`` as the fallback for a batched inexact array (``Choice.fallback``).
* containers: a flat ``dict``/``tuple``/``list`` of arrays gets ``Dict``/``Tuple``/``List``
  ``Params``/``State``; nested trees the tree alias. Tree aliases with a structure name
  (``Params``, ``State``) bind one structure per call: a second slot that differs is left.
* ``ArrayDataShape`` for tuples of ints, ``DataShape`` for trees of them; ``HyperParams``
  for str-keyed dicts of plain values; ``bool`` for flags.
* roles: a forward pass ``(params, data, training, state, rng) -> (data, state)`` is
  recognised by its calls (a bool third argument, a pair returned); otherwise parameter and
  function names follow ``annotate``'s conventions (``new_params`` as ``params``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from batchtyping.vocabulary import ALIASES, MODULE_CALLABLE_PARAMETERS, STRUCTURE_TYPEVARS

from batchtyping_codemods.rules.conventions import FORWARD_ROLES, AnnotateConfig, role_of
from batchtyping_codemods.trace.fits import (
    RETURN,
    Choice,
    all_leaves,
    batched_slots,
    container_alias,
    dtype_family,
    fixed_alias,
    fixed_group,
    has_leaves,
    inexact_leaf,
    inexact_or_real,
    is_hyperparams,
    leading,
    no_big,
    numeric_leaf,
    shape_alias,
)
from batchtyping_codemods.trace.store import Function
from batchtyping_codemods.trace.values import Desc, children, dtype_kind, leaves, structure



@dataclass
class Inference:
    function: Function
    params: dict[str, Choice] = field(default_factory=dict)
    returns: Choice = Choice(None, "no calls recorded")
    forward_pass: bool = False

    @property
    def annotated(self) -> dict[str, str]:
        return {k: c.annotation for k, c in self.params.items() if c.annotation}


# ---- leaf predicates --------------------------------------------------------------------

def is_forward_pass(fn: Function) -> bool:
    """Called as ``(params, data, training, state, rng)``, returning a pair, in every call."""
    names = _param_names(fn)
    if len(names) != 5 or not fn.calls:
        return False
    return all(
        c.args.get(names[2], {}).get("t") == "bool"
        and c.result["t"] == "tuple" and len(c.result["items"]) == 2
        for c in fn.calls
    )


def _param_names(fn: Function) -> list[str]:
    """The parameters recorded in every call (not ``self``/``cls``)."""
    return [n for n in fn.params if all(n in c.args for c in fn.calls)]


def _slot_calls(fn: Function, forward: bool) -> list[dict[str, Desc]]:
    out = []
    for c in fn.calls:
        slots = dict(c.args)
        if forward:
            slots[RETURN + "[0]"], slots[RETURN + "[1]"] = c.result["items"]
        else:
            slots[RETURN] = c.result
        out.append(slots)
    return out


def _roles(fn: Function, forward: bool, config: AnnotateConfig) -> dict[str, str | None]:
    names = _param_names(fn)
    if forward:
        roles: dict[str, str | None] = dict(zip(names, FORWARD_ROLES, strict=True))
        roles[RETURN + "[0]"], roles[RETURN + "[1]"] = "data", "state"
        return roles
    roles = {}
    for name in names:
        alias = config.parameter_alias(name) or config.parameter_alias(name.rpartition("_")[2])
        roles[name] = role_of(alias) if alias else "data" if name in config.forward_pass["data"] else None
    alias = config.return_alias(fn.qualname.rsplit(".", 1)[-1])
    roles[RETURN] = role_of(alias) if alias else None
    return _roles_by_structure(fn, roles)


def _roles_by_structure(fn: Function, roles: dict[str, str | None]) -> dict[str, str | None]:
    """A slot without a role whose tree structure equals a params (or state) argument's in
    every call has that role too: gradients, updated parameters, new state."""
    calls = _slot_calls(fn, forward=False)
    for role in ("params", "state"):
        models = [s for s, r in roles.items() if r == role]
        for slot, current in roles.items():
            if current is None and any(
                all(structure(c[slot]) == structure(c[m]) and any(leaves(c[m])) for c in calls)
                for m in models
            ):
                roles[slot] = role
    return roles


def infer(fn: Function, config: AnnotateConfig | None = None) -> Inference:
    """The annotations for one traced function."""
    config = config or AnnotateConfig()
    result = Inference(fn)
    if not fn.calls:
        result.params = {n: Choice(None, "no calls recorded") for n in fn.params}
        return result
    forward = result.forward_pass = is_forward_pass(fn)
    calls = _slot_calls(fn, forward)
    roles = _roles(fn, forward, config)
    slots = list(roles)
    values = {s: [c[s] for c in calls] for s in slots}
    choices: dict[str, Choice] = {}
    data_slots = []
    for slot in slots:
        role, vals = roles[slot], values[slot]
        if all(v["t"] == "bool" for v in vals):
            choices[slot] = Choice("bool")
        elif role in (None, "shape") and (shape := shape_alias(vals)):
            choices[slot] = Choice(shape)
        elif role in (None, "hyperparams") and is_hyperparams(vals) and (
            slot != RETURN or role or "hyperparam" in fn.qualname.rsplit(".", 1)[-1]
        ):
            choices[slot] = Choice("HyperParams")
        elif role == "params":
            choices[slot] = container_alias(vals, "params", inexact_leaf)
        elif role == "state":
            choices[slot] = container_alias(vals, "state", numeric_leaf)
        elif role in (None, "data") and no_big(vals) and has_leaves(vals) and all_leaves(vals, inexact_or_real):
            data_slots.append(slot)
        else:
            choices[slot] = Choice(None, _why_not(role, vals))
    choices.update(_infer_data(calls, data_slots, [s for s in data_slots if roles[s] == "data"]))
    _bind_structures(choices, calls, slots)
    if forward:
        _forward_consistency(choices, _param_names(fn))
    else:
        _return_for_callers(choices, _param_names(fn))
    result.params = {n: choices[n] for n in _param_names(fn)}
    if forward:
        a, b = choices[RETURN + "[0]"], choices[RETURN + "[1]"]
        result.returns = (
            Choice(f"tuple[{a.annotation}, {b.annotation}]") if a.annotation and b.annotation
            else Choice(None, a.reason or b.reason)
        )
    else:
        result.returns = choices[RETURN]
    return result


def _why_not(role: str | None, vals: Sequence[Desc]) -> str:
    """Why no alias fits; empty (nothing worth listing) for values that were never arrays."""
    if role is None and not any(leaf["t"] == "array" for v in vals for leaf in leaves(v)):
        return ""
    kinds = sorted({v["t"] for v in vals})
    if "array" in kinds and not all(v.get("jax", True) for v in vals):
        return "numpy arrays (the aliases need jax arrays)"
    return f"no alias fits (role {role or 'unknown'}; seen: {', '.join(kinds)})"


def _infer_data(calls: Sequence[dict[str, Desc]], slots: list[str], force: list[str]) -> dict[str, Choice]:
    batched = batched_slots(calls, slots, force)
    choices: dict[str, Choice] = {}
    group = fixed_group(calls, slots, batched)
    family = dtype_family(c[s] for c in calls for s in group) if group else None
    for slot in slots:
        vals = [c[slot] for c in calls]
        if family and slot in group:
            plain = slot in batched and all(v["t"] == "array" and inexact_leaf(v) for v in vals)
            choices[slot] = Choice(fixed_alias(family, slot in batched), fallback="ArrayData" if plain else None)
        elif all(leaf["shape"] == [] for v in vals for leaf in leaves(v)):
            choices[slot] = Choice(None, "scalar arrays: no alias for them")
        elif slot not in batched:
            choices[slot] = Choice(None, "no batch axis (leading dimension constant across calls or not shared) and not Fixed")
        elif not all_leaves(vals, inexact_leaf):
            choices[slot] = Choice(None, "batched but not inexact, and not Fixed")
        elif all(v["t"] == "array" for v in vals):
            choices[slot] = Choice("ArrayData")
        else:
            choices[slot] = Choice("Data")
    return choices


def _bind_structures(choices: dict[str, Choice], calls: Sequence[dict[str, Desc]], slots: Sequence[str]) -> None:
    """Params and State bind one structure per call (State also its leaf shapes)."""
    for name, with_shapes in (("Params", False), ("State", True)):
        bound = [s for s in slots if choices[s].annotation == name]
        for slot in bound[1:]:
            for call in calls:
                a, b = call[bound[0]], call[slot]
                same = structure(a) == structure(b) and (
                    not with_shapes or [x["shape"] for x in leaves(a)] == [x["shape"] for x in leaves(b)]
                )
                if not same:
                    choices[slot] = Choice(None, f"{name} structure differs from {bound[0]!r} in a call")
                    break


def _forward_consistency(choices: dict[str, Choice], names: Sequence[str]) -> None:
    """A forward pass takes and returns the same data and state types (ModuleCallable)."""
    for arg, out in ((names[1], RETURN + "[0]"), (names[3], RETURN + "[1]")):
        if choices[arg].annotation == choices[out].annotation:
            continue
        if {choices[arg].annotation, choices[out].annotation} <= {"Data", "ArrayData"}:
            choices[arg] = choices[out] = Choice("Data")
        else:
            reason = f"takes {choices[arg].annotation} but returns {choices[out].annotation}"
            choices[arg] = choices[out] = Choice(None, reason)


_TREES = {a.name for a in ALIASES if a.container == "tree"}


def _return_for_callers(choices: dict[str, Choice], names: Sequence[str]) -> None:
    """A tree alias is a union statically: as a return type every caller would have to
    narrow it. It is kept only as the structure TypeVar it shares with an argument
    (``def f(x: DataFixedT) -> DataFixedT`` gives callers back their own type)."""
    alias = choices[RETURN].annotation
    if alias not in _TREES:
        return
    typevar = f"{alias}T"
    shared = [n for n in names if choices[n].annotation == alias]
    if typevar in STRUCTURE_TYPEVARS and shared:
        for name in [*shared, RETURN]:
            choices[name] = Choice(typevar, fallback=choices[name].fallback)
    else:
        choices[RETURN] = Choice(None, f"{alias} fits, but as a return type callers would have to narrow it")


def module_callable(forward: Inference) -> str:
    """``ModuleCallable[...]`` for the closures a factory returns, defaults left out."""
    given = {
        "params": forward.params[_param_names(forward.function)[0]].annotation,
        "state": forward.params[_param_names(forward.function)[3]].annotation,
        "data": forward.params[_param_names(forward.function)[1]].annotation,
    }
    args = [given[role] or default for role, default in MODULE_CALLABLE_PARAMETERS]
    defaults = [default for _, default in MODULE_CALLABLE_PARAMETERS]
    while args and args[-1] == defaults[len(args) - 1]:
        args.pop()
    return f"ModuleCallable[{', '.join(args)}]" if args else "ModuleCallable"


def infer_all(functions: Sequence[Function], config: AnnotateConfig | None = None) -> list[Inference]:
    """Every function's inference; a function returning a traced forward pass (a closure)
    gets ``-> ModuleCallable[...]``."""
    results = [infer(fn, config) for fn in functions]
    forwards = {f"{r.function.module}:{r.function.qualname}": r for r in results if r.forward_pass}
    for r in results:
        codes = {c.result.get("code") if c.result["t"] == "callable" else None for c in r.function.calls}
        if r.function.calls and len(codes) == 1 and (code := codes.pop()) in forwards:
            r.returns = Choice(module_callable(forwards[code]))
    return results


