"""A tiny VMC training loop with plain SGD on the energy."""

from typing import Tuple

import jax
import jax.numpy as jnp

from ferminetlike import hamiltonian, mcmc, networks


def init_electrons(key, atoms: jnp.ndarray, electrons: Tuple[int, int], batch_size: int) -> jnp.ndarray:
    """Electrons near the atoms, one configuration per row."""
    n = sum(electrons)
    centers = jnp.tile(atoms, (-(-n // atoms.shape[0]), 1))[:n]
    noise = jax.random.normal(key, (batch_size, n, 3))
    return (centers[None] + noise).reshape(batch_size, n * 3)


def sgd_update(params: networks.ParamTree, grads: networks.ParamTree, learning_rate: float) -> networks.ParamTree:
    return jax.tree_util.tree_map(lambda p, g: p - learning_rate * g, params, grads)


def make_loss(network, atoms, charges):
    el_fun = hamiltonian.local_energy(network, atoms, charges)
    batch_local_energy = jax.vmap(el_fun, in_axes=(None, 0))
    batch_network = jax.vmap(lambda p, x: network(p, x)[1], in_axes=(None, 0))

    def total_energy(params, data):
        e_l = jax.lax.stop_gradient(batch_local_energy(params, data))
        loss = jnp.mean(e_l)
        log_psi = batch_network(params, data)
        return jnp.mean((e_l - loss) * log_psi) * 2.0, loss

    return total_energy


def train(iterations: int = 2, batch_size: int = 4, seed: int = 0):
    atoms = jnp.zeros((1, 3))
    charges = jnp.array([2.0])
    spins = (1, 1)
    net = networks.make_fermi_net(atoms, spins, hidden_dims=((4, 2), (4, 2)), determinants=1)
    key = jax.random.key(seed)
    key, init_key, data_key = jax.random.split(key, 3)
    params = net.init(init_key)
    data = init_electrons(data_key, atoms, spins, batch_size)
    loss_fn = make_loss(lambda p, x: net.apply(p, x.reshape(-1, 3)), atoms, charges)
    batch_log_prob = jax.vmap(lambda p, x: net.apply(p, x.reshape(-1, 3))[1], in_axes=(None, 0))
    mcmc_step = make_mcmc_step_jit(batch_log_prob, batch_size)
    energies = []
    for _ in range(iterations):
        key, subkey = jax.random.split(key)
        data, _ = mcmc_step(params, data, subkey, 0.02)
        grads, energy = jax.grad(loss_fn, has_aux=True)(params, data)
        params = sgd_update(params, grads, 1e-3)
        energies.append(float(energy))
    return params, energies


def make_mcmc_step_jit(batch_log_prob, batch_size):
    return jax.jit(mcmc.make_mcmc_step(batch_log_prob, batch_size, steps=2))
