"""Build value descriptions and traced functions by hand, and re-check inferences at run time.

``recheck`` turns every recorded call back into real values (zeros of the recorded dtypes
and shapes) and calls a function annotated with the inferred annotations under
``batchtyping.check``: each choice must be accepted for every call it was inferred from.
"""

from __future__ import annotations

from typing import Any

from batchtyping_codemods.trace.infer import Inference
from batchtyping_codemods.trace.store import Call, Function
from batchtyping_codemods.trace.values import Desc


def arr(*shape: int, dtype: str = "float32", jax: bool = True, tracer: str | None = None) -> Desc:
    desc: Desc = {"t": "array", "dtype": dtype, "shape": list(shape), "jax": jax}
    if tracer:
        desc["tracer"] = tracer
    return desc


def tup(*items: Desc) -> Desc:
    return {"t": "tuple", "items": list(items)}


def lst(*items: Desc) -> Desc:
    return {"t": "list", "items": list(items)}


def dct(**items: Desc) -> Desc:
    return {"t": "dict", "keys": list(items), "strkeys": True, "items": list(items.values())}


def plain(kind: str) -> Desc:
    return {"t": kind}


NONE = plain("none")
INT = plain("int")
BOOL = plain("bool")
FLOAT = plain("float")


def function(params: list[str], *calls: tuple[dict[str, Desc], Desc], name: str = "f") -> Function:
    """A traced function ``name(*params)`` with ``calls`` as (arguments, result) pairs."""
    fn = Function("pkg.mod", name, "/pkg/mod.py", 1, params, seen=len(calls))
    fn.calls = [Call(args, result) for args, result in calls]
    return fn


# ---- back to real values ---------------------------------------------------------------

def materialize(desc: Desc) -> Any:
    import jax.numpy as jnp
    import numpy as np

    t = desc["t"]
    if t == "array":
        return (jnp if desc["jax"] else np).zeros(desc["shape"], dtype=desc["dtype"])
    if t in ("tuple", "list"):
        items = [materialize(d) for d in desc["items"]]
        return tuple(items) if t == "tuple" else items
    if t == "dict":
        return {k: materialize(d) for k, d in zip(desc["keys"], desc["items"], strict=True)}
    if t == "callable":
        return lambda *args: None
    return {"none": None, "bool": True, "int": 1, "float": 1.0, "complex": 1j, "str": "s"}[t]


def recheck(inference: Inference) -> None:
    """Replay every recorded call through ``batchtyping.check`` with the chosen annotations."""
    import batchtyping

    fn = inference.function
    annotated = inference.annotated
    signature = ", ".join(f"{n}: {annotated[n]}" if n in annotated else n for n in fn.params)
    returns = f" -> {inference.returns.annotation}" if inference.returns.annotation else ""
    namespace: dict[str, Any] = {n: getattr(batchtyping, n) for n in batchtyping.__all__}
    exec(f"def replay({signature}){returns}:\n    return __result__", namespace)  # noqa: S102
    checked = batchtyping.check(namespace["replay"])
    for call in fn.calls:
        namespace["__result__"] = materialize(call.result)
        checked(**{n: materialize(d) for n, d in call.args.items()})
