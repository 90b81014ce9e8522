"""The documented adoption paths on the corpora of tests/adoption_project (issues 12 and 13).

For each corpus: copy it to a temporary folder, measure the original (plain mypy, mypy with
the plugin, pyright, its own tests), run the documented path, measure again, run the path a
second time (it must change nothing), and print one table per corpus:

    python benchmarks/adoption.py                       # every corpus
    python benchmarks/adoption.py pmmpkg staxlike       # some of them
    python benchmarks/adoption.py --json out.json       # the figures, also as JSON
    python benchmarks/adoption.py --noop 100            # annotate --check no-op vs warm mypy

Paths: issue 12 (``pmmpkg``, ``unannotated``): ``batchtyping migrate --narrow PKG && batchtyping
annotate PKG``; issue 13 (``staxlike``, ``optaxlike``, ``paramtreelike``): ``batchtyping
annotate PKG`` then ``batchtyping add-checks PKG``. One corpus failing never stops the others.
``--noop N`` generates an annotated N-module package (benchmarks/mypy_overhead.py's generator)
and times a no-op ``annotate --check`` against a warm plain mypy run, alternating, medians.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA_ROOT = REPO / "tests" / "adoption_project"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "JAX_PLATFORMS": "cpu", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONDONTWRITEBYTECODE": "1"}
TIMEOUT = 3600
MYPY_ERROR = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+)(?::\d+)?: error: .*?(?:\s+\[(?P<code>[a-z0-9-]+)\])?$")


@dataclass(frozen=True)
class Corpus:
    name: str
    issue: int
    root: Path
    copy: tuple[str, ...]
    """What to copy from ``root`` (the project's files)."""
    paths: tuple[str, ...]
    """What the documented path is run on."""
    check: tuple[str, ...]
    """What the checkers are run on (the package and its tests/examples)."""
    tests: tuple[str, ...]
    broken: tuple[str, ...] = ()
    hand_fix: str | None = None
    """A baseline variant of the original plain mypy can run on (issue 12 item 3)."""

    @property
    def commands(self) -> list[list[str]]:
        if self.issue == 12:
            return [["migrate", "--narrow", *self.paths], ["annotate", *self.paths]]
        return [["annotate", *self.paths], ["add-checks", *self.paths]]


CORPORA: dict[str, Corpus] = {
    c.name: c
    for c in (
        Corpus(
            "pmmpkg", 12, CORPORA_ROOT, ("pmmpkg", "pmmpkg_tests", "pyproject.toml"), ("pmmpkg",),
            ("pmmpkg", "pmmpkg_tests"), ("pmmpkg_tests",), broken=("pmmpkg/modules/experimental.py",),
            hand_fix="pmm_reexports",
        ),
        Corpus(
            "unannotated", 12, CORPORA_ROOT / "unannotated", ("tinymodels", "tests", "pyproject.toml"),
            ("tinymodels",), ("tinymodels", "tests"), ("tests",),
        ),
        Corpus(
            "staxlike", 13, CORPORA_ROOT / "staxlike", ("staxlike", "examples", "tests"),
            ("staxlike", "examples"), ("staxlike", "examples", "tests"), ("tests",),
        ),
        Corpus(
            "optaxlike", 13, CORPORA_ROOT / "optaxlike", ("optaxlike", "tests", "chex.py", "pyproject.toml"),
            ("optaxlike",), ("optaxlike", "chex.py", "tests"), ("tests",),
        ),
        Corpus(
            "paramtreelike", 13, CORPORA_ROOT / "paramtreelike", ("ferminetlike", "tests", "pyproject.toml"),
            ("ferminetlike",), ("ferminetlike", "tests"), ("tests",),
        ),
    )
}


# --------------------------------------------------------------------------- running things


@dataclass
class Run:
    cmd: str
    returncode: int
    seconds: float
    output: str


def run(cmd: list[str], cwd: Path, timeout: int = TIMEOUT) -> Run:
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout, check=False)
        code, output = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, output = -9, f"timed out after {timeout} s\n{exc.stdout or ''}{exc.stderr or ''}"
    return Run(" ".join(cmd[1:] if cmd[0] == sys.executable else cmd), code, time.perf_counter() - start, output)


