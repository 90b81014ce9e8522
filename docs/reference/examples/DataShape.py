import jax

from batchtyping import DataShape, check


@check
def count_features(input_shape: DataShape) -> int:
    # A tree of shapes, one per leaf of the data (the batch axis left out).
    shapes = jax.tree_util.tree_leaves(input_shape, is_leaf=lambda s: isinstance(s, tuple))
    return sum(len(shape) for shape in shapes)


count_features({"image": (28, 28, 1), "label": (10,)})
count_features((6,))
