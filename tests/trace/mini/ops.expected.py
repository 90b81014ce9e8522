"""A small traced module: every rule of `batchtyping apply` once."""

import jax
import jax.numpy as jnp
from batchtyping import ArrayData, ArrayDataShape, BatchlessRealDataFixed, DataFixed, DataFixedT, DictParams, DictState, HyperParams, ModuleCallable, RealDataFixedT


def scale(x: DataFixedT, factor) -> DataFixedT:
    return jax.tree_util.tree_map(lambda leaf: leaf * factor, x)


def center(x: RealDataFixedT, mean: BatchlessRealDataFixed) -> RealDataFixedT:
    return jax.tree_util.tree_map(lambda leaf, m: leaf - m, x, mean)


def spectrum(signal: DataFixed) -> jax.Array:
    return jax.tree_util.tree_map(jnp.fft.fft, signal)


def features(inputs) -> ArrayData:
    return jnp.concatenate([inputs["a"], inputs["b"]], axis=-1)


def flat_size(input_shape: ArrayDataShape, hyperparams: HyperParams):
    (n,) = input_shape
    return n * hyperparams["width"]


def dense(hyperparams: HyperParams) -> ModuleCallable[DictParams, DictState, ArrayData]:
    def forward(params: DictParams, data: ArrayData, training: bool, state: DictState, rng) -> tuple[ArrayData, DictState]:
        return data @ params["w"], state

    return forward


def sgd(params: DictParams, grads: DictParams, hyperparams: HyperParams) -> DictParams:
    return jax.tree_util.tree_map(lambda p, g: p - hyperparams["lr"] * g, params, grads)


def untouched(x):  # batchtyping: skip
    return x
