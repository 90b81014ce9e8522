"""The inference rules, one by one; every inferred choice is re-checked at run time."""

from __future__ import annotations

import pytest

from batchtyping_codemods.trace.infer import (
    Choice,
    Inference,
    batched_slots,
    dtype_family,
    infer,
    infer_all,
    shape_alias,
)
from tests.trace.builders import BOOL, FLOAT, INT, NONE, arr, dct, function, lst, recheck, tup


def inferred(fn) -> Inference:  # type: ignore[no-untyped-def]
    result = infer(fn)
    recheck(result)
    return result


def annotations(result: Inference) -> dict[str, str | None]:
    out = {n: c.annotation for n, c in result.params.items()}
    out["return"] = result.returns.annotation
    return out


# ---- dtype ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("dtypes", "family"),
    [
        (["float32"], "real"),
        (["int32", "float32"], "real"),
        (["complex64"], "complex"),
        (["float32", "complex64"], "inexact"),
        (["int32", "complex64"], None),
        (["bool"], None),
    ],
)
def test_dtype_family(dtypes: list[str], family: str | None) -> None:
    assert dtype_family(arr(2, 3, dtype=d) for d in dtypes) == family


@pytest.mark.parametrize(
    ("dtypes", "alias"),
    [
        (["float32", "float32"], "RealDataFixedT"),
        (["complex64", "complex64"], "ComplexDataFixedT"),
        (["float32", "complex64"], "DataFixedT"),  # conflicting observations: Inexact
        (["int32", "int32"], "RealDataFixedT"),
    ],
)
def test_fixed_dtype_from_every_call(dtypes: list[str], alias: str) -> None:
    calls = [({"x": arr(n, 3, dtype=d)}, arr(n, 3, dtype=d)) for n, d in zip((4, 5), dtypes)]
    assert annotations(inferred(function(["x"], *calls))) == {"x": alias, "return": alias}


def test_fixed_arrays_offer_array_data_as_fallback() -> None:
    calls = [({"x": arr(n, 3), "mean": arr(3)}, arr(n, 3)) for n in (2, 5)]
    result = inferred(function(["x", "mean"], *calls))
    assert (result.params["x"].fallback, result.params["mean"].fallback) == ("ArrayData", None)
    assert result.returns.fallback == "ArrayData"
    result.params["x"] = Choice("ArrayData")
    result.params["mean"] = Choice(None)
    result.returns = Choice("ArrayData")
    recheck(result)  # the fallback holds at run time too
    ints = [({"x": arr(n, 3, dtype="int32")}, arr(n, 3, dtype="int32")) for n in (2, 5)]
    assert inferred(function(["x"], *ints)).params["x"].fallback is None  # ArrayData is Inexact


def test_int_and_complex_calls_get_no_fixed_alias() -> None:
    calls = [({"x": arr(4, 3, dtype="int32")}, arr(4, 3, dtype="int32")),
             ({"x": arr(5, 3, dtype="complex64")}, arr(5, 3, dtype="complex64"))]
    result = inferred(function(["x"], *calls))
    assert annotations(result) == {"x": None, "return": None}
    assert result.params["x"].reason == "batched but not inexact, and not Fixed"


# ---- batch axis -------------------------------------------------------------------------

def test_batched_when_leading_dim_varies_and_is_shared() -> None:
    calls = [{"x": arr(n, 3), "y": arr(n), "w": arr(3, 3)} for n in (2, 7)]
    assert batched_slots(calls, ["x", "y", "w"]) == {"x", "y"}


def test_not_batched_when_leading_dim_is_constant() -> None:
    calls = [{"x": arr(8, 3)}, {"x": arr(8, 3)}]
    assert batched_slots(calls, ["x"]) == set()
    assert batched_slots(calls, ["x"], force=["x"]) == {"x"}


def test_a_slot_disagreeing_with_the_batch_is_left_out() -> None:
    calls = [{"x": arr(n, 3), "y": arr(m, 3)} for n, m in ((2, 3), (4, 3))]
    assert batched_slots(calls, ["x", "y"]) == {"x"}


