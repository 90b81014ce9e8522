"""Raw jaxtyping: PyTree[X] and PyTree[X, " name"] annotations, read by the plugin.

Plain mypy and pyright report jaxtyping's own spelling (the structure name and the shape
string are not names), so only the runtime, the plugin, pyrefly and ty judge these cases.
"""
# judged by: runtime, mypy+plugin, pyrefly, ty

from typing import Any

import jax.numpy as jnp
import numpy as np
from jaxtyping import Array, Float, Int, PyTree

from batchtyping import check

# case named_tree_same_structure: accepted
@check
def f(x: PyTree[Float[Array, "b d"], " T"], y: PyTree[Float[Array, "b d"], " T"]) -> None: ...
f((jnp.zeros((4, 3)), jnp.zeros((4, 3))), (jnp.ones((4, 3)), jnp.ones((4, 3))))

# case named_tree_structure_mismatch: rejected by runtime, mypy+plugin
@check
def f(x: PyTree[Float[Array, "b d"], " T"], y: PyTree[Float[Array, "b d"], " T"]) -> None: ...
f((jnp.zeros((4, 3)), jnp.zeros((4, 3))), (jnp.ones((4, 3)),))

# case two_names_independent: accepted
@check
def f(x: PyTree[Float[Array, "b d"], " X"], y: PyTree[Float[Array, "b e"], " Y"]) -> None: ...
f((jnp.zeros((4, 3)), jnp.zeros((4, 3))), {"t": jnp.ones((4, 2))})

# case named_tree_batch_mismatch: rejected by runtime
@check
def f(x: PyTree[Float[Array, "b d"], " T"], y: PyTree[Float[Array, "b d"], " T"]) -> None: ...
f(jnp.zeros((4, 3)), jnp.zeros((5, 3)))

# case unnamed_tree_accepts: accepted
@check
def f(x: PyTree[Float[Array, "..."]]) -> None: ...
f({"a": jnp.zeros(3), "b": [jnp.zeros(2)]})

# case unnamed_tree_int_leaf: rejected by runtime
@check
def f(x: PyTree[Float[Array, "..."]]) -> None: ...
f({"a": jnp.zeros(3, dtype=jnp.int32)})

# case int_tree_accepts_int: accepted
@check
def f(x: PyTree[Int[Array, "..."]]) -> None: ...
f([jnp.arange(3)])

# case tree_numpy_leaf: rejected by runtime, mypy+plugin
@check
def f(x: PyTree[Float[Array, "..."]]) -> None: ...
f({"a": np.zeros(3)})

# case tree_str_leaf: rejected by runtime, mypy+plugin
@check
def f(x: PyTree[Float[Array, "..."]]) -> None: ...
f("a")

# case tree_of_any: accepted
@check
def f(x: PyTree[Any]) -> None: ...
f({"a": 1, "b": "two", "c": [jnp.zeros(3)]})

# case tree_of_int: accepted
@check
def f(x: PyTree[int]) -> None: ...
f({"a": 1, "b": (2, 3)})

# case tree_of_int_float_leaf: rejected by runtime, mypy+plugin
@check
def f(x: PyTree[int]) -> None: ...
f({"a": 1.5})
