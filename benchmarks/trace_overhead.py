"""Overhead of ``batchtyping trace``: the same command run untraced and traced, side by side.

    python benchmarks/trace_overhead.py              # the example project's test suite
    python benchmarks/trace_overhead.py --synthetic  # a small generated workload

Each run is a fresh process (interpreter start and jax import count in both); runs
alternate and the best of ``--repeat`` is kept. Wall time and the children's CPU time
(less noisy on a shared machine) are both reported. Target: traced / untraced <= 3x.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = 3.0

SYNTHETIC = '''
import jax.numpy as jnp


def dense(params, x):
    return x @ params["w"] + params["b"]


def relu(x):
    return jnp.maximum(x, 0.0)


def helper(n):
    return n + 1


def model(params, x):
    for _ in range(3):
        x = relu(dense(params, x))
    return x
'''

SYNTHETIC_MAIN = '''
import sys
import jax.numpy as jnp
from synth import helper, model

params = {"w": jnp.eye(4), "b": jnp.zeros(4)}
total = 0
for i in range({calls}):
    model(params, jnp.ones((1 + i % 7, 4)))
    for _ in range(20):
        total = helper(total)
'''


def _measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child processes) for one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _workload(args: argparse.Namespace, work: Path) -> tuple[str, list[str], str]:
    """(description, the Python command after `python`, the package to trace)."""
    if args.synthetic:
        (work / "synth").mkdir()
        (work / "synth" / "__init__.py").write_text(SYNTHETIC)
        (work / "main.py").write_text(SYNTHETIC_MAIN.replace("{calls}", str(args.calls)))
        return f"synthetic workload ({args.calls} model calls)", ["main.py"], "synth"
    shutil.copytree(REPO / "examples", work, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", ".*cache*"))
    return "example project test suite", ["-m", "pytest", "-q", "-p", "no:cacheprovider"], "tinynet"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--synthetic", action="store_true", help="a generated workload instead of the example")
    parser.add_argument("--calls", type=int, default=300, help="synthetic workload size")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, best kept")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="trace-overhead-") as tmp:
        work = Path(tmp)
        what, command, package = _workload(args, work)
        untraced_cmd = [sys.executable, *command]
        traced_cmd = [sys.executable, "-m", "batchtyping_codemods.cli", "trace", "--module", package,
                      "--db", str(work / "trace.sqlite"), "--", *command]
        runs: dict[str, list[tuple[float, float]]] = {"untraced": [], "traced": []}
        for _ in range(args.repeat):
            runs["untraced"].append(_measure(untraced_cmd, work))
            runs["traced"].append(_measure(traced_cmd, work))
    best = {name: (min(w for w, _ in r), min(c for _, c in r)) for name, r in runs.items()}
    print(f"trace overhead: {what}, best of {args.repeat}")
    print(f"{'':10} {'wall s':>8} {'cpu s':>8}")
    for name, (wall, cpu) in best.items():
        print(f"{name:10} {wall:8.2f} {cpu:8.2f}")
    wall_ratio = best["traced"][0] / best["untraced"][0]
    cpu_ratio = best["traced"][1] / best["untraced"][1]
    print(f"{'ratio':10} {wall_ratio:7.2f}x {cpu_ratio:7.2f}x   (target <= {TARGET:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
