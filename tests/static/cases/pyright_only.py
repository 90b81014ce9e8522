"""Lines only pyright rejects: a ``str`` where a recursive PyTree alias is expected.

A ``str`` is a ``Sequence[str]``, so for plain mypy it fits ``Sequence[Params]`` (mypy
assumes the recursive alias holds while it checks it); pyright rejects it. jax treats a
str as a leaf, which ``check`` rejects. Catching these with mypy is the plugin's job.
mypy must stay silent on this file; pyright must report every marked line.
"""

from _helpers import f32, rejected
from batchtyping import Data, DataShape, Params, State, check


@check
def takes_params(params: Params) -> Params:
    return params


@check
def takes_data(x: Data) -> Data:
    return x


@check
def takes_shape(shape: DataShape) -> DataShape:
    return shape


@check
def takes_state(state: State) -> State:
    return state


takes_params({"w": f32(2)})

with rejected():
    takes_params("w")  # pyright: ignore[reportArgumentType]
with rejected():
    takes_params({"w": "abc"})  # pyright: ignore[reportArgumentType]
with rejected():
    takes_data(["x", f32(3)])  # pyright: ignore[reportArgumentType]
with rejected():
    takes_shape({"x": ("3",)})  # pyright: ignore[reportArgumentType]
with rejected():
    takes_state({"step": "one"})  # pyright: ignore[reportArgumentType]
