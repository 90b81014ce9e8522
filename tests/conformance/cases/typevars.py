"""Structure TypeVars: ParamsT, DataFixedT, StateT and friends keep the argument's own type."""

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    BatchlessComplexDataFixedT,
    BatchlessDataFixedT,
    BatchlessRealDataFixedT,
    ComplexDataFixedT,
    DataFixedT,
    ParamsT,
    RealDataFixedT,
    StateT,
    check,
)

# case data_fixed_t_keeps_tuple: accepted
@check
def scale(x: DataFixedT) -> DataFixedT:
    return x
@check
def pair(x: tuple[Array, Array]) -> None: ...
pair(scale((jnp.zeros((4, 3)), jnp.zeros((4, 3)))))

# case data_fixed_t_result_wrong_length: rejected by runtime, static
@check
def scale(x: DataFixedT) -> DataFixedT:
    return x
@check
def triple(x: tuple[Array, Array, Array]) -> None: ...
triple(scale((jnp.zeros((4, 3)), jnp.zeros((4, 3)))))

# case data_fixed_t_int_leaf: rejected by runtime
@check
def scale(x: DataFixedT) -> DataFixedT:
    return x
scale(jnp.zeros((4, 3), dtype=jnp.int32))

# case data_fixed_t_numpy_leaf: rejected by runtime, static
import numpy as np
@check
def scale(x: DataFixedT) -> DataFixedT:
    return x
scale(np.zeros((4, 3)))

# case params_t_keeps_dict: accepted
@check
def update(p: ParamsT) -> ParamsT:
    return p
weights: dict[str, Array] = {"w": jnp.zeros(3)}
w: Array = update(weights)["w"]

# case params_t_str: rejected by runtime, pyright, basedpyright, mypy+plugin
@check
def update(p: ParamsT) -> ParamsT:
    return p
update("w")

# case state_t_keeps_structure: accepted
@check
def step(s: StateT) -> StateT:
    return s
count: Array = step((jnp.zeros((), dtype=jnp.int32),))[0]

# case state_t_bool_leaf: rejected by runtime
@check
def step(s: StateT) -> StateT:
    return s
step(jnp.zeros(3, dtype=bool))

# case batchless_t_scalar: rejected by runtime
@check
def one(x: BatchlessDataFixedT) -> BatchlessDataFixedT:
    return x
one(jnp.zeros(()))

# case real_t_complex_leaf: rejected by runtime
@check
def power(x: RealDataFixedT) -> RealDataFixedT:
    return x
power(jnp.zeros((4, 3), dtype=jnp.complex64))

# case complex_t_keeps_dict: accepted
@check
def spectrum(z: ComplexDataFixedT) -> ComplexDataFixedT:
    return z
spectrum({"z": jnp.zeros((4, 3), dtype=jnp.complex64)})["z"]

# case typevar_python_float: rejected by runtime, static
@check
def update(p: ParamsT) -> ParamsT:
    return p
update(1.0)

# case batchless_real_t_keeps_dict: accepted
@check
def one(x: BatchlessRealDataFixedT) -> BatchlessRealDataFixedT:
    return x
examples: dict[str, Array] = {"x": jnp.zeros(3, dtype=jnp.int32)}
first: Array = one(examples)["x"]

# case batchless_complex_t_float_leaf: rejected by runtime, mypy+plugin
@check
def one(x: BatchlessComplexDataFixedT) -> BatchlessComplexDataFixedT:
    return x
one({"z": jnp.zeros(3)})
