"""The rules that read a def of another module give the cold verdict from a warm cache and
after an edit of the calling module only (mypy loads the unchanged module from its cache):
the grad and ``jax.jit(f)(...)`` rules read its signature; batch-jit and calls of a def
decorated ``@jax.jit`` judge only defs of the module being checked (mypy keeps no bodies
and, in its cache, no decorators of other modules' defs), so ``jax.jit(forward)`` of an
imported ``forward`` and a call of an imported ``@jax.jit`` def are never judged."""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.checkers import CACHE
from tests.test_plugin_quality import _check

MODELS = '''
from typing import Any
import jax
import jax.numpy as jnp
from jax import Array
from batchtyping import Data, Params, State, check

def forward(params: Params, data: Data, training: bool, state: State, rng: Any) -> tuple[Data, State]:
    if training:
        return data, state
    return data, state

@check
def step(params: Params, x: Data) -> Data:
    return x

def loss(params: dict[str, Array], x: Array) -> Array:
    return jnp.sum(params["w"] * x)

@jax.jit
@check
def jitted(params: Params) -> Params:
    return params
'''

TRAIN = '''
import jax
import jax.numpy as jnp
from jax import Array
from batchtyping import Data, ParamsT
from {package}.models import forward, jitted, loss, step

def sgd(params: ParamsT, grads: ParamsT) -> ParamsT:
    return params

def dropout(x: Array, training: bool) -> Array:
    if training:
        return x * 0.5
    return x

def run(weights: dict[str, Array], x: Array, d: Data) -> None:
    jax.jit(forward)
    jax.jit(dropout)
    jitted({{"w": jnp.arange(3)}})
    jax.jit(step)({{"w": jnp.arange(3)}}, d)
    sgd(weights, jax.grad(loss, argnums=1)(weights, x))
'''


def test_cached_runs_match_the_cold_run(tmp_path: Path) -> None:
    package = f"rules_{uuid.uuid4().hex[:8]}"
    project = tmp_path / package
    project.mkdir()
    (project / "__init__.py").write_text("")
    (project / "models.py").write_text(MODELS)
    (project / "train.py").write_text(TRAIN.format(package=package))
    cache = CACHE / "mypy" / "plugin-rules-incremental"
    (project / "mypy.ini").write_text(f"[mypy]\nplugins = batchtyping_mypy\ncache_dir = {cache}\n")
    cold = _check(project, cache)
    codes = sorted(line.rsplit("[", 1)[1] for line in cold if "[batch-" in line)
    assert codes == ["batch-dtype]", "batch-jit]", "batch-structure]"], cold
    assert _check(project, cache) == cold  # everything from the cache
    (project / "train.py").write_text(TRAIN.format(package=package) + "\n# edited\n")
    assert _check(project, cache) == cold  # models from the cache, train rechecked
