"""Throughput of a codemod against the floor: a bare libcst parse + codegen round trip.

Generates a corpus of JAX-style model code (>= 100k lines by default), then measures lines/s
of (a) reading, parsing and regenerating every file with libcst and (b) the command through
the engine (``--check`` mode: everything but the write), single process and ``-j 2``.
Prints both and their ratio (target: >= 0.6).

    python benchmarks/codemod_throughput.py [--lines 100000] [--command annotate] [--jobs 1 2] [--repeat 3]

``annotate`` runs with ``--no-verify`` (the mypy pass is measured by mypy_overhead.py).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import site
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import libcst as cst

from batchtyping_codemods import framework

COMMANDS = {
    "annotate": ("batchtyping_codemods.commands.annotate", {"no_verify": True, "overwrite": None}),
    "migrate": ("batchtyping_codemods.commands.migrate", {"target_version": None}),
    "add-checks": ("batchtyping_codemods.commands.add_checks", {"import_hook": False}),
}

MODULE = '''"""Layer {n}: generated for the codemod benchmark."""
import functools
from typing import Dict, Optional

import jax
import jax.numpy as jnp

SCALE_{n} = {n}.0


class Layer{n}:
    def __init__(self, hyperparams, input_shape=None):
        self.hyperparams = hyperparams
        self.input_shape = input_shape
        self.width = hyperparams.get("width", {n})

    def init_params(self, key, input_shape):
        (d,) = input_shape
        w = jax.random.normal(key, (d, self.width))
        return {{"w": w, "b": jnp.zeros(self.width)}}

    def init_state(self):
        return ()

    def get_output_shape(self, input_shape):
        return (self.width,)

    def _get_callable(self):
        def forward(params, x, training, state, rng):
            y = x @ params["w"] + params["b"]
            return jnp.tanh(y) * SCALE_{n}, state

        return forward


def loss_{n}(params, x, y):
    pred = x @ params["w"]
    return jnp.mean((pred - y) ** 2)


@functools.partial(jax.jit, static_argnums=(2,))
def step_{n}(params, batch, lr):
    grads = jax.grad(loss_{n})(params, batch[0], batch[1])
    return jax.tree_util.tree_map(lambda p, g: p - lr * g, params, grads)


def describe_{n}(config: Optional[Dict[str, int]] = None) -> str:
    parts = []
    for key, value in sorted((config or {{}}).items()):
        if value > {n}:
            parts.append(f"{{key}}={{value}}")
        else:
            parts.append(key)
    return ", ".join(parts)
'''

CONSTANTS = '''"""Constants {n}: a file with no function at all."""
NAMES_{n} = {names!r}
SIZES_{n} = {sizes!r}
'''


def make_corpus(folder: Path, lines: int, seed: int = 0) -> list[Path]:
    """Files of model code (and a few without functions) adding up to >= ``lines`` lines."""
    rng = random.Random(seed)
    files, total, n = [], 0, 0
    while total < lines:
        if n % 10 == 9:
            text = CONSTANTS.format(n=n, names=[f"n{i}" for i in range(20)],
                                    sizes=[rng.randint(1, 512) for _ in range(20)])
        else:
            text = "\n\n".join(MODULE.format(n=n * 10 + i) for i in range(rng.randint(1, 3)))
        path = folder / f"module_{n:05d}.py"
        path.write_text(text)
        files.append(path)
        total += text.count("\n")
        n += 1
    return files


def _round_trip(path: Path) -> int:
    source, _ = framework.read_source(path)
    return len(cst.parse_module(source).code)


def floor(files: Sequence[Path], jobs: int) -> float:
    """Seconds for a bare libcst parse + codegen of every file."""
    start = time.perf_counter()
    if jobs == 1:
        for path in files:
            _round_trip(path)
    else:
        # forkserver, as the engine: forking a process with JAX's threads can deadlock. The
        # workers find this script by name (the smoke test imports it from benchmarks/).
        context = multiprocessing.get_context("forkserver")
        folder = str(Path(__file__).resolve().parent)
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=site.addsitedir, initargs=(folder,)) as pool:
            list(pool.map(_round_trip, files, chunksize=max(1, len(files) // (jobs * 8))))
    return time.perf_counter() - start


def codemod(files: Sequence[Path], command: type[framework.Command], options: dict[str, object],
            jobs: int) -> float:
    """Seconds for the command through the engine (everything but writing)."""
    config = framework.Config(files[0].parent, {}, ">=3.11")
    run = framework.RunOptions(command, options, config, mode="check", jobs=jobs)
    start = time.perf_counter()
    results = framework.process_all(files, run)
    elapsed = time.perf_counter() - start
    errors = [r.message for r in results if r.status == "error"]
    if errors:
        raise SystemExit(f"codemod errors: {errors[:3]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--command", choices=sorted(COMMANDS), default="annotate")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3, help="best of N interleaved runs")
    args = parser.parse_args(argv)
    module, options = COMMANDS[args.command]
    command = next(c for c in vars(__import__(module, fromlist=["_"])).values()
                   if isinstance(c, type) and issubclass(c, framework.Command) and c.__module__ == module)
    with tempfile.TemporaryDirectory() as tmp:
        files = make_corpus(Path(tmp), args.lines)
        lines = sum(p.read_text().count("\n") for p in files)
        print(f"corpus: {len(files)} files, {lines} lines; command: {args.command}")
        print(f"{'jobs':>4}  {'floor lines/s':>14}  {args.command + ' lines/s':>18}  ratio")
        for jobs in args.jobs:
            # Interleaved, best of --repeat: the machine's load moves during a run.
            base_times, mine_times = [], []
            for _ in range(args.repeat):
                base_times.append(floor(files, jobs))
                mine_times.append(codemod(files, command, options, jobs))
            base, mine = lines / min(base_times), lines / min(mine_times)
            print(f"{jobs:>4}  {base:>14,.0f}  {mine:>18,.0f}  {mine / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
