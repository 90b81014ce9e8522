"""mkdocs hook: the generated parts of the site.

- ``reference/<Name>.md`` for every name in ``batchtyping.vocabulary.PUBLIC_NAMES``: the
  ``.pyi`` docstring (through mkdocstrings), the runtime definition, the static meaning and
  the example ``docs/reference/examples/<Name>.py`` (run and type-checked by the tests).
- ``reference/index.md``: one table row per public name.
- ``performance.md``: the ``benchmarks/*.py`` scripts and ``benchmarks/README.md``, the
  benchmarks' own report.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import griffe
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from batchtyping.vocabulary import BY_NAME, PUBLIC_NAMES, STRUCTURE_TYPEVARS, counterpart

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "reference" / "examples"
BENCHMARKS = ROOT / "benchmarks" / "README.md"


@cache
def _stubs() -> griffe.Module:
    module = griffe.load("batchtyping", search_paths=[str(ROOT / "stubs")])
    assert isinstance(module, griffe.Module)
    return module


def _static_meaning(name: str) -> str:
    member = _stubs().members[name]
    if name == "check":
        return "def check(fn: F) -> F  # F bound to Callable[..., Any]"
    if name == "ModuleCallable":
        return (
            "class ModuleCallable(Protocol[P, S, D]):  # defaults: Params, State, Data\n"
            "    def __call__(self, params: P, data: D, training: bool, state: S, rng: Any, /)"
            " -> tuple[D, S]: ..."
        )
    assert isinstance(member, griffe.Attribute), name
    value = re.sub(r"\s+", " ", str(member.value)).replace("( ", "(").replace(" )", ")")
    return f"{name} = {value}"


_NODE_NOTE = (
    "`_Node` is an instance of a PyTree node class: a dataclass (flax, equinox, "
    "`jax.tree_util.register_dataclass`), or a class with `tree_flatten` or "
    "`tree_flatten_with_keys` (`register_pytree_node_class`, `register_pytree_with_keys_class`).\n\n"
)


def _runtime(name: str) -> str:
    if name in BY_NAME:
        return f"{name} = {BY_NAME[name].runtime}"
    if name in STRUCTURE_TYPEVARS:
        return f'{name} = TypeVar("{name}", bound={STRUCTURE_TYPEVARS[name]})'
    return "check = jaxtyped(typechecker=beartype)  # refusing already-jitted functions"


def _facts(name: str) -> list[str]:
    if name in STRUCTURE_TYPEVARS:
        bound = STRUCTURE_TYPEVARS[name]
        return [f"A TypeVar bound to [`{bound}`]({bound}.md): the signature keeps the caller's type."]
    if name == "check":
        return ["The decorator that turns the runtime checks on for one function."]
    alias = BY_NAME[name]
    facts = [f"Role: **{alias.role}**, container: **{alias.container}**, leaf dtype kind: **{alias.dtype}**."]
    if alias.batched is True:
        facts.append("Leading axis of every leaf: the batch (`batch_size`, bound across one call).")
    elif alias.batched is False:
        facts.append("No batch axis: one example.")
    if alias.structure:
        facts.append(
            f'Structure name: `"{alias.structure}"` — every annotation carrying it in one call has '
            "the same tree structure and per-leaf trailing shape."
        )
    other = counterpart(name)
    if other:
        facts.append(f"Counterpart: [`{other}`]({other}.md).")
    if f"{name}T" in STRUCTURE_TYPEVARS:
        facts.append(f"Structure-bound TypeVar: [`{name}T`]({name}T.md).")
    return facts


def _example(name: str) -> str:
    path = EXAMPLES / f"{name}.py"
    if not path.exists():
        return f"!!! failure\n    No example yet: write `docs/reference/examples/{name}.py`.\n"
    return f"```python\n{path.read_text().rstrip()}\n```\n"


def reference_page(name: str) -> str:
    facts = "\n".join(f"- {fact}" for fact in _facts(name))
    return (
        f"# `{name}`\n\n"
        f"::: batchtyping.{name}\n\n"
        f"{facts}\n\n"
        "## Runtime definition\n\n"
        f"```python\n{_runtime(name)}\n```\n\n"
        "## Static meaning\n\n"
        "What mypy and pyright see (`stubs/batchtyping/__init__.pyi`):\n\n"
        f"```python\n{_static_meaning(name)}\n```\n\n"
        f"{_NODE_NOTE if '_Node' in _static_meaning(name) else ''}"
        "## Example\n\n"
        f"{_example(name)}"
    )


def _summary(name: str) -> str:
    docstring = _stubs().members[name].docstring
    first = docstring.value.strip().splitlines()[0] if docstring else ""
    return first.replace("|", "\\|").replace("``", "`")


def reference_index() -> str:
    groups = {
        "Aliases": [n for n in PUBLIC_NAMES if n in BY_NAME],
        "Structure-bound TypeVars": [n for n in PUBLIC_NAMES if n in STRUCTURE_TYPEVARS],
        "Runtime checks": [n for n in PUBLIC_NAMES if n not in BY_NAME and n not in STRUCTURE_TYPEVARS],
    }
    lines = [
        "# Reference",
        "",
        "Every public name of `batchtyping`, generated from the docstrings in",
        "`stubs/batchtyping/__init__.pyi` and the vocabulary in `batchtyping.vocabulary`.",
        "The mypy plugin's error codes are on [the plugin page](../plugin.md), the commands",
        "on [the command-line page](../cli.md), the settings on [Configuration](../configuration.md).",
    ]
    for title, names in groups.items():
        lines += ["", f"## {title}", "", "| name | meaning |", "|---|---|"]
        lines += [f"| [`{n}`]({n}.md) | {_summary(n)} |" for n in names]
    return "\n".join(lines) + "\n"


def _benchmark_table() -> str:
    rows = ["| command | what it measures |", "|---|---|"]
    for script in sorted((ROOT / "benchmarks").glob("*.py")):
        docstring = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or ""
        first = docstring.strip().splitlines()[0] if docstring.strip() else ""
        rows.append(f"| `.venv/bin/python benchmarks/{script.name}` | {first.replace('``', '`')} |")
    return "\n".join(rows) + "\n"


def performance_page() -> str:
    intro = (ROOT / "docs" / "hooks" / "performance-intro.md").read_text()
    intro += "\n" + _benchmark_table() + (
        "\nBelow: the benchmarks' latest report (`benchmarks/README.md`), with the command "
        "behind each figure.\n"
    )
    if BENCHMARKS.exists():
        report = BENCHMARKS.read_text()
        # The report's own title becomes a section of this page.
        report = re.sub(r"^# ", "## ", report, count=1, flags=re.M)
        # Links relative to benchmarks/ mean nothing in the site: keep their text only.
        report = re.sub(r"\[([^\]]+)\]\((?!https?://|#)[^)]*\)", r"\1", report)
        return intro + "\n" + report
    return intro + "\n!!! failure\n    `benchmarks/README.md` is missing: no figures yet.\n"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, "reference/index.md", content=reference_index()))
    for name in PUBLIC_NAMES:
        files.append(File.generated(config, f"reference/{name}.md", content=reference_page(name)))
    files.append(File.generated(config, "performance.md", content=performance_page()))
    return files


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List every reference page in the nav, under Reference, after its index."""
    for item in config.nav or []:
        if isinstance(item, dict) and "Reference" in item:
            entries = item["Reference"]
            entries[1:1] = [{f"{name}": f"reference/{name}.md"} for name in PUBLIC_NAMES]
    return config
