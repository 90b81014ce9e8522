import jax
import jax.numpy as jnp
import numpy as np

from ferminetlike import envelopes, network_blocks, networks

ATOMS = jnp.zeros((1, 3))


def test_params_are_a_dict_of_lists_of_dicts():
    params = networks.init_fermi_net_params(jax.random.key(0), ATOMS, (2, 1))
    assert sorted(params) == ["double", "envelope", "orbital", "single"]
    assert isinstance(params["single"], list) and isinstance(params["single"][0], dict)
    assert networks.count_params(params) > 0
    assert networks.param_shapes(params)["orbital"][0]["w"] == (8, 4)


def test_wavefunction_is_antisymmetric():
    spins = (2, 1)
    net = networks.make_fermi_net(ATOMS, spins)
    params = net.init(jax.random.key(0))
    pos = jax.random.normal(jax.random.key(1), (3, 3))
    sign, logpsi = net.apply(params, pos)
    swapped = pos[jnp.array([1, 0, 2])]
    sign2, logpsi2 = net.apply(params, swapped)
    np.testing.assert_allclose(logpsi, logpsi2, rtol=1e-4)
    assert float(sign) == -float(sign2)


def test_blocks():
    layer = network_blocks.init_linear_layer(jax.random.key(0), 3, 2)
    assert network_blocks.linear_layer(jnp.ones((4, 3)), **layer).shape == (4, 2)
    assert network_blocks.array_partitions([2, 3, 1]) == [2, 5]
    sign, logdet = network_blocks.slogdet(jnp.eye(2)[None] * 2.0)
    np.testing.assert_allclose(logdet, [np.log(4.0)], rtol=1e-6)
    env = envelopes.init_isotropic(1, [2, 3])
    assert envelopes.envelope_decay(env).shape == (2,)


def test_maybe_cast():
    params = {"w": [jnp.ones(2)]}
    assert networks.maybe_cast(params) is params
    assert networks.maybe_cast(params, jnp.float16)["w"][0].dtype == jnp.float16
