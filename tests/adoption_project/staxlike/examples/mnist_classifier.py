"""A basic classifier trained with stax layers and the momentum optimizer."""

import itertools

import jax
import jax.numpy as jnp
from jax import grad, jit, random

from examples import datasets
from staxlike import optimizers, stax
from staxlike.stax import Dense, LogSoftmax, Relu


def loss(params, batch):
    inputs, targets = batch
    preds = predict(params, inputs)
    return -jnp.mean(jnp.sum(preds * targets, axis=1))


def accuracy(params, batch):
    inputs, targets = batch
    target_class = jnp.argmax(targets, axis=1)
    predicted_class = jnp.argmax(predict(params, inputs), axis=1)
    return jnp.mean(predicted_class == target_class)


init_random_params, predict = stax.serial(Dense(8), Relu, Dense(8), Relu, Dense(3), LogSoftmax)


def main(num_steps=5, batch_size=8, step_size=0.01):
    rng = random.key(0)
    images, labels = datasets.synthetic_images()
    batches = datasets.minibatches(images, labels, batch_size)
    opt_init, opt_update, get_params = optimizers.momentum(step_size, mass=0.9)

    @jit
    def update(i, opt_state, batch):
        params = get_params(opt_state)
        return opt_update(i, grad(loss)(params, batch), opt_state)

    _, init_params = init_random_params(rng, (-1, 16))
    opt_state = opt_init(init_params)
    itercount = itertools.count()
    for _ in range(num_steps):
        opt_state = update(next(itercount), opt_state, next(batches))
    params = get_params(opt_state)
    return float(accuracy(params, (images, labels)))


if __name__ == "__main__":
    print(main())
