"""A synthetic regression problem and the helpers that feed it to the network.

Raw inputs are a dict of real arrays (``position`` and ``velocity`` of a particle); the
target is the particle's energy plus noise. ``features`` flattens the dict into the
single array the network reads.
"""

from collections.abc import Iterator
from typing import Dict, Optional, Tuple

import jax
import jax.numpy as jnp

INPUT_KEYS: Tuple[str, ...] = ("position", "velocity")


def make_dataset(key, size, noise=0.05):
    """``(inputs, targets)``: ``size`` examples of a dict of inputs and a ``(size, 1)`` target."""
    position_key, velocity_key, noise_key = jax.random.split(key, 3)
    position = jax.random.uniform(position_key, (size, 3), minval=-2.0, maxval=2.0)
    velocity = jax.random.normal(velocity_key, (size, 3))
    kinetic = 0.5 * jnp.sum(velocity**2, axis=1, keepdims=True)
    potential = jnp.sum(jnp.cos(position), axis=1, keepdims=True)
    targets = kinetic + potential + noise * jax.random.normal(noise_key, (size, 1))
    return {"position": position, "velocity": velocity}, targets


def features(raw_inputs):
    """The raw input dict as one ``(batch, 6)`` array, in ``INPUT_KEYS`` order."""
    return jnp.concatenate([raw_inputs[key] for key in INPUT_KEYS], axis=-1)


def feature_shape(raw_inputs):
    """The shape of one example of ``features(raw_inputs)``, without the batch axis."""
    return (sum(raw_inputs[key].shape[-1] for key in INPUT_KEYS),)


def split(inputs, targets, fraction: float = 0.8):
    """A train/validation split along the batch axis: the first ``fraction`` trains."""
    n = int(len(targets) * fraction)
    train = (jax.tree_util.tree_map(lambda x: x[:n], inputs), targets[:n])
    valid = (jax.tree_util.tree_map(lambda x: x[n:], inputs), targets[n:])
    return train, valid


def batches(
    inputs: Dict[str, jax.Array],
    targets: jax.Array,
    batch_size: int,
    key: Optional[jax.Array] = None,
) -> Iterator[Tuple[Dict[str, jax.Array], jax.Array]]:
    """Minibatches of ``(inputs, targets)``, shuffled when a key is given; drops the last partial batch."""
    n = len(targets)
    order = jax.random.permutation(key, n) if key is not None else jnp.arange(n)
    for start in range(0, n - batch_size + 1, batch_size):
        index = order[start : start + batch_size]
        yield {name: value[index] for name, value in inputs.items()}, targets[index]
