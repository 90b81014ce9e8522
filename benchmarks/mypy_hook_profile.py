"""Where the batchtyping mypy plugin's time goes, measured in one process.

Generates ``mypy_overhead.py``'s package of N modules, then runs ``mypy.api.run`` cold (a new
cache folder each time) in this process, alternating plain mypy and mypy with the plugin, and
reports the process CPU time of each run (``time.process_time``: other processes on a loaded
machine disturb it far less than wall time). One more plugin run is timed hook by hook: every
hook look-up mypy makes and every callback the plugin hands back is wrapped in a CPU timer
(outermost call only, so nested hooks are not counted twice). The wrappers themselves add a
little, so the totals come from the untimed runs.

    python benchmarks/mypy_hook_profile.py --modules 100 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from mypy import api  # noqa: E402

from mypy_overhead import generate  # noqa: E402

HOOKS = (
    "get_additional_deps",
    "get_type_analyze_hook",
    "get_function_hook",
    "get_method_hook",
    "get_function_signature_hook",
    "get_method_signature_hook",
    "get_class_decorator_hook",
    "get_customize_class_mro_hook",
)


class Timers:
    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.depth = 0

    def timed(self, key: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            self.calls[key] += 1
            if self.depth:
                return fn(*args, **kwargs)
            self.depth += 1
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.cpu[key] += time.process_time() - start
                self.depth -= 1

        return run


def _callback_key(hook: str, callback: Any) -> str:
    owner = getattr(callback, "__self__", None)
    name = type(owner).__name__ if owner is not None else getattr(callback, "__name__", None)
    if name in (None, "function", "method"):
        name = type(callback).__name__
    return f"  {hook.removeprefix('get_').removesuffix('_hook')} callback: {name}"


def instrument(timers: Timers) -> Callable[[], None]:
    """Wrap the plugin class's hooks; returns the undo."""
    from batchtyping_mypy.entry import BatchtypingPlugin

    saved = {name: getattr(BatchtypingPlugin, name) for name in HOOKS}

    def wrap(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def hook(self: Any, arg: Any) -> Any:
            result = timers.timed(name, lambda: original(self, arg))()
            if callable(result) and not isinstance(result, list):
                return timers.timed(_callback_key(name, result), result)
            return result

        return hook

    for name, original in saved.items():
        setattr(BatchtypingPlugin, name, wrap(name, original))

    def undo() -> None:
        for name, original in saved.items():
            setattr(BatchtypingPlugin, name, original)

    return undo


def run(root: Path, config: str, cache: Path) -> float:
    start = time.process_time()
    out, err, status = api.run(
        ["--config-file", str(root / f"{config}.ini"), "--cache-dir", str(cache),
         "--no-error-summary", str(root / "benchpkg")]
    )
    if status != 0:
        sys.exit(f"mypy ({config}) failed:\n{out}{err}")
    return time.process_time() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="untimed runs per configuration")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="batchtyping-profile-") as tmp:
        root = Path(tmp)
        generate(root, args.modules)
        import os

        os.chdir(root)
        times: dict[str, list[float]] = {"plain": [], "plugin": []}
        for index in range(args.repeat):
            for config in ("plain", "plugin") if index % 2 == 0 else ("plugin", "plain"):
                times[config].append(run(root, config, root / f"cache-{config}-{index}"))
        timers = Timers()
        undo = instrument(timers)
        try:
            timed = run(root, "plugin", root / "cache-timed")
        finally:
            undo()
    plain, plugin = (statistics.median(times[c]) for c in ("plain", "plugin"))
    print(f"{args.modules} modules, median of {args.repeat} cold in-process runs, CPU s:")
    print(f"  plain {plain:.2f}  plugin {plugin:.2f}  ratio {plugin / plain:.3f}"
          f"  difference {plugin - plain:.2f}  (all plain: {', '.join(f'{t:.2f}' for t in times['plain'])};"
          f" all plugin: {', '.join(f'{t:.2f}' for t in times['plugin'])})")
    print(f"timed plugin run {timed:.2f} CPU s; outermost hook CPU (calls):")
    total = sum(timers.cpu.values())
    for key in sorted(timers.cpu, key=lambda k: -timers.cpu[k]):
        print(f"  {timers.cpu[key]:7.3f} s  {timers.calls[key]:8d}  {key}")
    print(f"  {total:7.3f} s  all hooks")


if __name__ == "__main__":
    main()
