"""Container kind: which containers each alias admits, including None and empty trees."""

from collections import OrderedDict, defaultdict
from typing import Any

import jax.numpy as jnp
from jax import Array

from batchtyping import (
    ArrayParams,
    ArrayState,
    Data,
    DictParams,
    DictState,
    HyperParams,
    ListParams,
    ListState,
    Params,
    State,
    TupleParams,
    TupleState,
    check,
)

# case params_nested_containers: accepted
@check
def f(p: Params) -> None: ...
f({"dense": [jnp.zeros((3, 2)), jnp.zeros(2)], "norm": (jnp.ones(2), {"eps": jnp.ones(())})})

# case params_none: accepted
@check
def f(p: Params) -> None: ...
f(None)

# case params_none_inside: accepted
@check
def f(p: Params) -> None: ...
f({"w": jnp.zeros(3), "b": None})

# case params_empty_dict: accepted
@check
def f(p: Params) -> None: ...
f({})

# case params_empty_list: accepted
@check
def f(p: Params) -> None: ...
f([])

# case params_empty_tuple: accepted
@check
def f(p: Params) -> None: ...
f(())

# case params_dict_variable: accepted
@check
def f(p: Params) -> None: ...
weights: dict[str, Array] = {"w": jnp.zeros(3)}
f(weights)

# case params_list_variable: accepted
@check
def f(p: Params) -> None: ...
layers: list[tuple[Array, Array]] = [(jnp.zeros((3, 2)), jnp.zeros(2))]
f(layers)

# case params_int_keys: accepted
@check
def f(p: Params) -> None: ...
f({0: jnp.zeros(3), 1: jnp.zeros(2)})

# case params_ordered_dict: accepted
@check
def f(p: Params) -> None: ...
f(OrderedDict(w=jnp.zeros(3)))

# case params_defaultdict: accepted
@check
def f(p: Params) -> None: ...
table: defaultdict[str, Array] = defaultdict(lambda: jnp.zeros(3))
table["w"] = jnp.zeros(3)
f(table)

# case params_set: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f({"w", "b"})

# case params_generator: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f(jnp.zeros(3) for _ in range(2))

# case tuple_params_tuple: accepted
@check
def f(p: TupleParams) -> None: ...
f((jnp.zeros((3, 2)), jnp.zeros(2)))

# case tuple_params_empty: accepted
@check
def f(p: TupleParams) -> None: ...
f(())

# case tuple_params_list: rejected by runtime, static
@check
def f(p: TupleParams) -> None: ...
f([jnp.zeros((3, 2)), jnp.zeros(2)])

# case tuple_params_nested_tuple: rejected by runtime, static
@check
def f(p: TupleParams) -> None: ...
f(((jnp.zeros(2), jnp.zeros(2)),))

# case tuple_params_none: rejected by runtime, static
@check
def f(p: TupleParams) -> None: ...
f(None)

# case list_params_list: accepted
@check
def f(p: ListParams) -> None: ...
f([jnp.zeros((3, 2)), jnp.zeros(2)])

# case list_params_empty: accepted
@check
def f(p: ListParams) -> None: ...
f([])

# case list_params_tuple: rejected by runtime, static
@check
def f(p: ListParams) -> None: ...
f((jnp.zeros((3, 2)), jnp.zeros(2)))

# case dict_params_dict: accepted
@check
def f(p: DictParams) -> None: ...
f({"w": jnp.zeros((3, 2)), "b": jnp.zeros(2)})

# case dict_params_empty: accepted
@check
def f(p: DictParams) -> None: ...
f({})

# case dict_params_int_keys: rejected by runtime, static
@check
def f(p: DictParams) -> None: ...
f({0: jnp.zeros(3), 1: jnp.zeros(2)})

# case dict_params_nested_dict: rejected by runtime, static
@check
def f(p: DictParams) -> None: ...
f({"dense": {"w": jnp.zeros(3)}})

# case dict_params_list: rejected by runtime, static
@check
def f(p: DictParams) -> None: ...
f([jnp.zeros(3)])

# case hyperparams_mixed_values: accepted
@check
def f(h: HyperParams) -> None: ...
f({"lr": 1e-3, "layers": [64, 64], "name": "mlp", "act": jnp.tanh})

# case hyperparams_empty: accepted
@check
def f(h: HyperParams) -> None: ...
f({})

# case hyperparams_int_keys: rejected by runtime, static
@check
def f(h: HyperParams) -> None: ...
f({1: "one", 2: "two"})

# case hyperparams_list: rejected by runtime, static
@check
def f(h: HyperParams) -> None: ...
f([("lr", 1e-3)])

# case hyperparams_none: rejected by runtime, static
@check
def f(h: HyperParams) -> None: ...
f(None)

# case state_tuple: accepted
@check
def f(s: State) -> None: ...
f((jnp.zeros(3), jnp.zeros((), dtype=jnp.int32)))

# case state_none: accepted
@check
def f(s: State) -> None: ...
f(None)

# case state_empty_dict: accepted
@check
def f(s: State) -> None: ...
f({})

# case tuple_state_tuple: accepted
@check
def f(s: TupleState) -> None: ...
f((jnp.zeros(3), jnp.zeros((), dtype=jnp.int32)))

# case tuple_state_list: rejected by runtime, static
@check
def f(s: TupleState) -> None: ...
f([jnp.zeros(3)])

# case list_state_tuple: rejected by runtime, static
@check
def f(s: ListState) -> None: ...
f((jnp.zeros(3),))

# case dict_state_dict: accepted
@check
def f(s: DictState) -> None: ...
f({"mean": jnp.zeros(3), "count": jnp.zeros((), dtype=jnp.int32)})

# case dict_state_none: rejected by runtime, static
@check
def f(s: DictState) -> None: ...
f(None)

# case data_dict: accepted
@check
def f(x: Data) -> None: ...
f({"image": jnp.zeros((4, 8, 8)), "label": jnp.zeros((4, 10))})

# case data_none: accepted
@check
def f(x: Data) -> None: ...
f(None)

# case data_empty_tuple: accepted
@check
def f(x: Data) -> None: ...
f(())

# case data_any_variable: accepted
@check
def f(x: Data) -> None: ...
loaded: Any = jnp.zeros((4, 3))
f(loaded)

# case array_params_array: accepted
@check
def f(p: ArrayParams) -> None: ...
f(jnp.zeros((3, 2)))

# case array_params_dict: rejected by runtime, static
@check
def f(p: ArrayParams) -> None: ...
f({"w": jnp.zeros(3)})

# case array_params_tuple: rejected by runtime, static
@check
def f(p: ArrayParams) -> None: ...
f((jnp.zeros(3),))

# case array_params_none: rejected by runtime, static
@check
def f(p: ArrayParams) -> None: ...
f(None)

# case array_params_passed_on_as_params: accepted
@check
def tree(p: Params) -> None: ...
@check
def f(p: ArrayParams) -> None:
    tree(p)
    tree({"w": p})
f(jnp.zeros(3))

# case array_state_array: accepted
@check
def f(s: ArrayState) -> ArrayState:
    return s + 1
f(jnp.zeros((), dtype=jnp.int32))

# case array_state_list: rejected by runtime, static
@check
def f(s: ArrayState) -> None: ...
f([jnp.zeros(3)])

# case array_state_none: rejected by runtime, static
@check
def f(s: ArrayState) -> None: ...
f(None)

# case array_state_passed_on_as_state: accepted
@check
def tree(s: State) -> None: ...
@check
def f(s: ArrayState) -> None:
    tree(s)
    tree((s, s))
f(jnp.zeros(3))
