"""Tiny synthetic data sets for the examples."""

import numpy as np


def synthetic_images(num=32, size=4, classes=3, seed=0):
    rng = np.random.RandomState(seed)
    labels = rng.randint(classes, size=num)
    images = rng.randn(num, size * size).astype(np.float32) + labels[:, None]
    return images, _one_hot(labels, classes)


def _one_hot(x, k, dtype=np.float32):
    return np.array(x[:, None] == np.arange(k), dtype)


def minibatches(images, labels, batch_size, seed=0):
    rng = np.random.RandomState(seed)
    num = images.shape[0]
    while True:
        perm = rng.permutation(num)
        for i in range(num // batch_size):
            idx = perm[i * batch_size : (i + 1) * batch_size]
            yield images[idx], labels[idx]
