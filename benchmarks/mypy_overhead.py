"""How much the batchtyping mypy plugin adds to mypy's time, on generated projects.

For each size it generates a package of that many modules that use the aliases heavily
(scalers over Fixed data, vmapped per-example losses, ModuleCallable layers, structure
binding across arguments, methods, closures, ``functools.partial``), then measures, in one
run and alternating the two configurations so that machine noise hits both alike:

* cold: mypy with an empty cache, with the plugin and without it (``--repeat`` times each;
  medians reported);
* incremental: with a warm cache, the re-check after changing one module's interface.

It prints wall and CPU (user + system) seconds and their ratios, plugin over plain (target:
<= 1.05 at every size; on a loaded machine the CPU figures are the steadier ones). Every
cold run also analyses jax itself (many seconds, the same at every size), so it also prints,
against the previous size, the plugin's CPU time per added module (linear scaling keeps it
steady) and the CPU ratio of the added modules alone (the plugin's cost on project code,
without jax's constant share).

    python benchmarks/mypy_overhead.py                     # 10, 100 and 1,000 modules
    python benchmarks/mypy_overhead.py --sizes 3 --repeat 1  # a smoke run
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CONFIGS = {
    "plain": "[mypy]\nstrict = True\n",
    "plugin": "[mypy]\nstrict = True\nplugins = batchtyping_mypy\n",
}

HEADER = '''\
"""Generated module {index} of {size}."""

{future}import functools
from typing import Any

import jax
import jax.numpy as jnp
from jax import Array

from batchtyping import (
    ArrayData,
    BatchlessComplexDataFixed,
    BatchlessRealDataFixed,
    ComplexDataFixed,
    DictParams,
    DictState,
    HyperParams,
    ModuleCallable,
    Params,
    ParamsT,
    RealDataFixed,
    check,
)
{imports}
'''

BODY = '''

@check
def means_{i}(x: RealDataFixed) -> BatchlessRealDataFixed:
    def mean(a: Array) -> Array:
        return jnp.mean(a, axis=0)

    out: BatchlessRealDataFixed = jax.tree_util.tree_map(mean, x)
    return out


@check
def shift_{i}(x: RealDataFixed, by: BatchlessRealDataFixed, scale: BatchlessRealDataFixed) -> RealDataFixed:
    def affine(a: Array, b: Array, s: Array) -> Array:
        return (a - b) / s

    out: RealDataFixed = jax.tree_util.tree_map(affine, x, by, scale)
    return out


@check
def example_loss_{i}(prediction: BatchlessRealDataFixed, target: BatchlessRealDataFixed) -> Array:
    def sq(p: Array, t: Array) -> Array:
        return jnp.sum((p - t) ** 2)

    leaves: list[Array] = jax.tree_util.tree_leaves(jax.tree_util.tree_map(sq, prediction, target))
    return jnp.stack(leaves).sum()


batch_loss_{i} = jax.vmap(example_loss_{i})
shared_shift_{i} = jax.vmap(shift_{i}, in_axes=(0, None, None))


@check
def spectrum_{i}(x: RealDataFixed) -> ComplexDataFixed:
    def fft(a: Array) -> Array:
        return jnp.fft.rfft(a, axis=-1)

    out: ComplexDataFixed = jax.tree_util.tree_map(fft, x)
    return out


def reference_{i}(z: ComplexDataFixed) -> BatchlessComplexDataFixed:
    def mean(a: Array) -> Array:
        return jnp.mean(a, axis=0)

    out: BatchlessComplexDataFixed = jax.tree_util.tree_map(mean, z)
    return out


def forward_{i}(
    params: DictParams, data: ArrayData, training: bool, state: DictState, rng: Any
) -> tuple[ArrayData, DictState]:
    out = data @ params["w"] + params["b"]
    if training:
        state = {{"calls": state["calls"] + 1}}
    return out, state


layer_{i}: ModuleCallable[DictParams, DictState, ArrayData] = forward_{i}


def stack_{i}(first: ModuleCallable[DictParams, DictState, ArrayData]) -> ModuleCallable[
    tuple[DictParams, DictParams], tuple[DictState, DictState], ArrayData
]:
    def apply(
        params: tuple[DictParams, DictParams],
        data: ArrayData,
        training: bool,
        state: tuple[DictState, DictState],
        rng: Any,
    ) -> tuple[ArrayData, tuple[DictState, DictState]]:
        hidden, s0 = first(params[0], data, training, state[0], rng)
        out, s1 = layer_{i}(params[1], hidden, training, state[1], rng)
        return out, (s0, s1)

    return apply


def sgd_{i}(params: ParamsT, grads: ParamsT, hparams: HyperParams) -> ParamsT:
    lr = float(hparams["learning_rate"])

    def step(p: Array, g: Array) -> Array:
        return p - lr * g

    out: ParamsT = jax.tree_util.tree_map(step, params, grads)
    return out


class Scaler{i}:
    def __init__(self) -> None:
        self.shift: BatchlessRealDataFixed = None
        self.scale: BatchlessRealDataFixed = None

    def fit(self, x: RealDataFixed) -> "Scaler{i}":
        self.shift = means_{i}(x)
        self.scale = means_{i}(x)
        return self

    def transform(self, x: RealDataFixed) -> RealDataFixed:
        return shift_{i}(x, self.shift, self.scale)


def use_{i}(pair: tuple[Array, Array], params: Params, hparams: HyperParams) -> Array:
    scaler = Scaler{i}().fit(pair)
    scaled = scaler.transform(pair)
    again = shared_shift_{i}(pair, scaler.shift, scaler.scale)
    partial = functools.partial(shift_{i}, by=scaler.shift, scale=scaler.scale)
    losses = batch_loss_{i}(scaled, partial(pair)) + batch_loss_{i}(again, pair)
    _ = reference_{i}(spectrum_{i}(pair)), sgd_{i}(params, params, hparams)
    return losses.mean(){uses}
'''


def _module(index: int, size: int) -> str:
    deps = sorted({index - 1, index // 2} - {index}) if index else []
    imports = "".join(f"from benchpkg import m{d:04d}\n" for d in deps)
    uses = "".join(f" + m{d:04d}.use_{d}(pair, params, hparams)" for d in deps)
    future = "from __future__ import annotations\n\n" if index % 2 else ""
    return HEADER.format(index=index, size=size, future=future, imports=imports) + BODY.format(
        i=index, uses=uses
    )


def generate(root: Path, size: int) -> Path:
    """A package ``benchpkg`` of ``size`` modules under ``root``; returns the package folder."""
    package = root / "benchpkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""Generated for benchmarks/mypy_overhead.py."""\n')
    for index in range(size):
        (package / f"m{index:04d}.py").write_text(_module(index, size))
    for name, text in CONFIGS.items():
        (root / f"{name}.ini").write_text(text)
    return package


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    """User + system seconds of the mypy process: less sensitive to other load than wall time."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def mypy(root: Path, config: str, cache: Path) -> Timing:
    """How long one mypy run over ``benchpkg`` takes; exits with mypy's output if it fails."""
    cmd = [sys.executable, "-m", "mypy", "--config-file", f"{config}.ini", "--cache-dir", str(cache),
           "--no-error-summary", "benchpkg"]
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"mypy ({config}) failed on the generated project:\n{proc.stdout}{proc.stderr}")
    return Timing(elapsed, _children_cpu() - cpu)


