"""Structure mismatches between arguments sharing one structure name, and str leaves."""

from jax import Array

from batchtyping import BatchlessRealDataFixed, DataFixed, Params, RealDataFixed
from jaxmodels.data import shuffle_examples
from jaxmodels.losses import squared_error
from jaxmodels.metrics import r2_score
from jaxmodels.optim import AdamConfig, adam_init, adam_update
from jaxmodels.scalers import In, Out, column_means, input_and_target_stds, standardize, standardize_example


def pair_scaled_by_triple(
    pair: tuple[Array, Array], shift: tuple[Array, Array, Array], scale: BatchlessRealDataFixed
) -> RealDataFixed:
    return standardize(pair, shift, scale)  # seeded: tuple of 2 vs tuple of 3


def example_scaled_by_triple(
    example: tuple[Array, Array], shift: tuple[Array, Array, Array], scale: BatchlessRealDataFixed
) -> BatchlessRealDataFixed:
    return standardize_example(example, shift, scale)  # seeded: tuple of 2 vs tuple of 3


def dict_vs_tuple(prediction: dict[str, Array], target: tuple[Array]) -> Array:
    return squared_error(prediction, target)  # seeded: dict vs tuple


def grads_of_another_model(params: dict[str, Array], grads: list[Array]) -> Params:
    new_params, _ = adam_update(params, grads, adam_init(params), AdamConfig())  # seeded: dict vs list
    return new_params


def r2_of_pairs(prediction: tuple[Array, Array], target: tuple[Array, Array]) -> Array:
    return r2_score(prediction, target)


def r2_of_pair_and_single(prediction: tuple[Array, Array], target: tuple[Array]) -> Array:
    return r2_score(prediction, target)  # seeded: tuple of 2 vs tuple of 1


def str_leaf_in_data() -> object:
    return column_means(("tabular", "signal"))  # seeded: str leaves


def str_leaf_in_params() -> Params:
    params: Params = {"w": "glorot"}  # seeded: str leaf
    return params


def str_as_data(name: str) -> DataFixed:
    return name  # seeded: a str is not data


def inputs_and_targets(inputs: tuple[Array, Array], targets: tuple[Array], key: Array) -> None:
    shuffle_examples(inputs, targets, key)  # DataFixed and RealDataFixed bind separately
    shuffle_examples(inputs, inputs, key)


def example_stds(x: RealDataFixed[In], y: RealDataFixed[Out], x_example: BatchlessRealDataFixed[In]) -> None:
    input_and_target_stds(x, y)


def named_structures(pair: tuple[Array, Array], single: tuple[Array], a: Array) -> None:
    example_stds(pair, single, (a, a))  # "In" and "Out" bind separately
    example_stds(pair, single, (a,))  # seeded: the second "In" tree has another structure