def test_tree_with_mixed_leading_dims_is_not_batched() -> None:
    calls = [{"x": dct(a=arr(n, 3), b=arr(n + 1))} for n in (2, 5)]
    assert batched_slots(calls, ["x"]) == set()


def test_array_data_and_data() -> None:
    calls = [({"x": arr(n, 3), "tree": dct(a=arr(n, 2), b=tup(arr(n), NONE))}, arr(n))
             for n in (2, 5)]
    assert annotations(inferred(function(["x", "tree"], *calls))) == {
        "x": "ArrayData", "tree": "Data", "return": "ArrayData"
    }


def test_batchless_when_trailing_shape_matches_the_batched_return() -> None:
    calls = [({"x": arr(n, 3), "mean": arr(3)}, arr(n, 3)) for n in (2, 5)]
    assert annotations(inferred(function(["x", "mean"], *calls))) == {
        "x": "RealDataFixedT", "mean": "BatchlessRealDataFixed", "return": "RealDataFixedT"
    }


def test_fixed_needs_structure_and_trailing_shapes_to_agree() -> None:
    calls = [({"x": dct(a=arr(n, 3))}, dct(b=arr(n, 3))) for n in (2, 5)]
    result = inferred(function(["x"], *calls))
    assert annotations(result) == {"x": "Data", "return": None}
    assert "callers would have to narrow" in result.returns.reason


def test_unbatched_array_without_fixed_partner_is_left() -> None:
    calls = [({"w": arr(3, 3)}, NONE), ({"w": arr(3, 3)}, NONE)]
    result = inferred(function(["w"], *calls))
    assert result.params["w"].annotation is None
    assert result.params["w"].reason.startswith("no batch axis")


def test_scalar_arrays_get_nothing() -> None:
    calls = [({"x": arr(n, 3)}, arr()) for n in (2, 5)]
    result = inferred(function(["x"], *calls))
    assert annotations(result) == {"x": "ArrayData", "return": None}
    assert result.returns.reason == "scalar arrays: no alias for them"


def test_numpy_arrays_are_not_jax_arrays() -> None:
    calls = [({"x": arr(n, 3, jax=False)}, NONE) for n in (2, 5)]
    result = inferred(function(["x"], *calls))
    assert result.params["x"] == result.params["x"].__class__(
        None, "numpy arrays (the aliases need jax arrays)"
    )


def test_tracers_count_like_arrays() -> None:
    calls = [({"x": arr(n, 3, tracer="DynamicJaxprTracer")}, arr(n, 3, tracer="BatchTracer"))
             for n in (2, 5)]
    assert annotations(inferred(function(["x"], *calls))) == {
        "x": "RealDataFixedT", "return": "RealDataFixedT"
    }


# ---- containers, params and state -------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "alias"),
    [
        (dct(w=arr(3, 3), b=arr(3)), "DictParams"),
        (tup(arr(3, 3), arr(3)), "TupleParams"),
        (lst(arr(3, 3), arr(3)), "ListParams"),
        (lst(dct(w=arr(3, 3)), tup()), "Params"),
        (dct(w=arr(3), b=NONE), "Params"),  # None is an empty subtree, not a dict value
        (dct(w=arr(3, dtype="int32")), None),
        (dct(w=arr(3, jax=False)), None),
    ],
)
def test_params_variants(value, alias) -> None:  # type: ignore[no-untyped-def]
    result = inferred(function(["params"], ({"params": value}, NONE)))
    assert result.params["params"].annotation == alias


def test_non_str_keys_are_not_dict_params() -> None:
    value = {"t": "dict", "keys": ["0"], "strkeys": False, "items": [arr(3)]}
    assert infer(function(["params"], ({"params": value}, NONE))).params["params"].annotation == "Params"


@pytest.mark.parametrize(
    ("value", "alias"),
    [
        (dct(count=arr(dtype="int32"), mean=arr(3)), "DictState"),
        (tup(), "TupleState"),
        (tup(dct(mean=arr(3)), tup()), "State"),
        (dct(flag=arr(dtype="bool")), None),
    ],
)
def test_state_variants(value, alias) -> None:  # type: ignore[no-untyped-def]
    result = inferred(function(["state"], ({"state": value}, NONE)))
    assert result.params["state"].annotation == alias


