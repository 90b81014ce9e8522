"""A FermiNet-style ansatz: one- and two-electron streams, determinants, envelopes."""

from typing import Any, Iterable, Mapping, MutableMapping, NamedTuple, Optional, Sequence, Tuple, Union

import jax
import jax.numpy as jnp

from ferminetlike import envelopes, network_blocks

# A parameter tree: the network's own recursive alias.
ParamTree = Union[jnp.ndarray, Iterable["ParamTree"], MutableMapping[Any, "ParamTree"]]
Param = MutableMapping[str, jnp.ndarray]


class FermiNetLike(NamedTuple):
    init: Any
    apply: Any


def construct_input_features(pos: jnp.ndarray, atoms: jnp.ndarray, ndim: int = 3) -> Tuple[jnp.ndarray, jnp.ndarray, jnp.ndarray, jnp.ndarray]:
    """Constructs inputs to Fermi Net from raw electron and atomic positions."""
    assert atoms.shape[1] == ndim
    ae = jnp.reshape(pos, [-1, 1, ndim]) - atoms[None, ...]
    ee = jnp.reshape(pos, [1, -1, ndim]) - jnp.reshape(pos, [-1, 1, ndim])
    r_ae = jnp.linalg.norm(ae, axis=2, keepdims=True)
    n = ee.shape[0]
    r_ee = jnp.linalg.norm(ee + jnp.eye(n)[..., None], axis=-1) * (1.0 - jnp.eye(n))
    return ae, ee, r_ae, r_ee[..., None]


def init_layers(key, dims_one_in: int, dims_two_in: int, hidden_dims: Sequence[Tuple[int, int]]) -> Tuple[Sequence[Param], Sequence[Param]]:
    """Initialises parameters for the FermiNet layers: two lists of dicts."""
    single = []
    double = []
    dims_one, dims_two = dims_one_in, dims_two_in
    for i, (one, two) in enumerate(hidden_dims):
        key, subkey = jax.random.split(key)
        single.append(network_blocks.init_linear_layer(subkey, in_dim=3 * dims_one + 2 * dims_two, out_dim=one))
        if i < len(hidden_dims) - 1:
            key, subkey = jax.random.split(key)
            double.append(network_blocks.init_linear_layer(subkey, in_dim=dims_two, out_dim=two))
        dims_one, dims_two = one, two
    return single, double


def init_orbital_shaping(key, input_dim: int, nspin_orbitals: Sequence[int]) -> Sequence[Param]:
    orbitals = []
    for nspin_orbital in nspin_orbitals:
        key, subkey = jax.random.split(key)
        orbitals.append(network_blocks.init_linear_layer(subkey, in_dim=input_dim, out_dim=nspin_orbital))
    return orbitals


def init_fermi_net_params(key, atoms: jnp.ndarray, spins: Tuple[int, int], hidden_dims=((8, 4), (8, 4)), determinants: int = 2) -> ParamTree:
    """All the network's params: a dict of lists of dicts."""
    natom = atoms.shape[0]
    params = {}
    key, subkey = jax.random.split(key)
    params["single"], params["double"] = init_layers(subkey, natom * 4, 4, hidden_dims)
    nspin_orbitals = [s * determinants for s in spins]
    key, subkey = jax.random.split(key)
    params["orbital"] = init_orbital_shaping(subkey, hidden_dims[-1][0], nspin_orbitals)
    params["envelope"] = envelopes.init_isotropic(natom, nspin_orbitals)
    return params


def construct_symmetric_features(h_one: jnp.ndarray, h_two: jnp.ndarray, spins: Tuple[int, int]) -> jnp.ndarray:
    """Combines intermediate features from rank-one and -two streams."""
    spin_partitions = network_blocks.array_partitions(spins)
    h_ones = jnp.split(h_one, spin_partitions, axis=0)
    h_twos = jnp.split(h_two, spin_partitions, axis=0)
    g_one = [jnp.mean(h, axis=0, keepdims=True) for h in h_ones if h.size > 0]
    g_two = [jnp.mean(h, axis=0) for h in h_twos if h.size > 0]
    g_one = [jnp.tile(g, [h_one.shape[0], 1]) for g in g_one]
    return jnp.concatenate([h_one] + g_one + g_two, axis=1)


