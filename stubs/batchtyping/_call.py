"""``check``: a function's signature compiled once (on its first call), checked on every call.

Per call: one ``Env`` of bindings, each annotated argument's node, the call, the return
value's node (in the same ``Env``: batch size, structures and State shapes bind across the
arguments and the return). Signatures using jaxtyping features the nodes do not implement
(``Unsupported``: symbolic or broadcastable dimensions, composite structures...) are checked
by ``jaxtyped(typechecker=beartype)``, the reference the compiled checks agree with.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from typing import Any

from jaxtyping import TypeCheckError, jaxtyped
from jaxtyping._config import config

from batchtyping._compile import STATE_FAMILY, Compiler, label
from batchtyping._leaves import Env
from batchtyping._nodes import Failure, Node
from batchtyping._spec import Unsupported, pop_bindings, push_bindings

_EMPTY = inspect.Parameter.empty
_PATH = 120
"""Longer leaf paths (deep trees) are shown by their two ends."""
_VARIADIC = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def reference(fn: Callable[..., Any]) -> Callable[..., Any]:
    """jaxtyping+beartype: the fallback, and what the differential tests compare with."""
    from beartype import beartype

    return jaxtyped(typechecker=beartype)(fn)


def _resolve(annotation: Any, namespace: dict[str, Any]) -> Any:
    """jaxtyping's reading of an annotation: strings evaluated in the function's globals,
    anything unresolvable (an import under ``TYPE_CHECKING``) is ``Any``."""
    if annotation is _EMPTY:
        return Any
    if not isinstance(annotation, str):
        return annotation
    try:
        return eval(annotation, dict(namespace))  # noqa: S307 - what get_type_hints does
    except Exception:  # noqa: BLE001 - jaxtyping's rule: unresolvable means unchecked
        return Any


@dataclasses.dataclass
class Plan:
    name: str
    signature: inspect.Signature
    params: dict[str, tuple[Any, Node | None, str]]
    """name -> (kind, node, 'argument "x"')."""
    positional: list[tuple[Node | None, str, str]] | None
    """(node, where, root) per parameter when all are plain positional ones."""
    result: Node | None

    def arguments(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Env:
        env = Env()
        positional = self.positional
        if positional is not None and not kwargs and len(args) == len(positional):
            for (node, where, root), value in zip(positional, args):
                if node is not None:
                    env.where = where
                    failure = node.check(value, env)
                    if failure is not None:
                        self.fail(where, root, node, failure)
            return env
        for name, value in self.signature.bind(*args, **kwargs).arguments.items():
            kind, node, where = self.params[name]
            if node is None:
                continue
            env.where = where
            items = (enumerate(value) if kind is inspect.Parameter.VAR_POSITIONAL
                     else value.items() if kind is inspect.Parameter.VAR_KEYWORD else None)
            if items is None:
                failure = node.check(value, env)
                if failure is not None:
                    self.fail(where, name, node, failure)
                continue
            for key, item in items:
                failure = node.check(item, env)
                if failure is not None:
                    self.fail(where, f"{name}[{key!r}]", node, failure)
        return env

    def returned(self, value: Any, env: Env) -> None:
        node = self.result
        if node is not None:
            env.where = "the return value"
            failure = node.check(value, env)
            if failure is not None:
                self.fail("the return value", "return", node, failure)

    def fail(self, where: str, root: str, node: Node, failure: Failure) -> None:
        lines = [f"{self.name}: {where} is not {node.label}:"]
        for problem in failure.problems:
            alias = f" ({problem.alias})" if problem.alias and problem.alias != node.label else ""
            path = problem.path if len(problem.path) <= _PATH else (
                f"{problem.path[:_PATH // 2]}...{problem.path[-_PATH // 2:]}")
            lines.append(f"  {root}{path}{alias}: {problem.message}")
        if failure.total > len(failure.problems):
            lines.append(f"  ... and {failure.total - len(failure.problems):,} more")
        raise TypeCheckError("\n".join(lines))


def _plan(fn: Callable[..., Any]) -> Plan:
    signature = inspect.signature(fn)
    namespace = getattr(inspect.unwrap(fn), "__globals__", {})
    hints = {name: _resolve(parameter.annotation, namespace) for name, parameter in signature.parameters.items()}
    # One state argument binds its structure to the returned state, whatever the spellings; two
    # different states (``state: State, counter: DictState``) stay independent, as in jaxtyping.
    states = sum(1 for hint in hints.values() if label(hint) in STATE_FAMILY)
    compiler = Compiler(bind_flat_states=states <= 1)
    params = {}
    for name, parameter in signature.parameters.items():
        node = compiler.compile(hints[name])
        params[name] = (parameter.kind, node, f'argument "{name}"')
    result = compiler.compile(_resolve(signature.return_annotation, namespace))
    plain = all(p.kind not in _VARIADIC and p.kind is not inspect.Parameter.KEYWORD_ONLY
                for p in signature.parameters.values())
    positional = [(node, where, name) for name, (_, node, where) in params.items()] if plain else None
    module = getattr(fn, "__module__", None)
    qualname = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)
    return Plan(f"{module}.{qualname}" if module else qualname, signature, params, positional, result)


def _descriptor(fn: Any) -> Any:
    """jaxtyped's handling of classes and method descriptors."""
    if inspect.isclass(fn):
        if dataclasses.is_dataclass(fn) and not getattr(fn, "__no_type_check__", False):
            setattr(fn, "__init__", check(fn.__init__))  # noqa: B010 - mypy: no method-assign
        return fn
    if isinstance(fn, (classmethod, staticmethod)):
        return type(fn)(check(fn.__func__))
    if isinstance(fn, property):
        return property(*(None if f is None else check(f) for f in (fn.fget, fn.fset, fn.fdel)))
    return None


