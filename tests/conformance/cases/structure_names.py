"""Structure names: DataFixed[Literal["In"]] binds the name "In", so one call can hold several structures."""

from typing import Literal

import jax.numpy as jnp

from batchtyping import (
    BatchlessDataFixed,
    BatchlessRealDataFixed,
    DataFixed,
    RealDataFixed,
    check,
)

# case inputs_and_targets_differ: accepted
@check
def train(x: DataFixed[Literal["In"]], y: DataFixed[Literal["Out"]]) -> None: ...
train((jnp.zeros((4, 3)), jnp.zeros((4, 2))), {"t": jnp.zeros((4, 1))})

# case bare_names_would_clash: rejected by runtime, mypy+plugin
@check
def train(x: DataFixed, y: DataFixed) -> None: ...
train((jnp.zeros((4, 3)), jnp.zeros((4, 2))), {"t": jnp.zeros((4, 1))})

# case one_name_two_arguments_agree: accepted
@check
def train(x: DataFixed[Literal["In"]], x_val: DataFixed[Literal["In"]]) -> None: ...
train((jnp.zeros((4, 3)), jnp.zeros((4, 2))), (jnp.ones((4, 3)), jnp.ones((4, 2))))

# case batch_size_binds_across_names: rejected by runtime
@check
def train(x: DataFixed[Literal["In"]], x_val: DataFixed[Literal["In"]]) -> None: ...
train((jnp.zeros((4, 3)), jnp.zeros((4, 2))), (jnp.zeros((8, 3)), jnp.zeros((8, 2))))

# case one_name_two_structures: rejected by runtime, mypy+plugin
@check
def train(x: DataFixed[Literal["In"]], x_val: DataFixed[Literal["In"]]) -> None: ...
train((jnp.zeros((4, 3)), jnp.zeros((4, 2))), [jnp.zeros((4, 3))])

# case one_name_trailing_shape_mismatch: rejected by runtime
@check
def train(x: DataFixed[Literal["In"]], x_val: DataFixed[Literal["In"]]) -> None: ...
train(jnp.zeros((4, 3)), jnp.zeros((4, 5)))

# case name_shared_across_families: rejected by runtime, mypy+plugin
@check
def fit(x: DataFixed[Literal["In"]], mean: BatchlessRealDataFixed[Literal["In"]]) -> None: ...
fit((jnp.zeros((4, 3)), jnp.zeros((4, 3))), jnp.zeros(3))

# case name_shared_across_families_agrees: accepted
@check
def fit(x: DataFixed[Literal["In"]], mean: BatchlessRealDataFixed[Literal["In"]]) -> None: ...
fit((jnp.zeros((4, 3)), jnp.zeros((4, 2))), (jnp.zeros(3), jnp.zeros(2)))

# case named_and_bare_independent: accepted
@check
def fit(x: DataFixed[Literal["In"]], y: DataFixed) -> None: ...
fit(jnp.zeros((4, 3)), (jnp.zeros((4, 3)), jnp.zeros((4, 3))))

# case named_return_keeps_structure: accepted
@check
def train(x: DataFixed[Literal["In"]], y: RealDataFixed[Literal["Out"]]) -> BatchlessRealDataFixed[Literal["Out"]]:
    return {"t": jnp.zeros(1)}
train(jnp.zeros((4, 3)), {"t": jnp.zeros((4, 1))})

# case named_return_changes_structure: rejected by runtime
@check
def train(x: DataFixed[Literal["In"]], y: RealDataFixed[Literal["Out"]]) -> BatchlessRealDataFixed[Literal["Out"]]:
    return (jnp.zeros(1),)
train(jnp.zeros((4, 3)), {"t": jnp.zeros((4, 1))})

# case named_int_leaf: rejected by runtime, mypy+plugin
@check
def train(x: DataFixed[Literal["In"]]) -> None: ...
train(jnp.zeros((4, 3), dtype=jnp.int32))

# case named_batchless_param_to_batched: rejected by runtime, mypy+plugin
@check
def scale(x: DataFixed[Literal["In"]]) -> None: ...
@check
def g(example: BatchlessDataFixed[Literal["In"]]) -> None:
    scale(example)
g(jnp.zeros(3))

# case named_str_leaf: rejected by runtime, mypy+plugin, pyright, basedpyright
@check
def train(x: DataFixed[Literal["In"]]) -> None: ...
train("x")
