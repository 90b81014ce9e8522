"""Batch binding: one batch size across every batched argument and the return of a call."""

import jax.numpy as jnp
from jax import Array

from batchtyping import (
    ArrayData,
    ArrayParams,
    ArrayState,
    BatchlessDataFixed,
    Data,
    DataFixed,
    Params,
    RealDataFixed,
    State,
    check,
)

# case array_data_same_batch: accepted
@check
def f(x: ArrayData, y: ArrayData) -> None: ...
f(jnp.zeros((4, 3)), jnp.zeros(4))

# case array_data_batch_mismatch: rejected by runtime
@check
def f(x: ArrayData, y: ArrayData) -> None: ...
f(jnp.zeros((4, 3)), jnp.zeros(5))

# case array_data_scalar: rejected by runtime
@check
def f(x: ArrayData) -> None: ...
f(jnp.zeros(()))

# case array_data_return_same_batch: accepted
@check
def f(x: ArrayData) -> ArrayData:
    return x * 2
f(jnp.zeros((4, 3)))

# case array_data_return_batch_mismatch: rejected by runtime
@check
def f(x: ArrayData) -> ArrayData:
    return x[:2]
f(jnp.zeros((4, 3)))

# case array_data_return_scalar: rejected by runtime
@check
def f(x: ArrayData) -> ArrayData:
    return x.sum()
f(jnp.zeros((4, 3)))

# case data_leaves_same_batch: accepted
@check
def f(x: Data) -> None: ...
f({"image": jnp.zeros((4, 8, 8)), "label": jnp.zeros(4)})

# case data_leaves_batch_mismatch: rejected by runtime
@check
def f(x: Data) -> None: ...
f({"image": jnp.zeros((4, 8, 8)), "label": jnp.zeros(5)})

# case data_scalar_leaf: rejected by runtime
@check
def f(x: Data) -> None: ...
f({"image": jnp.zeros((4, 8, 8)), "weight": jnp.zeros(())})

# case data_args_batch_mismatch: rejected by runtime
@check
def f(x: Data, y: Data) -> None: ...
f((jnp.zeros((4, 3)),), [jnp.zeros(5)])

# case data_and_array_data_share_batch: rejected by runtime
@check
def f(x: Data, y: ArrayData) -> None: ...
f({"a": jnp.zeros((4, 3))}, jnp.zeros(8))

# case data_return_batch_mismatch: rejected by runtime
@check
def f(x: Data) -> Data:
    return {"out": jnp.zeros(3)}
f({"a": jnp.zeros((4, 3))})

# case data_fixed_batch_mismatch: rejected by runtime
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f(jnp.zeros((4, 3)), jnp.zeros((5, 3)))

# case fixed_families_share_batch: rejected by runtime
@check
def f(x: DataFixed, y: RealDataFixed) -> None: ...
f(jnp.zeros((4, 3)), jnp.zeros((5, 2), dtype=jnp.int32))

# case fixed_and_data_share_batch: accepted
@check
def f(x: DataFixed, y: Data) -> None: ...
f(jnp.zeros((4, 3)), {"a": jnp.zeros(4)})

# case batchless_has_no_batch_axis: accepted
@check
def f(x: DataFixed, y: BatchlessDataFixed) -> None: ...
f(jnp.zeros((4, 3)), jnp.zeros(3))

# case batch_binds_per_call: accepted
@check
def f(x: ArrayData, y: ArrayData) -> None: ...
f(jnp.zeros(4), jnp.zeros(4))
f(jnp.zeros(5), jnp.zeros(5))

# case nested_call_binds_own_batch: accepted
@check
def inner(x: ArrayData) -> ArrayData:
    return x
@check
def outer(x: ArrayData) -> ArrayData:
    inner(jnp.zeros(7))
    return inner(x)
outer(jnp.zeros(4))

# case params_have_no_batch: accepted
@check
def f(p: Params, x: ArrayData) -> None: ...
f({"w": jnp.zeros((3, 2)), "b": jnp.zeros(2)}, jnp.zeros((4, 3)))

# case state_has_no_batch: accepted
@check
def f(x: ArrayData, s: State) -> None: ...
f(jnp.zeros((4, 3)), {"mean": jnp.zeros(3)})

# case array_params_have_no_batch: accepted
@check
def f(p: ArrayParams, x: ArrayData) -> None: ...
f(jnp.zeros((3, 2)), jnp.zeros((4, 3)))

# case array_state_has_no_batch: accepted
@check
def f(x: ArrayData, s: ArrayState) -> ArrayState:
    return s
f(jnp.zeros((4, 3)), jnp.zeros(()))

# case data_none_leaf_with_batch: accepted
@check
def f(x: Data, y: ArrayData) -> None: ...
f({"a": jnp.zeros((4, 3)), "mask": None}, jnp.zeros(4))

# case plain_array_argument_not_bound: accepted
@check
def f(x: ArrayData, w: Array) -> None: ...
f(jnp.zeros((4, 3)), jnp.zeros(9))