def test_params_bind_one_structure_per_call() -> None:
    calls = [({"params": lst(dct(w=arr(3))), "new_params": lst(dct(w=arr(3)), NONE)}, NONE)]
    result = inferred(function(["params", "new_params"], *calls))
    assert result.params["params"].annotation == "Params"
    assert result.params["new_params"].annotation is None
    assert result.params["new_params"].reason == "Params structure differs from 'params' in a call"


def test_params_in_and_out_share_a_typevar() -> None:
    calls = [({"params": lst(dct(w=arr(3)))}, lst(dct(w=arr(3))))]
    assert annotations(inferred(function(["params"], *calls, name="init_params"))) == {
        "params": "ParamsT", "return": "ParamsT"
    }


# ---- shapes, hyperparameters, flags ---------------------------------------------------------

@pytest.mark.parametrize(
    ("values", "alias"),
    [
        ([tup(INT, INT), tup(INT)], "ArrayDataShape"),
        ([tup(INT, NONE)], "ArrayDataShape"),
        ([dct(a=tup(INT), b=tup(INT, INT))], "DataShape"),
        ([tup(tup(INT), tup(INT, INT))], "DataShape"),
        ([lst(INT, INT)], None),  # a list of ints is not a shape at run time
    ],
)
def test_shapes(values, alias) -> None:  # type: ignore[no-untyped-def]
    assert shape_alias(values) == alias
    result = inferred(function(["s"], *[({"s": v}, NONE) for v in values]))
    assert result.params["s"].annotation == alias


def test_hyperparams_and_bool() -> None:
    hyper = {"t": "dict", "keys": ["lr", "sizes", "name"], "strkeys": True,
             "items": [FLOAT, lst(INT, INT), {"t": "str"}]}
    calls = [({"cfg": hyper, "training": BOOL, "with_arrays": dct(a=arr(3))}, NONE)]
    assert annotations(inferred(function(["cfg", "training", "with_arrays"], *calls))) == {
        "cfg": "HyperParams", "training": "bool", "with_arrays": None, "return": None
    }


def test_plain_returns_get_hyperparams_only_by_name() -> None:
    metrics = dct(loss=FLOAT)
    assert infer(function([], ({}, metrics), name="evaluate")).returns.annotation is None
    assert infer(function([], ({}, metrics), name="default_hyperparams")).returns.annotation == "HyperParams"


# ---- forward passes ---------------------------------------------------------------------------

FORWARD = ["params", "inputs", "training", "state", "key"]


def _forward_calls(state_out=None):  # type: ignore[no-untyped-def]
    return [
        ({"params": dct(w=arr(3, 2)), "inputs": arr(8, 3), "training": BOOL,
          "state": dct(n=arr(dtype="int32")), "key": NONE},
         tup(arr(8, 2), state_out or dct(n=arr(dtype="int32"))))
    ]


def test_forward_pass_by_its_calls() -> None:
    result = inferred(function(FORWARD, *_forward_calls(), name="forward"))
    assert result.forward_pass
    assert annotations(result) == {
        "params": "DictParams", "inputs": "ArrayData", "training": "bool", "state": "DictState",
        "key": None, "return": "tuple[ArrayData, DictState]",
    }


def test_forward_pass_state_in_and_out_must_agree() -> None:
    result = inferred(function(FORWARD, *_forward_calls(state_out=tup()), name="forward"))
    assert result.params["state"].annotation is None
    assert result.returns.reason == "takes DictState but returns TupleState"


def test_a_factory_returning_a_forward_pass_gets_module_callable() -> None:
    forward = function(FORWARD, *_forward_calls(), name="make.<locals>.forward")
    factory = function([], ({}, {"t": "callable", "code": "pkg.mod:make.<locals>.forward"}), name="make")
    results = infer_all([forward, factory])
    assert results[1].returns.annotation == "ModuleCallable[DictParams, DictState, ArrayData]"
    recheck(results[1])


def test_no_calls_no_annotations() -> None:
    result = infer(function(["x"]))
    assert result.params["x"].reason == "no calls recorded"
