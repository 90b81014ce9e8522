"""Leaf dtype: which array dtypes and leaf types each alias admits.

PyTree aliases check every leaf. The tuple, list and dict aliases are checked by beartype,
which samples one item per call, so the cases here make every item alike.
"""

import jax
import jax.numpy as jnp
import numpy as np

from batchtyping import (
    ArrayData,
    ArrayParams,
    ArrayState,
    BatchlessComplexDataFixed,
    BatchlessRealDataFixed,
    ComplexDataFixed,
    Data,
    DataFixed,
    DictParams,
    DictState,
    ListState,
    Params,
    RealDataFixed,
    State,
    TupleParams,
    check,
)

# case params_float32_leaf: accepted
@check
def f(p: Params) -> None: ...
f(jnp.zeros(3))

# case params_float16_leaf: accepted
@check
def f(p: Params) -> None: ...
f(jnp.zeros(3, dtype=jnp.float16))

# case params_bfloat16_leaf: accepted
@check
def f(p: Params) -> None: ...
f(jnp.zeros(3, dtype=jnp.bfloat16))

# case params_complex_leaf: accepted
@check
def f(p: Params) -> None: ...
f(jnp.zeros(3, dtype=jnp.complex64))

# case params_scalar_array_leaf: accepted
@check
def f(p: Params) -> None: ...
f(jnp.float32(1.0))

# case params_int32_leaf: rejected by runtime, mypy+plugin
@check
def f(p: Params) -> None: ...
f(jnp.zeros(3, dtype=jnp.int32))

# case params_bool_leaf: rejected by runtime, mypy+plugin
@check
def f(p: Params) -> None: ...
f(jnp.zeros(3, dtype=bool))

# case params_int_leaf_deep_in_tree: rejected by runtime, mypy+plugin
@check
def f(p: Params) -> None: ...
f({"w": jnp.zeros(3), "b": [jnp.zeros(2), jnp.arange(2)]})

# case params_numpy_leaf: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f(np.zeros(3))

# case params_numpy_scalar_leaf: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f(np.float32(1.0))

# case params_python_float_leaf: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f(1.0)

# case params_python_int_leaf: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f(3)

# case params_python_complex_leaf: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f(1j)

# case params_str_leaf: rejected by runtime, static but not mypy, pyrefly, ty
@check
def f(p: Params) -> None: ...
f("w")

# case params_str_leaf_in_dict: rejected by runtime, mypy+plugin, pyright, basedpyright
@check
def f(p: Params) -> None: ...
f({"w": jnp.zeros(3), "name": "dense"})

# case params_bytes_leaf: rejected by runtime, static
@check
def f(p: Params) -> None: ...
f(b"w")

# case tuple_params_int_leaf: rejected by runtime, mypy+plugin
@check
def f(p: TupleParams) -> None: ...
f((jnp.arange(3), jnp.arange(2)))

# case tuple_params_numpy_leaf: rejected by runtime, static
@check
def f(p: TupleParams) -> None: ...
f((np.zeros(3), np.zeros(2)))

# case dict_params_complex_leaf: accepted
@check
def f(p: DictParams) -> None: ...
f({"w": jnp.ones(3, dtype=jnp.complex64)})

# case dict_params_int_leaf: rejected by runtime, mypy+plugin
@check
def f(p: DictParams) -> None: ...
f({"w": jnp.arange(3)})

# case state_int_leaf: accepted
@check
def f(s: State) -> None: ...
f({"count": jnp.zeros((), dtype=jnp.int32), "mean": jnp.zeros(3)})

# case state_uint8_leaf: accepted
@check
def f(s: State) -> None: ...
f(jnp.zeros(3, dtype=jnp.uint8))

# case state_complex_leaf: accepted
@check
def f(s: State) -> None: ...
f(jnp.zeros(3, dtype=jnp.complex64))

# case state_bool_leaf: rejected by runtime, mypy+plugin
@check
def f(s: State) -> None: ...
f(jnp.zeros(3, dtype=bool))

# case state_python_int_leaf: rejected by runtime, static
@check
def f(s: State) -> None: ...
f({"count": 0})

# case dict_state_bool_leaf: rejected by runtime, mypy+plugin
@check
def f(s: DictState) -> None: ...
f({"seen": jnp.zeros(3, dtype=bool)})

# case list_state_int_leaf: accepted
@check
def f(s: ListState) -> None: ...
f([jnp.arange(3)])