def fermi_net_orbitals(params: ParamTree, pos: jnp.ndarray, atoms: jnp.ndarray, spins: Tuple[int, int], determinants: int = 2):
    """Forward evaluation of the network up to the orbitals."""
    ae, ee, r_ae, r_ee = construct_input_features(pos, atoms)
    ae_features = jnp.concatenate((r_ae, ae), axis=2)
    h_one = jnp.reshape(ae_features, [jnp.shape(ae_features)[0], -1])
    h_two = jnp.concatenate((r_ee, ee), axis=2)
    residual = lambda x, y: (x + y) / jnp.sqrt(2.0) if x.shape == y.shape else y
    for i in range(len(params["double"])):
        h_one_in = construct_symmetric_features(h_one, h_two, spins)
        h_one_next = jnp.tanh(network_blocks.linear_layer(h_one_in, **params["single"][i]))
        h_two_next = jnp.tanh(network_blocks.vmap_linear_layer(h_two, params["double"][i]["w"], params["double"][i]["b"]))
        h_one = residual(h_one, h_one_next)
        h_two = residual(h_two, h_two_next)
    h_one_in = construct_symmetric_features(h_one, h_two, spins)
    h_to_orbitals = jnp.tanh(network_blocks.linear_layer(h_one_in, **params["single"][-1]))
    h_to_orbitals = jnp.split(h_to_orbitals, network_blocks.array_partitions(spins), axis=0)
    h_to_orbitals = [h for h, s in zip(h_to_orbitals, spins) if s > 0]
    active_spin_channels = [s for s in spins if s > 0]
    orbitals = [network_blocks.linear_layer(h, **p) for h, p in zip(h_to_orbitals, params["orbital"])]
    r_ae_spin = jnp.split(r_ae, network_blocks.array_partitions(spins), axis=0)
    orbitals = [
        envelopes.apply_isotropic(r, env, orb) for r, env, orb in zip(r_ae_spin, params["envelope"], orbitals)
    ]
    shapes = [(spin, -1, spin) for spin in active_spin_channels]
    orbitals = [jnp.reshape(orbital, shape) for orbital, shape in zip(orbitals, shapes)]
    orbitals = [jnp.transpose(orbital, (1, 0, 2)) for orbital in orbitals]
    return orbitals


def fermi_net(params: ParamTree, pos: jnp.ndarray, atoms: jnp.ndarray, spins: Tuple[int, int], determinants: int = 2) -> Tuple[jnp.ndarray, jnp.ndarray]:
    """Sign and log magnitude of the wavefunction."""
    orbitals = fermi_net_orbitals(params, pos, atoms, spins, determinants)
    return network_blocks.logdet_matmul(orbitals)


def make_fermi_net(atoms: jnp.ndarray, spins: Tuple[int, int], hidden_dims=((8, 4), (8, 4)), determinants: int = 2) -> FermiNetLike:
    def init(key):
        return init_fermi_net_params(key, atoms, spins, hidden_dims, determinants)

    def apply(params, pos):
        return fermi_net(params, pos, atoms, spins, determinants)

    return FermiNetLike(init, apply)


def count_params(params: ParamTree) -> int:
    return sum(x.size for x in jax.tree_util.tree_leaves(params))


def param_shapes(params: ParamTree) -> Mapping[str, Any]:
    return jax.tree_util.tree_map(lambda x: x.shape, params)


def maybe_cast(params: ParamTree, dtype: Optional[Any] = None) -> ParamTree:
    if dtype is None:
        return params
    return jax.tree_util.tree_map(lambda x: x.astype(dtype), params)
