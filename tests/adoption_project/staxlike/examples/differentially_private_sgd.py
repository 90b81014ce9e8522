"""Per-example gradient clipping and noise (DP-SGD), with stax params lists."""

import jax
import jax.numpy as jnp
from jax import grad, jit, random, vmap

from examples import datasets
from staxlike import optimizers, stax
from staxlike.stax import Dense, LogSoftmax, Tanh

init_random_params, predict = stax.serial(Dense(8), Tanh, Dense(3), LogSoftmax)


def loss(params, batch):
    inputs, targets = batch
    logits = predict(params, inputs)
    return -jnp.mean(jnp.sum(logits * targets, axis=-1))


def clipped_grad(params, l2_norm_clip, single_example_batch):
    """Evaluate gradient for a single-example batch and clip its grad norm."""
    grads = grad(loss)(params, single_example_batch)
    nonempty_grads, tree_def = jax.tree_util.tree_flatten(grads)
    total_grad_norm = jnp.linalg.norm(jnp.array([jnp.linalg.norm(g.ravel()) for g in nonempty_grads]))
    divisor = jnp.maximum(total_grad_norm / l2_norm_clip, 1.0)
    normalized_nonempty_grads = [g / divisor for g in nonempty_grads]
    return jax.tree_util.tree_unflatten(tree_def, normalized_nonempty_grads)


def private_grad(params, batch, rng, l2_norm_clip, noise_multiplier, batch_size):
    """Return differentially private gradients for params, evaluated on batch."""
    clipped_grads = vmap(clipped_grad, (None, None, 0))(params, l2_norm_clip, batch)
    clipped_grads_flat, grads_treedef = jax.tree_util.tree_flatten(clipped_grads)
    aggregated_clipped_grads = [g.sum(0) for g in clipped_grads_flat]
    rngs = random.split(rng, len(aggregated_clipped_grads))
    noised = [
        (g + l2_norm_clip * noise_multiplier * random.normal(r, g.shape)) / batch_size
        for r, g in zip(rngs, aggregated_clipped_grads)
    ]
    return jax.tree_util.tree_unflatten(grads_treedef, noised)


def main(num_steps=2, batch_size=4):
    images, labels = datasets.synthetic_images()
    batches = datasets.minibatches(images, labels, batch_size)
    opt_init, opt_update, get_params = optimizers.sgd(0.1)
    _, params = init_random_params(random.key(0), (-1, 16))
    opt_state = opt_init(params)

    @jit
    def update(i, opt_state, rng, batch):
        params = get_params(opt_state)
        x, y = batch
        b = (x[:, None], y[:, None])
        return opt_update(i, private_grad(params, b, rng, 1.0, 1.1, batch_size), opt_state)

    rng = random.key(1)
    for i in range(num_steps):
        rng, step_rng = random.split(rng)
        opt_state = update(i, opt_state, step_rng, next(batches))
    return float(loss(get_params(opt_state), (images, labels)))


if __name__ == "__main__":
    print(main())
