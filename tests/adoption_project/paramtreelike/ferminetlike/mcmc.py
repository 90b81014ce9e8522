"""Metropolis-Hastings Monte Carlo."""

import jax
import jax.numpy as jnp

from ferminetlike import networks


def mh_update(params: networks.ParamTree, f, x1, key, lp_1, num_accepts, stddev=0.02):
    """Performs one Metropolis-Hastings step using an all-electron move."""
    key, subkey = jax.random.split(key)
    x2 = x1 + stddev * jax.random.normal(subkey, shape=x1.shape)
    lp_2 = 2.0 * f(params, x2)
    ratio = lp_2 - lp_1
    key, subkey = jax.random.split(key)
    rnd = jnp.log(jax.random.uniform(subkey, shape=lp_1.shape))
    cond = ratio > rnd
    x_new = jnp.where(cond[..., None], x2, x1)
    lp_new = jnp.where(cond, lp_2, lp_1)
    num_accepts += jnp.sum(cond)
    return x_new, key, lp_new, num_accepts


def make_mcmc_step(batch_log_prob, batch_per_device: int, steps: int = 5):
    """Creates the MCMC step function."""

    def mcmc_step(params, data, key, width):
        pos = data

        def step_fn(i, x):
            return mh_update(params, batch_log_prob, *x, stddev=width)

        nsteps = steps
        logprob = 2.0 * batch_log_prob(params, pos)
        new_data, key, _, num_accepts = jax.lax.fori_loop(0, nsteps, step_fn, (pos, key, logprob, 0.0))
        pmove = num_accepts / (nsteps * batch_per_device)
        return new_data, pmove

    return mcmc_step


def update_mcmc_width(t: int, width, adapt_frequency: int, pmove, pmoves, pmove_max: float = 0.55, pmove_min: float = 0.5):
    """Updates the width in MCMC steps."""
    t_since_mcmc_update = t % adapt_frequency
    pmoves = pmoves.at[t_since_mcmc_update].set(pmove)
    if t > 0 and t_since_mcmc_update == 0:
        if jnp.mean(pmoves) > pmove_max:
            width *= 1.1
        elif jnp.mean(pmoves) < pmove_min:
            width /= 1.1
    return width, pmoves
