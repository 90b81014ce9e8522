"""ArrayData, Data, the DataFixed families with their TypeVars, ArrayDataShape, DataShape."""

from typing import NamedTuple

from jax import Array
from typing_extensions import assert_type

from _helpers import c64, f32, i32, np_f32, rejected
from batchtyping import (
    ArrayData,
    ArrayDataShape,
    BatchlessDataFixed,
    BatchlessRealDataFixedT,
    ComplexDataFixed,
    Data,
    DataFixed,
    DataFixedT,
    DataShape,
    RealDataFixed,
    RealDataFixedT,
    check,
)


@check
def takes_array(x: ArrayData) -> ArrayData:
    return x


@check
def takes_data(x: Data) -> Data:
    return x


@check
def centre(x: DataFixed, mean: BatchlessDataFixed) -> DataFixed:
    return x


@check
def takes_real(x: RealDataFixed) -> RealDataFixed:
    return x


@check
def takes_complex(x: ComplexDataFixed) -> ComplexDataFixed:
    return x


@check
def keep(x: DataFixedT) -> DataFixedT:
    return x


@check
def keep_real(x: RealDataFixedT) -> RealDataFixedT:
    return x


@check
def keep_one_real(x: BatchlessRealDataFixedT) -> BatchlessRealDataFixedT:
    return x


@check
def takes_array_shape(shape: ArrayDataShape) -> ArrayDataShape:
    return shape


@check
def takes_shape(shape: DataShape) -> DataShape:
    return shape


class Batch(NamedTuple):
    x: Array
    y: Array


# Accepted.
assert_type(takes_array(f32(3, 2)), Array)
takes_data(f32(3))
takes_data({"x": f32(3, 2), "y": [c64(3)]})
takes_data(Batch(f32(3, 2), f32(3)))
takes_data(None)
takes_data(())
centre({"x": f32(3, 2)}, {"x": f32(2)})
takes_real({"x": i32(3, 2), "y": f32(3, 1)})
takes_complex([c64(3, 2)])
pair: tuple[Array, Array] = (f32(3, 2), i32(3, 1))
assert_type(keep_real(pair), tuple[Array, Array])
assert_type(keep(Batch(f32(3, 2), f32(3, 1))), Batch)
assert_type(keep({"x": f32(3, 2)}), dict[str, Array])
assert_type(keep_one_real([f32(2)]), list[Array])
assert_type(takes_array_shape((3, None)), tuple[int | None, ...])
takes_array_shape(())
takes_shape((3, None))
takes_shape({"x": (3,), "y": [(None, 2), ()]})
takes_shape(None)

# Rejected by the checkers and by the runtime.
with rejected():
    takes_array([f32(3)])  # type: ignore[arg-type]
with rejected():
    takes_array(np_f32(3))  # type: ignore[arg-type]
with rejected():
    takes_array(None)  # type: ignore[arg-type]
with rejected():
    takes_data(1.0)  # type: ignore[arg-type]
with rejected():
    takes_data({"x": np_f32(3)})  # type: ignore[dict-item]
with rejected():
    centre({"x": 1.0}, {"x": f32(2)})  # type: ignore[dict-item]
with rejected():
    takes_real([np_f32(3, 2)])  # type: ignore[list-item]
with rejected():
    takes_complex(3j)  # type: ignore[arg-type]
with rejected():
    keep_real(1)  # type: ignore[type-var]
with rejected():
    keep({"x": 0.5})  # type: ignore[type-var]
with rejected():
    takes_array_shape(("3",))  # type: ignore[arg-type]
with rejected():
    takes_array_shape([3])  # type: ignore[arg-type]
with rejected():
    takes_shape({"x": (3, "3")})  # type: ignore[dict-item]
with rejected():
    takes_shape(3)  # type: ignore[arg-type]
with rejected():
    takes_shape([1])  # type: ignore[list-item]

# Run-time-only facts: no static type knows dtypes, batch sizes or structures.
with rejected():
    takes_real(c64(3, 2))
with rejected():
    centre({"x": f32(3, 2)}, {"y": f32(2)})
