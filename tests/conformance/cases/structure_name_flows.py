"""Structure name flows: names bind per call, so a value of one name (or none) fits any other."""

from typing import Literal

import jax
import jax.numpy as jnp

from batchtyping import BatchlessDataFixed, DataFixed, DataFixedT, check

# case bare_value_to_named_parameter: accepted
@check
def train(x: DataFixed[Literal["In"]]) -> None: ...
@check
def g(x: DataFixed) -> None:
    train(x)
g((jnp.zeros((4, 3)),))

# case named_value_to_bare_parameter: accepted
@check
def train(x: DataFixed) -> None: ...
@check
def g(x: DataFixed[Literal["In"]]) -> None:
    train(x)
g((jnp.zeros((4, 3)),))

# case value_of_one_name_to_another: accepted
@check
def fit(y: DataFixed[Literal["Out"]]) -> None: ...
@check
def g(x: DataFixed[Literal["In"]]) -> None:
    fit(x)
g((jnp.zeros((4, 3)),))

# case return_under_another_name: accepted
@check
def rename(x: DataFixed[Literal["In"]]) -> DataFixed[Literal["Out"]]:
    return x
rename({"a": jnp.zeros((4, 3))})

# case named_value_through_typevar: accepted
@check
def keep(x: DataFixedT) -> DataFixedT:
    return x
@check
def g(x: DataFixed[Literal["In"]]) -> DataFixed[Literal["In"]]:
    return keep(x)
g([jnp.zeros((4, 3))])

# case named_batchless_vmapped: accepted
@check
def per_example(x: BatchlessDataFixed[Literal["In"]]) -> BatchlessDataFixed[Literal["In"]]:
    return x
@check
def g(x: DataFixed[Literal["In"]]) -> DataFixed[Literal["In"]]:
    out: DataFixed[Literal["In"]] = jax.vmap(per_example)(x)
    return out
g((jnp.zeros((4, 3)),))

# case named_float_argument: rejected by runtime, static
@check
def train(x: DataFixed[Literal["In"]]) -> None: ...
train(1.0)

# case bare_value_with_another_structure_in_one_call: rejected by runtime
@check
def train(x: DataFixed[Literal["In"]], x_val: DataFixed[Literal["In"]]) -> None: ...
@check
def g(x: DataFixed, y: DataFixed[Literal["Out"]]) -> None:
    train(x, y)
g((jnp.zeros((4, 3)),), [jnp.zeros((4, 3))])
