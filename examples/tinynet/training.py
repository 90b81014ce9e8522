"""Training: a jitted step built from the hyperparameters, and the loop around it."""

import jax
import jax.numpy as jnp

from tinynet.data import batches, feature_shape, features
from tinynet.losses import batch_loss, l2_penalty
from tinynet.model import mlp, mlp_init
from tinynet.optim import adam_init, adam_update
from tinynet.scaler import fit_scaler, transform


def make_train_step(hyperparams):
    """``train_step(params, opt_state, state, inputs, targets, rng)``, jitted.

    Returns the new parameters, optimiser state and network state, and the loss.
    """
    forward = mlp(hyperparams)
    weight_decay = hyperparams["weight_decay"]

    def loss_fn(params, inputs, targets, state, rng):
        predictions, new_state = forward(params, inputs, True, state, rng)
        loss = batch_loss(predictions, targets) + weight_decay * l2_penalty(params)
        return loss, new_state

    @jax.jit
    def train_step(params, opt_state, state, inputs, targets, rng):
        grad_fn = jax.value_and_grad(loss_fn, has_aux=True)
        (loss, state), grads = grad_fn(params, inputs, targets, state, rng)
        params, opt_state = adam_update(grads, opt_state, params, hyperparams)
        return params, opt_state, state, loss

    return train_step


def fit(hyperparams, inputs, targets, rng=None):
    """Train a network on raw ``inputs`` and ``targets``.

    Returns a dict with the parameters, the network state, the scaler statistics of the
    inputs and of the targets, and the mean training loss of every epoch.
    """
    if rng is None:
        rng = jax.random.PRNGKey(hyperparams["seed"])
    input_stats = fit_scaler(inputs)
    target_stats = fit_scaler(targets)
    scaled_inputs = transform(input_stats, inputs)
    scaled_targets = transform(target_stats, targets)

    rng, init_rng = jax.random.split(rng)
    params, state, _ = mlp_init(init_rng, feature_shape(inputs), hyperparams)
    opt_state = adam_init(params)
    train_step = make_train_step(hyperparams)

    history = []
    for _ in range(hyperparams["epochs"]):
        rng, shuffle_rng = jax.random.split(rng)
        losses = []
        for batch_inputs, batch_targets in batches(
            scaled_inputs, scaled_targets, hyperparams["batch_size"], shuffle_rng
        ):
            rng, step_rng = jax.random.split(rng)
            params, opt_state, state, loss = train_step(
                params, opt_state, state, features(batch_inputs), batch_targets, step_rng
            )
            losses.append(loss)
        history.append(float(jnp.mean(jnp.stack(losses))))
    return {
        "params": params,
        "state": state,
        "input_stats": input_stats,
        "target_stats": target_stats,
        "history": history,
    }