def check(fn: Any) -> Any:
    """Check ``fn``'s batchtyping (and other jaxtyping) annotations on every call."""
    import jax.stages

    if isinstance(fn, jax.stages.Wrapped):
        name = getattr(fn, "__name__", repr(fn))
        raise TypeError(
            f"batchtyping.check cannot wrap the jitted function {name!r}: apply it "
            "under jax.jit instead, i.e. @jax.jit above @batchtyping.check, or "
            "jax.jit(check(f))."
        )
    wrapped = _descriptor(fn)
    if wrapped is not None:
        return wrapped
    if not callable(fn):
        raise TypeError(f"batchtyping.check takes a function, got {type(fn).__name__} {fn!r}")
    compiled: list[Any] = []  # [plan, fallback]: one of them None, filled on the first call

    def prepare() -> tuple[Plan | None, Any]:
        if not compiled:
            try:
                compiled.extend([_plan(fn), None])
            except Unsupported:
                compiled.extend([None, _fallback(fn)])
        return compiled[0], compiled[1]

    if inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        def checked_coroutine(*args: Any, **kwargs: Any) -> Any:
            """The arguments are checked on the call, the result once awaited."""
            plan, fallback = prepare()
            if config.jaxtyping_disable:
                return fn(*args, **kwargs)
            if plan is None:
                return fallback(*args, **kwargs)
            env = plan.arguments(args, kwargs)
            return _returned(plan, env, fn(*args, **kwargs))

        return _mark_coroutine_function(checked_coroutine)

    @functools.wraps(fn)
    def checked(*args: Any, **kwargs: Any) -> Any:
        plan = compiled[0] if compiled else prepare()[0]
        if plan is None or config.jaxtyping_disable:
            return (fn if config.jaxtyping_disable else compiled[1])(*args, **kwargs)
        env = plan.arguments(args, kwargs)
        push_bindings(env.dims, env.trees)
        try:
            out = fn(*args, **kwargs)
        finally:
            pop_bindings()
        plan.returned(out, env)
        return out

    return checked


async def _returned(plan: Plan, env: Env, coroutine: Any) -> Any:
    out = await coroutine
    plan.returned(out, env)
    return out


def _mark_coroutine_function(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Still a coroutine function to ``inspect`` (3.12+) and ``asyncio``."""
    mark = getattr(inspect, "markcoroutinefunction", None)
    if mark is not None:
        return mark(fn)  # type: ignore[no-any-return]
    import asyncio.coroutines

    fn._is_coroutine = asyncio.coroutines._is_coroutine  # type: ignore[attr-defined]
    return fn


def _fallback(fn: Callable[..., Any]) -> Callable[..., Any]:
    if not inspect.iscoroutinefunction(fn):
        return reference(fn)
    # A coroutine: jaxtyping would check the coroutine object against the return type;
    # check the arguments and the awaited result through a stand-in of the same signature.
    signature = inspect.signature(fn)
    namespace = getattr(inspect.unwrap(fn), "__globals__", {})
    box: list[Any] = []

    def stand_in(*args: Any, **kwargs: Any) -> Any:
        return box.pop()

    stand_in.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p.replace(annotation=_resolve(p.annotation, namespace))
                    for p in signature.parameters.values()],
        return_annotation=_resolve(signature.return_annotation, namespace),
    )
    stand_in.__module__, stand_in.__qualname__ = fn.__module__, fn.__qualname__
    checked = reference(stand_in)

    async def run(*args: Any, **kwargs: Any) -> Any:
        box.append(await fn(*args, **kwargs))
        return checked(*args, **kwargs)

    return run