@dataclass
class CheckerCount:
    total: int = 0
    by_code: dict[str, int] = field(default_factory=dict)
    crashed: str = ""
    returncode: int = 0


def mypy_count(copy: Path, corpus: Corpus, plugin: bool, cache: Path) -> CheckerCount:
    config = cache.parent / ("plugin.ini" if plugin else "plain.ini")
    config.write_text("[mypy]\nplugins = batchtyping_mypy\n" if plugin else "[mypy]\n")
    exclude = [arg for path in corpus.broken for arg in ("--exclude", re.escape(path) + "$")]
    cmd = [sys.executable, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(cache),
           "--show-error-codes", "--no-pretty", "--no-error-summary", "--hide-error-context",
           *exclude, *corpus.check]
    result = run(cmd, copy)
    codes: Counter[str] = Counter()
    for line in result.output.splitlines():
        match = MYPY_ERROR.match(line)
        if match and "INTERNAL ERROR" not in line:
            codes[match["code"] or "(none)"] += 1
    crash = ""
    if "INTERNAL ERROR" in result.output:
        where = next((l for l in result.output.splitlines() if "INTERNAL ERROR" in l), "")
        version = next((l for l in result.output.splitlines() if l.startswith("version:")), "")
        crash = f"{where.split(': error:')[0]} ({version})"
    return CheckerCount(sum(codes.values()), dict(sorted(codes.items())), crash, result.returncode)


def pyright_count(copy: Path, corpus: Corpus) -> CheckerCount:
    cmd = [str(BIN / "pyright"), "--outputjson", "--pythonpath", sys.executable, *corpus.check]
    result = run(cmd, copy)
    try:
        report = json.loads(result.output[result.output.index("{"):])
    except ValueError:
        return CheckerCount(crashed=result.output[-300:], returncode=result.returncode)
    codes: Counter[str] = Counter(
        d.get("rule", "(syntax)") for d in report.get("generalDiagnostics", []) if d.get("severity") == "error"
    )
    return CheckerCount(sum(codes.values()), dict(sorted(codes.items())), "", result.returncode)


TEST_SUMMARY = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)")


def run_tests(copy: Path, corpus: Corpus) -> dict[str, object]:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(copy),
           "--confcutdir", str(copy), *corpus.tests]
    result = run(cmd, copy)
    last = next((l for l in reversed(result.output.splitlines()) if TEST_SUMMARY.search(l)), "")
    counts = {kind.rstrip("s") if kind.startswith("error") else kind: int(n) for n, kind in TEST_SUMMARY.findall(last)}
    failed = [l.split(" - ")[0] for l in result.output.splitlines() if l.startswith(("FAILED ", "ERROR "))]
    return {"returncode": result.returncode, "counts": counts, "failed": failed[:20], "seconds": round(result.seconds, 1)}


def batchtyping(args: list[str], copy: Path) -> Run:
    return run([str(BIN / "batchtyping"), *args], copy)


# --------------------------------------------------------------------------- the files


def py_files(copy: Path) -> list[Path]:
    return sorted(p for p in copy.rglob("*.py") if ".mypy_cache" not in p.parts and "__pycache__" not in p.parts)


def digests(copy: Path) -> dict[str, str]:
    return {str(p.relative_to(copy)): hashlib.sha256(p.read_bytes()).hexdigest() for p in py_files(copy)}


def unparsable(copy: Path) -> list[str]:
    bad = []
    for path in py_files(copy):
        try:
            ast.parse(path.read_text(), filename=str(path))
        except SyntaxError:
            bad.append(str(path.relative_to(copy)))
    return bad


class _StripAnnotations(ast.NodeTransformer):
    """Drops annotations, imports and ``check`` decorators: what the codemods may change."""

    def visit_arg(self, node: ast.arg) -> ast.arg:
        node.annotation = None
        return node

    def _function(self, node):  # type: ignore[no-untyped-def]
        node.returns = None
        node.decorator_list = [d for d in node.decorator_list if not _is_check(d)]
        self.generic_visit(node)
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def visit_AnnAssign(self, node: ast.AnnAssign):  # type: ignore[no-untyped-def]
        if node.value is None:
            return None
        return ast.Assign(targets=[node.target], value=node.value, lineno=node.lineno)

    def visit_Import(self, node):  # type: ignore[no-untyped-def]
        return None

    visit_ImportFrom = visit_Import


