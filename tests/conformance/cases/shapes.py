"""Shapes: ArrayDataShape and DataShape describe data without its batch axis.

beartype samples one item of a ``tuple[int | None, ...]`` per call, so a bad shape here is bad
in every item.
"""

from batchtyping import ArrayDataShape, DataShape, check

# case array_shape_ints: accepted
@check
def f(shape: ArrayDataShape) -> None: ...
f((3, 4))

# case array_shape_unknown_size: accepted
@check
def f(shape: ArrayDataShape) -> None: ...
f((None, 4))

# case array_shape_empty: accepted
@check
def f(shape: ArrayDataShape) -> None: ...
f(())

# case array_shape_bool_is_int: accepted
@check
def f(shape: ArrayDataShape) -> None: ...
f((True, 3))

# case array_shape_list: rejected by runtime, static
@check
def f(shape: ArrayDataShape) -> None: ...
f([3, 4])

# case array_shape_str: rejected by runtime, static
@check
def f(shape: ArrayDataShape) -> None: ...
f(("batch", "features"))

# case array_shape_float: rejected by runtime, static
@check
def f(shape: ArrayDataShape) -> None: ...
f((3.0,))

# case array_shape_int: rejected by runtime, static
@check
def f(shape: ArrayDataShape) -> None: ...
f(3)

# case data_shape_tuple: accepted
@check
def f(shapes: DataShape) -> None: ...
f((3, 4))

# case data_shape_dict: accepted
@check
def f(shapes: DataShape) -> None: ...
f({"image": (8, 8), "label": ()})

# case data_shape_list_of_tuples: accepted
@check
def f(shapes: DataShape) -> None: ...
f([(3,), (None, 2)])

# case data_shape_none: accepted
@check
def f(shapes: DataShape) -> None: ...
f(None)

# case data_shape_str_leaf: rejected by runtime, mypy+plugin, pyright, basedpyright
@check
def f(shapes: DataShape) -> None: ...
f({"image": "8x8"})

# case data_shape_float_in_tuple: rejected by runtime, static
@check
def f(shapes: DataShape) -> None: ...
f({"image": (8.0, 8.0)})

# case data_shape_int_leaf: rejected by runtime, static
@check
def f(shapes: DataShape) -> None: ...
f({"label": 10})
