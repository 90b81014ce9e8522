"""Adam, written out: the optimiser state is a pair of trees shaped like the parameters."""

import jax
import jax.numpy as jnp


def adam_init(params):
    """Zero first and second moments, and a step counter."""
    zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
    return {"mu": zeros, "nu": zeros, "step": jnp.zeros((), dtype=jnp.int32)}


def adam_update(grads, opt_state, params, hyperparams):
    """One Adam step: the new parameters and the new optimiser state."""
    beta1, beta2 = hyperparams["beta1"], hyperparams["beta2"]
    learning_rate, epsilon = hyperparams["learning_rate"], hyperparams["adam_epsilon"]
    step = opt_state["step"] + 1
    mu = jax.tree_util.tree_map(lambda m, g: beta1 * m + (1 - beta1) * g, opt_state["mu"], grads)
    nu = jax.tree_util.tree_map(lambda v, g: beta2 * v + (1 - beta2) * g**2, opt_state["nu"], grads)
    mu_hat_scale = 1.0 / (1 - beta1**step)
    nu_hat_scale = 1.0 / (1 - beta2**step)

    def update(p, m, v):
        return p - learning_rate * (m * mu_hat_scale) / (jnp.sqrt(v * nu_hat_scale) + epsilon)

    new_params = jax.tree_util.tree_map(update, params, mu, nu)
    return new_params, {"mu": mu, "nu": nu, "step": step}