# case array_data_float: accepted
@check
def f(x: ArrayData) -> None: ...
f(jnp.zeros((4, 3)))

# case array_data_complex: accepted
@check
def f(x: ArrayData) -> None: ...
f(jnp.zeros((4, 3), dtype=jnp.complex64))

# case array_data_int: rejected by runtime, mypy+plugin
@check
def f(x: ArrayData) -> None: ...
f(jnp.zeros((4, 3), dtype=jnp.int32))

# case array_data_numpy: rejected by runtime, static
@check
def f(x: ArrayData) -> None: ...
f(np.zeros((4, 3)))

# case array_params_float: accepted
@check
def f(p: ArrayParams) -> None: ...
f(jnp.zeros((3, 2)))

# case array_params_complex_scalar: accepted
@check
def f(p: ArrayParams) -> None: ...
f(jnp.complex64(1j))

# case array_params_int: rejected by runtime, mypy+plugin
@check
def f(p: ArrayParams) -> None: ...
f(jnp.arange(3))

# case array_params_numpy: rejected by runtime, static
@check
def f(p: ArrayParams) -> None: ...
f(np.zeros(3))

# case array_params_python_float: rejected by runtime, static
@check
def f(p: ArrayParams) -> None: ...
f(1.0)

# case array_state_int: accepted
@check
def f(s: ArrayState) -> None: ...
f(jnp.zeros((), dtype=jnp.int32))

# case array_state_complex: accepted
@check
def f(s: ArrayState) -> None: ...
f(jnp.zeros(3, dtype=jnp.complex64))

# case array_state_bool: rejected by runtime, mypy+plugin
@check
def f(s: ArrayState) -> None: ...
f(jnp.zeros(3, dtype=bool))

# case array_state_raw_prng_key: accepted
@check
def f(s: ArrayState) -> None: ...
f(jax.random.PRNGKey(0))

# case array_state_python_int: rejected by runtime, static
@check
def f(s: ArrayState) -> None: ...
f(0)

# case data_int_leaf: rejected by runtime, mypy+plugin
@check
def f(x: Data) -> None: ...
f({"x": jnp.zeros((4, 3)), "label": jnp.zeros(4, dtype=jnp.int32)})

# case data_fixed_int_leaf: rejected by runtime, mypy+plugin
@check
def f(x: DataFixed) -> None: ...
f(jnp.zeros((4, 3), dtype=jnp.int32))

# case real_fixed_float: accepted
@check
def f(x: RealDataFixed) -> None: ...
f(jnp.zeros((4, 3)))

# case real_fixed_int: accepted
@check
def f(x: RealDataFixed) -> None: ...
f(jnp.zeros((4, 3), dtype=jnp.int32))

# case real_fixed_complex: rejected by runtime, mypy+plugin
@check
def f(x: RealDataFixed) -> None: ...
f(jnp.zeros((4, 3), dtype=jnp.complex64))

# case real_fixed_bool: rejected by runtime, mypy+plugin
@check
def f(x: RealDataFixed) -> None: ...
f(jnp.zeros((4, 3), dtype=bool))

# case batchless_real_fixed_complex: rejected by runtime, mypy+plugin
@check
def f(x: BatchlessRealDataFixed) -> None: ...
f(jnp.zeros(3, dtype=jnp.complex64))

# case complex_fixed_complex: accepted
@check
def f(x: ComplexDataFixed) -> None: ...
f(jnp.zeros((4, 3), dtype=jnp.complex64))

# case complex_fixed_float: rejected by runtime, mypy+plugin
@check
def f(x: ComplexDataFixed) -> None: ...
f(jnp.zeros((4, 3)))

# case batchless_complex_fixed_int: rejected by runtime, mypy+plugin
@check
def f(x: BatchlessComplexDataFixed) -> None: ...
f(jnp.zeros(3, dtype=jnp.int32))

# case batchless_complex_fixed_arithmetic: accepted
@check
def f(x: BatchlessComplexDataFixed) -> None: ...
f(jnp.zeros(3, dtype=jnp.complex64) + 1j)

# case state_typed_prng_key_leaf: rejected by runtime
@check
def f(s: State) -> None: ...
f({"rng": jax.random.key(0)})

# case state_raw_prng_key_leaf: accepted
@check
def f(s: State) -> None: ...
f({"rng": jax.random.PRNGKey(0)})
