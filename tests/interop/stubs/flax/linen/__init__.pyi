# flax 0.12.8: linen.Module.init/apply as flax/linen/module.py declares them; the layers
# and activation the case uses, as flax/linen/linear.py, normalization.py, activation.py.
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from typing_extensions import dataclass_transform

import jax

_F = TypeVar("_F", bound=Callable[..., Any])

PRNGKey = jax.Array
RNGSequences = dict[str, PRNGKey]
Collection = Mapping[str, Any]
VariableDict = Mapping[str, Collection]
FrozenVariableDict = Mapping[str, Collection]  # flax.core.FrozenDict[str, Collection]
CollectionFilter = Any  # flax.core.scope.Filter: bool, str, Sequence[...], DenyList

def compact(fun: _F) -> _F: ...

@dataclass_transform()
class ModuleBase: ...

class Module(ModuleBase):
    def init(
        self,
        rngs: PRNGKey | RNGSequences,
        *args: Any,
        method: Callable[..., Any] | str | None = None,
        mutable: CollectionFilter = ...,
        capture_intermediates: bool | Callable[[Module, str], bool] = False,
        **kwargs: Any,
    ) -> FrozenVariableDict | dict[str, Any]: ...
    def apply(
        self,
        variables: VariableDict,
        *args: Any,
        rngs: PRNGKey | RNGSequences | None = None,
        method: Callable[..., Any] | str | None = None,
        mutable: CollectionFilter = False,
        capture_intermediates: bool | Callable[[Module, str], bool] = False,
        **kwargs: Any,
    ) -> Any | tuple[Any, FrozenVariableDict | dict[str, Any]]: ...

class Dense(Module):
    features: int
    use_bias: bool = True
    def __call__(self, inputs: jax.Array) -> jax.Array: ...

class BatchNorm(Module):
    use_running_average: bool | None = None
    momentum: float = 0.99
    def __call__(self, x: jax.Array, use_running_average: bool | None = None) -> jax.Array: ...

def relu(x: jax.Array) -> jax.Array: ...
