"""The Fixed aliases' structure parameter: several structures in one signature."""

from typing import Literal

from jax import Array
from typing_extensions import assert_type

from _helpers import c64, f32, i32, rejected
from batchtyping import (
    BatchlessDataFixed,
    BatchlessRealDataFixedT,
    ComplexDataFixed,
    DataFixed,
    DataFixedT,
    RealDataFixed,
    check,
)


@check
def fit(
    x: DataFixed[Literal["In"]],
    y: RealDataFixed[Literal["Out"]],
    x_val: DataFixed[Literal["In"]],
    mean: BatchlessDataFixed[Literal["In"]],
) -> RealDataFixed[Literal["Out"]]:
    return y


@check
def spectrum(x: ComplexDataFixed[Literal["Spectrum"]], y: DataFixed) -> DataFixed:
    return y


@check
def keep(x: DataFixedT) -> DataFixedT:
    return x


@check
def keep_one(x: BatchlessRealDataFixedT) -> BatchlessRealDataFixedT:
    return x


@check
def renames(x: DataFixed[Literal["In"]], other: DataFixed) -> DataFixed[Literal["Out"]]:
    """Names bind per call: a value of one name (or of none) fits any other."""
    fit(other, [i32(3, 1)], other, f32(2))
    swap: DataFixed[Literal["Out"]] = x
    return swap


@check
def passes_on(x: DataFixed[Literal["In"]]) -> DataFixed:
    """A parameterized alias fits the bare one and a TypeVar bound to it."""
    assert_type(keep(x), DataFixed[Literal["In"]])
    return keep(x)


# Accepted: each name binds its own structure.
inputs: DataFixed[Literal["In"]] = {"a": f32(3, 2)}
fit(inputs, [i32(3, 1)], {"a": f32(3, 2)}, {"a": f32(2)})
fit((f32(3, 2), f32(3, 1)), {"t": i32(3, 1)}, (f32(3, 2), f32(3, 1)), (f32(2), f32(1)))
spectrum([c64(3, 2)], (f32(3, 1),))
passes_on(f32(3, 2))
renames((f32(3, 2),), f32(3, 2))
pair: tuple[Array, Array] = (f32(3, 2), f32(3, 1))
assert_type(keep(pair), tuple[Array, Array])
one: tuple[Array] = (i32(2),)
assert_type(keep_one(one), tuple[Array])

# Rejected by the checkers and by the runtime.
with rejected():
    fit(1.0, [i32(3, 1)], f32(3, 2), f32(2))  # type: ignore[arg-type]
with rejected():
    fit(f32(3, 2), [i32(3, 1)], f32(3, 2), [1])  # type: ignore[list-item]
with rejected():
    spectrum({"s": 1j}, f32(3, 2))  # type: ignore[dict-item]

# Run-time-only facts: no static type knows structures (the mypy plugin checks some).
with rejected():
    fit({"a": f32(3, 2)}, [i32(3, 1)], {"b": f32(3, 2)}, {"a": f32(2)})
with rejected():
    fit({"a": f32(3, 2)}, [i32(3, 1)], {"a": f32(3, 2)}, [f32(2)])
