"""Latency of ``batchtyping lsp``: from an edit to its diagnostics, on a generated project.

It generates a package of ``--modules`` modules (each imports the previous one and has one
``batch-dim`` mistake), starts the server over stdio, opens every module, warms up, then
times, ``--repeat`` times each and alternating:

* didChange (an unsaved buffer) to the publishDiagnostics of that version;
* write + didSave to the next publishDiagnostics.

Both are one fine-grained re-check by mypy's daemon (of the project's mirror).

Each edit toggles a mistake in the middle module, so every diagnostic set is checked to be
the expected one. Target: <= 1 s for didChange after warm-up.

    python benchmarks/lsp_latency.py                 # 20 modules, 10 repeats
    python benchmarks/lsp_latency.py --modules 3 --repeat 1   # a smoke run
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.lsp.client import Client  # noqa: E402 - the tests' stdio client

MODULE = '''\
from jax import Array

from batchtyping import BatchlessRealDataFixed, RealDataFixed
{imports}

def per_example_{i}(x: BatchlessRealDataFixed) -> Array:
    raise NotImplementedError


def batched_{i}(x: RealDataFixed) -> Array:
    {body}
    return per_example_{i}(x)  # the seeded mistake
'''


def module(i: int, extra: bool = False) -> str:
    imports = f"from bench.mod_{i - 1} import batched_{i - 1}\n" if i else ""
    body = f"batched_{i - 1}(x)" if i else "pass"
    text = MODULE.format(i=i, imports=imports, body=body)
    return text + (f"\n\ndef extra(x: RealDataFixed) -> Array:\n    return per_example_{i}(x)\n" if extra else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--cache-dir", type=Path, default=REPO / ".cache" / "mypy" / "lsp-bench")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pyproject.toml").write_text('[tool.mypy]\nplugins = ["batchtyping_mypy"]\n')
        (root / "bench").mkdir()
        (root / "bench" / "__init__.py").write_text("")
        paths = [root / "bench" / f"mod_{i}.py" for i in range(args.modules)]
        for i, path in enumerate(paths):
            path.write_text(module(i))
        middle = args.modules // 2
        target = paths[middle]
        client = Client(root, args.cache_dir)
        first, change, save = 0.0, [0.0], [0.0]
        started = time.perf_counter()
        try:
            client.initialize()
            for path in paths:
                client.open(path)
            while len(client.diagnostics(target)) != 1:
                pass
            first = time.perf_counter() - started
            version = 1
            change, save = [], []
            for round_ in range(args.repeat + 2):  # two warm-up rounds
                for extra in (True, False):
                    version += 1
                    t0 = time.perf_counter()
                    client.change(target, version, module(middle, extra))
                    found = client.diagnostics(target, version=version)
                    elapsed = time.perf_counter() - t0
                    assert len(found) == 1 + extra, found
                    target.write_text(module(middle, extra))
                    t0 = time.perf_counter()
                    client.save(target)
                    found = client.diagnostics(target)
                    saved = time.perf_counter() - t0
                    assert len(found) == 1 + extra, found
                    if round_ >= 2:
                        change.append(elapsed)
                        save.append(saved)
        finally:
            report(args.modules, first, change, save)
            client.shutdown()


def report(modules: int, first: float, change: list[float], save: list[float]) -> None:
    print(f"| modules | first diagnostics s | didChange median s | didChange max s "
          f"| didSave median s | didSave max s | target didChange <= 1 s |")
    print("|--------:|--------------------:|-------------------:|----------------:"
          "|-----------------:|--------------:|:-----------------------|")
    met = "met" if statistics.median(change) <= 1.0 else "NOT met"
    print(f"| {modules:7d} | {first:19.2f} | {statistics.median(change):18.3f} "
          f"| {max(change):15.3f} | {statistics.median(save):16.3f} | {max(save):13.3f} | {met} |")


if __name__ == "__main__":
    main()
