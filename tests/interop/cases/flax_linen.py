"""flax linen init/apply with batchtyping-annotated params and state: the smallest idiom.

flax takes its variables as ``Mapping[str, Mapping[str, Any]]`` and needs each collection
to be a mapping at run time too, so the body narrows ``Params``/``State`` to one
(``isinstance``). ``apply`` is declared ``-> Any | tuple[Any, ...]`` whatever ``mutable``
is: the non-mutable call's result is narrowed too (as with any other annotation).
"""

from collections.abc import Mapping

import flax.linen as nn
import jax
import jax.numpy as jnp

from batchtyping import ArrayData, Params, State, check


class MLP(nn.Module):
    features: int

    @nn.compact
    def __call__(self, x: ArrayData, training: bool) -> ArrayData:
        x = nn.Dense(self.features)(x)
        x = nn.BatchNorm(use_running_average=not training)(x)
        return nn.relu(x)


model = MLP(features=4)


@check
def init(rng: jax.Array, x: ArrayData) -> tuple[Params, State]:
    variables = model.init(rng, x, training=False)
    return variables["params"], variables["batch_stats"]


@check
def forward(params: Params, state: State, x: ArrayData) -> tuple[ArrayData, State]:
    assert isinstance(params, Mapping) and isinstance(state, Mapping)
    y, updates = model.apply(
        {"params": params, "batch_stats": state}, x, training=True, mutable=["batch_stats"]
    )
    return y, updates["batch_stats"]


@check
def predict(params: Params, state: State, x: ArrayData) -> ArrayData:
    assert isinstance(params, Mapping) and isinstance(state, Mapping)
    y = model.apply({"params": params, "batch_stats": state}, x, training=False)
    assert isinstance(y, jax.Array)
    return y


params, state = init(jax.random.key(0), jnp.ones((8, 3)))
y, state = forward(params, state, jnp.ones((8, 3)))
predict(params, state, jnp.ones((8, 3)))