def touch_interface(package: Path, index: int, generation: int) -> None:
    """Change module ``index``'s interface (a new function), so its dependents are re-checked."""
    path = package / f"m{index:04d}.py"
    path.write_text(path.read_text() + f"\n\ndef added_{generation}(x: RealDataFixed) -> RealDataFixed:\n"
                    "    return x\n")


@dataclass
class Row:
    size: int
    cold: dict[str, Timing]
    incremental: dict[str, Timing]

    def cells(self, previous: Row | None) -> list[str]:
        cold, incr = self.cold, self.incremental
        slope = added_ratio = "-"
        if previous is not None:
            plugin = cold["plugin"].cpu - previous.cold["plugin"].cpu
            plain = cold["plain"].cpu - previous.cold["plain"].cpu
            slope = f"{1000 * plugin / (self.size - previous.size):.0f}"
            added_ratio = f"{plugin / plain:.3f}" if plain > 0 else "-"
        return [
            str(self.size),
            f"{cold['plain'].wall:.2f}",
            f"{cold['plugin'].wall:.2f}",
            f"{cold['plugin'].wall / cold['plain'].wall:.3f}",
            f"{cold['plain'].cpu:.2f}",
            f"{cold['plugin'].cpu:.2f}",
            f"{cold['plugin'].cpu / cold['plain'].cpu:.3f}",
            slope,
            added_ratio,
            f"{incr['plain'].wall:.2f}",
            f"{incr['plugin'].wall:.2f}",
            f"{incr['plugin'].wall / incr['plain'].wall:.3f}",
            f"{incr['plugin'].cpu / incr['plain'].cpu:.3f}",
        ]


COLUMNS = ["modules", "cold plain s", "cold plugin s", "cold ratio", "cold plain CPU s",
           "cold plugin CPU s", "cold CPU ratio", "plugin CPU ms per added module",
           "added modules CPU ratio", "incr plain s", "incr plugin s", "incr ratio",
           "incr CPU ratio"]


def measure(size: int, repeat: int, work: Path) -> Row:
    root = work / f"project-{size}"
    package = generate(root, size)
    cold: dict[str, list[Timing]] = {"plain": [], "plugin": []}
    for run in range(repeat):
        order = ["plain", "plugin"] if run % 2 == 0 else ["plugin", "plain"]
        for config in order:
            cold[config].append(mypy(root, config, work / f"cold-{size}-{config}-{run}"))
    # The last cold run of each configuration left a complete cache: re-check from it.
    warm = {config: work / f"cold-{size}-{config}-{repeat - 1}" for config in CONFIGS}
    incremental: dict[str, list[Timing]] = {"plain": [], "plugin": []}
    for run in range(repeat):
        touch_interface(package, size // 2, run)
        for config in ["plain", "plugin"] if run % 2 == 0 else ["plugin", "plain"]:
            incremental[config].append(mypy(root, config, warm[config]))
    return Row(size, {k: median(v) for k, v in cold.items()},
               {k: median(v) for k, v in incremental.items()})


def median(timings: list[Timing]) -> Timing:
    """The median wall time and the median CPU time (each over all runs)."""
    return Timing(statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings))


def table(rows: list[Row]) -> str:
    lines = [COLUMNS, *(row.cells(prev) for prev, row in zip([None, *rows], rows))]
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]
    out = ["| " + " | ".join(cell.rjust(w) for cell, w in zip(line, widths)) + " |" for line in lines]
    out.insert(1, "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000],
                        help="project sizes in modules (default: 10 100 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per configuration (median)")
    args = parser.parse_args(argv)
    args.sizes = sorted(set(args.sizes))
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="batchtyping-bench-") as tmp:
        for size in args.sizes:
            rows.append(measure(size, args.repeat, Path(tmp)))
            print(f"measured {size} modules", file=sys.stderr, flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
