"""Evaluating the Hamiltonian on a wavefunction."""

from typing import Any, Callable

import jax
import jax.numpy as jnp

from ferminetlike import networks


def local_kinetic_energy(f: Callable[..., Any]) -> Callable[..., jnp.ndarray]:
    """Creates a function for the local kinetic energy, -1/2 nabla^2 ln|f|."""

    def _lapl_over_f(params, x):
        n = x.shape[0]
        eye = jnp.eye(n)
        grad_f = jax.grad(lambda p, y: f(p, y)[1], argnums=1)
        grad_f_closure = lambda y: grad_f(params, y)

        def _body_fun(i, val):
            primal, tangent = jax.jvp(grad_f_closure, (x,), (eye[i],))
            return val + primal[i] ** 2 + tangent[i]

        return -0.5 * jax.lax.fori_loop(0, n, _body_fun, 0.0)

    return _lapl_over_f


def potential_energy(r_ae: jnp.ndarray, r_ee: jnp.ndarray, atoms: jnp.ndarray, charges: jnp.ndarray) -> jnp.ndarray:
    v_ee = jnp.sum(jnp.triu(1 / (r_ee[..., 0] + jnp.eye(r_ee.shape[0])), k=1) * (1 - jnp.eye(r_ee.shape[0])))
    v_ae = -jnp.sum(charges / r_ae[..., 0])
    r_aa = jnp.linalg.norm(atoms[None, ...] - atoms[:, None], axis=-1)
    v_aa = jnp.sum(jnp.triu((charges[None, ...] * charges[..., None]) / (r_aa + jnp.eye(r_aa.shape[0])), k=1))
    return v_ee + v_ae + v_aa


def local_energy(f: Callable[..., Any], atoms: jnp.ndarray, charges: jnp.ndarray):
    """Creates the function to evaluate the local energy."""
    ke = local_kinetic_energy(f)

    def _e_l(params: networks.ParamTree, x: jnp.ndarray) -> jnp.ndarray:
        _, _, r_ae, r_ee = networks.construct_input_features(x, atoms)
        potential = potential_energy(r_ae, r_ee, atoms, charges)
        kinetic = ke(params, x)
        return potential + kinetic

    return _e_l