def _is_check(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (isinstance(target, ast.Name) and target.id == "check") or (
        isinstance(target, ast.Attribute) and target.attr == "check"
    )


def ast_equal_modulo_annotations(before: str, after: str) -> bool:
    try:
        a, b = (_StripAnnotations().visit(ast.parse(text)) for text in (before, after))
    except SyntaxError:
        return before == after
    return ast.dump(a) == ast.dump(b)


def hand_fix_pmm_reexports(copy: Path) -> None:
    """Issue 12 item 3's hand fix: the typing module's ``List = list`` block becomes typing imports."""
    path = copy / "pmmpkg" / "typing.py"
    text = path.read_text()
    block = re.compile(r"if sys\.version_info >= \(3, 9\):\n(?:    .*\n|else:.*\n)+", re.M)
    path.write_text(block.sub("from typing import Dict, List, Tuple\n", text, count=1))


# --------------------------------------------------------------------------- annotate figures

SUMMARY_COUNT = re.compile(r"^  (?!\S+\.py: )(?P<what>[^:]+): (?P<n>\d+)$")


def annotate_figures(output: str) -> dict[str, int]:
    """The summary's counts (before the per-file lines: annotations proposed and not backed out;
    written only when the step wrote files) and its back-out and skip lines."""
    lines = output.splitlines()
    first_file_line = next((i for i, l in enumerate(lines) if re.match(r"^  \S+\.py: ", l)), len(lines))
    kept = sum(int(m["n"]) for m in map(SUMMARY_COUNT.match, lines[:first_file_line]) if m)
    backed = sum(1 for line in output.splitlines() if ": backed out: " in line)
    skipped = sum(1 for line in output.splitlines() if re.search(r"\.py: skipped: ", line))
    longest = max((len(l) for l in output.splitlines() if ": backed out: " in l), default=0)
    return {"kept": kept, "backed_out_entries": backed, "skipped_entries": skipped, "longest_back_out_line": longest}


def coverage(copy: Path, paths: tuple[str, ...]) -> dict[str, int]:
    """Parameters and returns a convention or usage names (annotate's defaults), and how many are annotated."""
    from batchtyping_codemods.annotate_conventions import AnnotateConfig

    config = AnnotateConfig()
    roles = [set(config.forward_pass[r]) for r in ("params", "data", "training", "state", "rng")]
    named = annotated = total = total_annotated = 0
    for base in paths:
        for path in py_files(copy / base) if (copy / base).is_dir() else [copy / base]:
            tree = ast.parse(path.read_text())
            for fn in ast.walk(tree):
                if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                args = [a for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs if a.arg not in ("self", "cls")]
                forward = len(args) == 5 and all(a.arg in r for a, r in zip(args, roles))
                returns_forward = any(
                    isinstance(n, ast.FunctionDef) and n is not fn and _is_forward(n, roles) for n in fn.body
                )
                for a in args:
                    total += 1
                    total_annotated += a.annotation is not None
                    if forward or a.arg in config.parameters:
                        named += 1
                        annotated += a.annotation is not None
                if fn.name != "__init__":
                    total += 1
                    total_annotated += fn.returns is not None
                    if forward or returns_forward or any(fnmatch.fnmatch(fn.name, g) for g in config.returns):
                        named += 1
                        annotated += fn.returns is not None
    return {"named": named, "named_annotated": annotated, "all": total, "all_annotated": total_annotated}


def _is_forward(fn: ast.FunctionDef, roles: list[set[str]]) -> bool:
    args = [a for a in fn.args.args if a.arg not in ("self", "cls")]
    return len(args) == 5 and all(a.arg in r for a, r in zip(args, roles))


# --------------------------------------------------------------------------- one corpus


def measure(corpus: Corpus, work: Path, cache: Path, tests_before: bool) -> dict[str, object]:
    copy = work / corpus.name
    for item in corpus.copy:
        source = corpus.root / item
        if source.is_dir():
            shutil.copytree(source, copy / item, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache"))
        else:
            copy.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / item)
    fig: dict[str, object] = {"corpus": corpus.name, "issue": corpus.issue}
    fig["py_files"] = len(py_files(copy))
    fig["lines"] = sum(len(p.read_text().splitlines()) for p in py_files(copy))
    fig["unparsable"] = unparsable(copy)
    original = {str(p.relative_to(copy)): p.read_text() for p in py_files(copy)}
    start_digests = digests(copy)

    plain_cache, plugin_cache = cache / "plain", cache / "plugin"
    fig["mypy_before"] = asdict(mypy_count(copy, corpus, False, plain_cache))
    fig["mypy_plugin_before"] = asdict(mypy_count(copy, corpus, True, plugin_cache))
    if corpus.hand_fix == "pmm_reexports":
        fixed = work / f"{corpus.name}-handfixed"
        shutil.copytree(copy, fixed)
        hand_fix_pmm_reexports(fixed)
        fig["mypy_before_handfixed"] = asdict(mypy_count(fixed, corpus, False, plain_cache))
        fig["mypy_plugin_before_handfixed"] = asdict(mypy_count(fixed, corpus, True, plugin_cache))
    fig["pyright_before"] = asdict(pyright_count(copy, corpus))
    if corpus.issue == 12 and corpus.name == "unannotated":
        fig["coverage_before"] = coverage(copy, corpus.paths)
    if tests_before:
        fig["tests_before"] = run_tests(copy, corpus)

    steps = []
    for args in corpus.commands:
        step_start = digests(copy)
        result = batchtyping(args, copy)
        step = {"cmd": "batchtyping " + " ".join(args), "returncode": result.returncode,
                "seconds": round(result.seconds, 1), "summary": result.output.splitlines()[:3],
                "files_written": sum(step_start.get(k) != v for k, v in digests(copy).items())}
        if args[0] == "annotate":
            step.update(annotate_figures(result.output))
        if args[0] == "migrate":
            step["verification"] = [l.strip() for l in result.output.splitlines() if "mypy" in l and ("before" in l or "crash" in l.lower() or "not verified" in l)][:3]
            step["not_verified_lines"] = sum("not verified" in l for l in result.output.splitlines())
        steps.append(step)
        (work / f"{corpus.name}.{args[0]}.out").write_text(result.output)
    fig["steps"] = steps

    after = digests(copy)
    changed = sorted(k for k in after if start_digests.get(k) != after[k])
    fig["files_changed"] = len(changed)
    fig["parsable_files_unchanged"] = sorted(
        k for k in start_digests if k not in changed and k not in fig["unparsable"] and k.startswith(corpus.paths)
    )
    fig["only_annotations_and_imports_changed"] = all(
        ast_equal_modulo_annotations(original[k], (copy / k).read_text()) for k in changed
    )
    fig["mypy_after"] = asdict(mypy_count(copy, corpus, False, plain_cache))
    fig["mypy_plugin_after"] = asdict(mypy_count(copy, corpus, True, plugin_cache))
    fig["pyright_after"] = asdict(pyright_count(copy, corpus))
    if corpus.name == "unannotated":
        fig["coverage_after"] = coverage(copy, corpus.paths)
    fig["tests_after"] = run_tests(copy, corpus)

    second = []
    before_second = digests(copy)
    for args in corpus.commands:
        result = batchtyping(args, copy)
        second.append({"cmd": "batchtyping " + " ".join(args), "returncode": result.returncode,
                       "seconds": round(result.seconds, 1)})
        (work / f"{corpus.name}.{args[0]}.second.out").write_text(result.output)
    fig["second_run"] = second
    fig["second_run_changed_files"] = sorted(k for k, v in digests(copy).items() if before_second.get(k) != v)
    return fig


# --------------------------------------------------------------------------- printing


def _codes(count: dict[str, object]) -> str:
    if count.get("crashed"):
        return f"CRASH {count['crashed']}; {count['total']} errors before the crash"
    by = count["by_code"]
    assert isinstance(by, dict)
    return f"{count['total']} (" + ", ".join(f"{k} {v}" for k, v in sorted(by.items(), key=lambda kv: -kv[1])) + ")"


def report(fig: dict[str, object]) -> str:
    if "error" in fig:
        return f"## {fig['corpus']}: FAILED\n{fig['error']}"
    rows = [f"## {fig['corpus']} (issue {fig['issue']}): {fig['py_files']} files, {fig['lines']} lines; unparsable: {fig['unparsable']}"]
    for step in fig["steps"]:  # type: ignore[attr-defined]
        extra = {k: v for k, v in step.items() if k not in ("cmd", "returncode", "seconds", "summary")}
        rows.append(f"- `{step['cmd']}`: exit {step['returncode']}, {step['seconds']} s; {step['summary'][:1]} {extra}")
    rows.append(f"- files changed: {fig['files_changed']}; only annotations/imports changed: {fig['only_annotations_and_imports_changed']}")
    for key in ("mypy_before", "mypy_before_handfixed", "mypy_plugin_before", "mypy_plugin_before_handfixed",
                "mypy_after", "mypy_plugin_after", "pyright_before", "pyright_after"):
        if key in fig:
            count = fig[key]
            assert isinstance(count, dict)
            name_defined = count["by_code"].get("name-defined", 0)
            rows.append(f"- {key}: {_codes(count)}" + (f"; name-defined {name_defined}" if key.startswith("mypy") else ""))
    for key in ("coverage_before", "coverage_after", "tests_before", "tests_after"):
        if key in fig:
            rows.append(f"- {key}: {fig[key]}")
    rows.append(f"- second run: {[(s['cmd'].split()[1], s['returncode']) for s in fig['second_run']]}; files it changed: {fig['second_run_changed_files']}")  # type: ignore[index, union-attr]
    rows.append(f"- wall time of the path: {sum(s['seconds'] for s in fig['steps'])} s")  # type: ignore[misc, union-attr]
    return "\n".join(rows)


# --------------------------------------------------------------------------- no-op timing


def noop(size: int, repeat: int) -> str:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import mypy_overhead

    with tempfile.TemporaryDirectory(prefix="adoption-noop-") as tmp:
        root = Path(tmp)
        mypy_overhead.generate(root, size)
        (root / "mypy.ini").write_text(mypy_overhead.CONFIGS["plugin"])
        plain = [sys.executable, "-m", "mypy", "--config-file", "plain.ini", "--cache-dir", str(root / ".plain-cache"),
                 "--no-error-summary", "benchpkg"]
        check = [str(BIN / "batchtyping"), "annotate", "--check", "benchpkg"]
        warm = run(plain, root)
        first = run(check, root)
        times: dict[str, list[float]] = {"plain": [], "check": []}
        codes = {"plain": warm.returncode, "check": first.returncode}
        for _ in range(repeat):
            for key, cmd in (("plain", plain), ("check", check)):
                result = run(cmd, root)
                times[key].append(result.seconds)
                codes[key] = result.returncode
        p, c = statistics.median(times["plain"]), statistics.median(times["check"])
        return (
            f"no-op on {size} modules (median of {repeat}, alternating): warm plain mypy {p:.2f} s (exit {codes['plain']}), "
            f"annotate --check {c:.2f} s (exit {codes['check']}; first run {first.seconds:.2f} s), ratio {c / p:.2f} "
            f"(target <= 2)\n  annotate --check said: {first.output.splitlines()[:2]}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", help=f"default: all of {', '.join(CORPORA)}")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--no-tests-before", action="store_true", help="skip running the tests on the original")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (outputs of each command)")
    parser.add_argument("--noop", type=int, metavar="N", help="only time a no-op annotate --check on N modules")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    unknown = sorted(set(args.corpora) - set(CORPORA))
    if unknown:
        parser.error(f"unknown corpora {unknown}; known: {', '.join(CORPORA)}")
    if args.noop:
        print(noop(args.noop, args.repeat), flush=True)
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="adoption-"))
    work.mkdir(parents=True, exist_ok=True)
    cache = work / ".checker-cache"
    cache.mkdir(exist_ok=True)
    figures = []
    for name in args.corpora or list(CORPORA):
        start = time.perf_counter()
        try:
            fig = measure(CORPORA[name], work, cache, not args.no_tests_before)
        except Exception:  # one corpus failing must not stop the others
            fig = {"corpus": name, "error": traceback.format_exc()}
        fig["bench_seconds"] = round(time.perf_counter() - start, 1)
        figures.append(fig)
        print(report(fig), flush=True)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
