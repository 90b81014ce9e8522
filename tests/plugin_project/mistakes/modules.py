"""Functions used as ModuleCallable that do not fit it."""

from typing import Any

from batchtyping import ArrayData, DictParams, DictState, TupleState, check
from jaxmodels.layers.base import Layer, Model, no_state
from jaxmodels.layers.combinators import chain
from jaxmodels.layers.linear import linear_apply


def no_rng(params: DictParams, data: ArrayData, training: bool, state: DictState) -> tuple[ArrayData, DictState]:
    return data, state


def data_first(
    data: ArrayData, params: DictParams, training: bool, state: DictState, rng: Any
) -> tuple[ArrayData, DictState]:
    return data, state


def data_only(params: DictParams, data: ArrayData, training: bool, state: DictState, rng: Any) -> ArrayData:
    return data


def new_state_structure(
    params: DictParams, data: ArrayData, training: bool, state: DictState, rng: Any
) -> tuple[ArrayData, TupleState]:
    return data, (data,)


@check
def checked_without_rng(
    params: DictParams, data: ArrayData, training: bool, state: DictState
) -> tuple[ArrayData, DictState]:
    return data, state


def layer_checked_without_rng() -> Layer:
    return checked_without_rng  # seeded: a def decorated with @check, arity


def layer_without_rng() -> Layer:
    return no_rng  # seeded: arity


def layer_data_first() -> Layer:
    return data_first  # seeded: parameter order


def layer_data_only() -> Layer:
    return data_only  # seeded: return is not a (data, state) pair


def layer_new_state() -> Layer:
    return new_state_structure  # seeded: state returned with another structure


def model_of(apply: Layer) -> Model[DictParams, DictState]:
    return Model("custom", lambda key, shape: ({}, no_state(), shape), apply)


passed = model_of(data_first)  # seeded: passed as a ModuleCallable, parameter order
stacked = chain([linear_apply, no_rng])  # seeded: in a list of ModuleCallables, arity
arity = model_of(no_rng)  # seeded: passed as a ModuleCallable, arity
returns = model_of(data_only)  # seeded: passed as a ModuleCallable, not a (data, state) pair
restated = model_of(new_state_structure)  # seeded: passed as a ModuleCallable, state of another structure
assigned: Layer = data_first  # seeded: assigned as a ModuleCallable, parameter order
