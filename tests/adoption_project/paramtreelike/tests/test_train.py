import math

import jax
import jax.numpy as jnp

from ferminetlike import hamiltonian, mcmc, networks, train


def test_training_runs():
    params, energies = train.train(iterations=1, batch_size=2)
    assert len(energies) == 1
    assert all(math.isfinite(e) for e in energies)
    assert networks.count_params(params) > 0


def test_local_energy_of_a_gaussian():
    f = lambda p, x: (1.0, -0.5 * p["a"] * jnp.sum(x**2))
    e_l = hamiltonian.local_energy(f, jnp.zeros((1, 3)), jnp.array([0.0]))
    value = e_l({"a": jnp.array(1.0)}, jnp.array([0.5, 0.0, 0.0]))
    assert math.isfinite(float(value))


def test_mcmc_width_adapts():
    width, pmoves = mcmc.update_mcmc_width(10, 0.1, 10, 0.9, jnp.full(10, 0.9))
    assert width > 0.1
    assert pmoves.shape == (10,)
