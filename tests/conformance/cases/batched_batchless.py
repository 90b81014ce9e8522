"""Batched vs batchless: a batched alias needs a batch axis, a Batchless one an example's axes."""

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    ArrayData,
    ArrayParams,
    ArrayState,
    BatchlessComplexDataFixed,
    BatchlessDataFixed,
    BatchlessRealDataFixed,
    ComplexDataFixed,
    Data,
    DataFixed,
    RealDataFixed,
    check,
)

# case fixed_needs_two_axes: rejected by runtime
@check
def f(x: DataFixed) -> None: ...
f(jnp.zeros(4))

# case fixed_two_axes: accepted
@check
def f(x: DataFixed) -> None: ...
f(jnp.zeros((4, 3)))

# case fixed_many_axes: accepted
@check
def f(x: DataFixed) -> None: ...
f(jnp.zeros((4, 3, 2, 2)))

# case batchless_one_axis: accepted
@check
def f(x: BatchlessDataFixed) -> None: ...
f(jnp.zeros(3))

# case batchless_scalar: rejected by runtime
@check
def f(x: BatchlessDataFixed) -> None: ...
f(jnp.zeros(()))

# case batchless_real_scalar: rejected by runtime
@check
def f(x: BatchlessRealDataFixed) -> None: ...
f(jnp.zeros(()))

# case batchless_complex_one_axis: accepted
@check
def f(x: BatchlessComplexDataFixed) -> None: ...
f(jnp.zeros(3, dtype=jnp.complex64))

# case array_data_one_axis: accepted
@check
def f(x: ArrayData) -> None: ...
f(jnp.zeros(4))

# case data_one_axis_leaves: accepted
@check
def f(x: Data) -> None: ...
f((jnp.zeros(4), jnp.zeros(4)))

# case batchless_param_to_batched: rejected by runtime, mypy+plugin
@check
def scale(x: DataFixed) -> None: ...
@check
def g(example: BatchlessDataFixed) -> None:
    scale(example)
g(jnp.zeros(3))

# case batched_param_to_batchless: rejected by runtime, mypy+plugin
@check
def center(x: BatchlessDataFixed, mean: BatchlessDataFixed) -> None: ...
@check
def g(x: DataFixed) -> None:
    center(x, jnp.zeros(3))
g(jnp.zeros((4, 3)))

# case real_batchless_param_to_batched: rejected by runtime, mypy+plugin
@check
def scale(x: RealDataFixed) -> None: ...
@check
def g(example: BatchlessRealDataFixed) -> None:
    scale(example)
g(jnp.zeros(3))

# case complex_batched_param_to_batchless: rejected by runtime, mypy+plugin
@check
def one(x: BatchlessComplexDataFixed, y: ComplexDataFixed) -> None: ...
@check
def g(x: ComplexDataFixed) -> None:
    one(x, x)
g(jnp.zeros((4, 3), dtype=jnp.complex64))

# case unknown_array_to_both: accepted
@check
def both(x: DataFixed, mean: BatchlessDataFixed) -> None: ...
w: Array = jnp.zeros((4, 3))
both(w, w[0])

# case array_params_to_batched_and_batchless: accepted
@check
def both(x: DataFixed, mean: BatchlessDataFixed) -> None: ...
@check
def g(p: ArrayParams, s: ArrayState) -> None:
    both(p, p[0])
    both(s, s[0])
g(jnp.zeros((4, 3)), jnp.zeros((4, 3)))

# case batched_data_to_array_params: accepted
@check
def weights(p: ArrayParams, s: ArrayState) -> None: ...
@check
def g(x: DataFixed, y: ArrayData) -> None:
    if isinstance(x, Array):
        weights(x, x)
    weights(y, y)
g(jnp.zeros((4, 3)), jnp.zeros((4, 3)))

# case batchless_return_as_batched: rejected by runtime
@check
def first(x: DataFixed) -> BatchlessDataFixed:
    out: BatchlessDataFixed = jax.tree.map(lambda a: a[0], x)
    return out
@check
def scale(x: DataFixed) -> None: ...
scale(first(jnp.zeros((4, 3))))

# case batchless_tree_to_array_data: rejected by runtime, static
@check
def loss(y: ArrayData) -> None: ...
@check
def g(example: BatchlessDataFixed) -> None:
    loss(example)
g(jnp.zeros(()))

# case expand_dims_makes_batched: accepted
@check
def scale(x: DataFixed) -> None: ...
@check
def g(example: BatchlessDataFixed) -> None:
    scale(jax.tree.map(lambda a: a[None], example))
g(jnp.zeros(3))

# case optional_batchless_given_none: accepted
@check
def per_example(x: BatchlessDataFixed | None) -> None: ...
@check
def g(x: DataFixed) -> None:
    per_example(None)
g(jnp.zeros((4, 3)))

# case optional_batchless_given_batched: rejected by runtime, mypy+plugin
@check
def per_example(x: BatchlessDataFixed | None, mean: BatchlessDataFixed) -> None: ...
@check
def g(x: DataFixed) -> None:
    per_example(x, jnp.zeros(3))
g(jnp.zeros((4, 3)))

# case narrowed_to_array_is_unknown: accepted
@check
def per_example(x: BatchlessDataFixed) -> None: ...
@check
def g(x: DataFixed) -> None:
    if isinstance(x, Array):
        per_example(x[0])
g(jnp.zeros((4, 3)))
