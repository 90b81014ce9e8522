"""Structure binding: a structure name binds tree structure and leaf shapes across one call."""

from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    BatchlessDataFixed,
    ComplexDataFixed,
    Data,
    DataFixed,
    Params,
    RealDataFixed,
    State,
    check,
)

# case fixed_same_tuple_structure: accepted
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f((jnp.zeros((4, 3)), jnp.zeros((4, 2))), (jnp.ones((4, 3)), jnp.ones((4, 2))))

# case fixed_tuple_length_mismatch: rejected by runtime, mypy+plugin
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f((jnp.zeros((4, 3)), jnp.zeros((4, 2))), (jnp.ones((4, 3)),))

# case fixed_dict_vs_tuple: rejected by runtime, mypy+plugin
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f({"a": jnp.zeros((4, 3))}, (jnp.zeros((4, 3)),))

# case fixed_dict_keys_mismatch: rejected by runtime
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f({"a": jnp.zeros((4, 3))}, {"b": jnp.zeros((4, 3))})

# case fixed_array_vs_tuple: rejected by runtime, mypy+plugin
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f(jnp.zeros((4, 3)), (jnp.zeros((4, 3)),))

# case fixed_trailing_shape_mismatch: rejected by runtime
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f(jnp.zeros((4, 3)), jnp.zeros((4, 5)))

# case fixed_rank_mismatch: rejected by runtime
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f(jnp.zeros((4, 3)), jnp.zeros((4, 3, 1)))

# case fixed_return_keeps_structure: accepted
@check
def f(x: DataFixed) -> DataFixed:
    return x
f({"a": jnp.zeros((4, 3)), "b": jnp.zeros((4, 2, 2))})

# case fixed_return_changes_structure: rejected by runtime
@check
def f(x: DataFixed) -> DataFixed:
    return jnp.zeros((4, 3))
f((jnp.zeros((4, 3)), jnp.zeros((4, 3))))

# case fixed_return_changes_shape: rejected by runtime
@check
def f(x: DataFixed) -> DataFixed:
    out: DataFixed = jax.tree.map(lambda a: a[:, :1], x)
    return out
f(jnp.zeros((4, 3)))

# case batchless_shares_structure: accepted
@check
def f(x: DataFixed, mean: BatchlessDataFixed) -> None: ...
f((jnp.zeros((4, 3)), jnp.zeros((4, 2))), (jnp.zeros(3), jnp.zeros(2)))

# case batchless_structure_mismatch: rejected by runtime, mypy+plugin
@check
def f(x: DataFixed, mean: BatchlessDataFixed) -> None: ...
f((jnp.zeros((4, 3)), jnp.zeros((4, 2))), (jnp.zeros(3),))

# case batchless_trailing_shape_mismatch: rejected by runtime
@check
def f(x: DataFixed, mean: BatchlessDataFixed) -> None: ...
f(jnp.zeros((4, 3)), jnp.zeros(5))

# case batchless_return_keeps_structure: accepted
@check
def f(x: DataFixed) -> BatchlessDataFixed:
    out: BatchlessDataFixed = jax.tree.map(lambda a: a[0], x)
    return out
f(jnp.zeros((4, 3)))

# case real_and_complex_names_independent: accepted
@check
def f(x: RealDataFixed, y: ComplexDataFixed) -> None: ...
f((jnp.zeros((4, 3)),), {"z": jnp.zeros((4, 2, 2), dtype=jnp.complex64)})

# case fixed_and_real_names_independent: accepted
@check
def f(x: DataFixed, y: RealDataFixed) -> None: ...
f(jnp.zeros((4, 3)), (jnp.zeros((4, 5)), jnp.zeros((4, 5))))

# case real_fixed_structure_mismatch: rejected by runtime, mypy+plugin
@check
def f(x: RealDataFixed, y: RealDataFixed) -> None: ...
f((jnp.zeros((4, 3)), jnp.zeros((4, 3))), jnp.zeros((4, 3)))

# case complex_fixed_return_shape_mismatch: rejected by runtime
@check
def f(x: ComplexDataFixed) -> ComplexDataFixed:
    out: ComplexDataFixed = jax.tree.map(lambda a: a.T, x)
    return out
f(jnp.zeros((4, 3), dtype=jnp.complex64))

# case data_has_no_structure_name: accepted
@check
def f(x: Data, y: Data) -> None: ...
f((jnp.zeros((4, 3)),), {"a": jnp.zeros((4, 3)), "b": jnp.zeros(4)})

# case params_same_structure: accepted
@check
def f(p: Params, q: Params) -> None: ...
f({"w": jnp.zeros(3)}, {"w": jnp.ones(3)})

# case params_structure_mismatch: rejected by runtime, mypy+plugin
@check
def f(p: Params, grads: Params) -> None: ...
f((jnp.zeros(3), jnp.zeros(2)), (jnp.zeros(3),))

# case params_leaf_shapes_free: accepted
@check
def f(p: Params, q: Params) -> None: ...
f((jnp.zeros(3),), (jnp.zeros((5, 5)),))

# case state_in_out_same: accepted
@check
def f(s: State) -> State:
    out: State = jax.tree.map(lambda a: a + 1, s)
    return out
f({"count": jnp.zeros((), dtype=jnp.int32)})

# case state_out_changes_structure: rejected by runtime
@check
def f(s: State) -> State:
    return (s, jnp.zeros(()))
f(jnp.zeros(3))

# case state_out_changes_shape: rejected by runtime
@check
def f(s: State) -> State:
    return jnp.zeros(4)
f(jnp.zeros(3))

# case state_args_structure_mismatch: rejected by runtime, mypy+plugin
@check
def f(s: State, t: State) -> None: ...
f((jnp.zeros(3), jnp.zeros(3)), (jnp.zeros(3),))

# case named_tuple_vs_tuple: rejected by runtime, mypy+plugin
class Pair(NamedTuple):
    a: Array
    b: Array
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f(Pair(jnp.zeros((4, 3)), jnp.zeros((4, 3))), (jnp.zeros((4, 3)), jnp.zeros((4, 3))))

# case list_vs_tuple: rejected by runtime, mypy+plugin
@check
def f(x: DataFixed, y: DataFixed) -> None: ...
f([jnp.zeros((4, 3))], (jnp.zeros((4, 3)),))

# case structure_binds_per_call: accepted
@check
def f(x: DataFixed) -> DataFixed:
    return x
f(jnp.zeros((4, 3)))
f((jnp.zeros((2, 5)), jnp.zeros((2, 5))))
