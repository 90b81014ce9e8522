"""Property tests: on any program ``annotate`` does not crash, its output parses, a second
run changes nothing, and only annotations and imports differ."""

from __future__ import annotations

from pathlib import Path

import hypothesmith
import libcst as cst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batchtyping_codemods import framework
from batchtyping_codemods.commands.annotate import AnnotateCommand
from tests.codemods.helpers import skeleton

NAMES = ["params", "data", "training", "state", "rng", "x", "key", "hyperparams", "input_shape",
         "inputs", "p", "s", "other"]
USES = [
    'return {name}["w"]', "return {name}[0]", "a, b = {name}", "return {name}.shape",
    "return {name} @ {name}", "return jnp.tanh({name})", "{name}.append(1)", "return len({name})",
    'if {name}["k"] == "v":\n        pass', "return json.dumps({name})", "return {name}.step",
    "for i in range(3):\n        {name}[i]", "(n,) = {name}", "return {name}, {name}", "return",
    "def inner(params, data, training, state, rng):\n        return data, state\n    return inner",
]


@st.composite
def model_code(draw: st.DrawFn) -> str:
    functions = []
    for index in range(draw(st.integers(1, 4))):
        params = draw(st.lists(st.sampled_from(NAMES), min_size=0, max_size=6, unique=True))
        body = [
            draw(st.sampled_from(USES)).format(name=draw(st.sampled_from(params or ["g"])))
            for _ in range(draw(st.integers(1, 3)))
        ]
        indent = "    " if draw(st.booleans()) else ""
        text = f"def f{index}({', '.join(params)}):\n" + "".join(f"    {line}\n" for line in body)
        functions.append("".join(indent + line + "\n" for line in text.splitlines()))
    header = draw(st.sampled_from(["", "import json\nimport jax.numpy as jnp\n", "from batchtyping import Params\n",
                                   "from __future__ import annotations\n"]))
    classes = "class M:\n" if any(f.startswith("    ") for f in functions) else ""
    return header + "\n\n" + "".join(f for f in functions if not f.startswith("    ")) + (
        classes + "".join(f for f in functions if f.startswith("    "))
    )


def annotate(source: str) -> str:
    return framework.transform(AnnotateCommand, Path("example.py"), source, {}, framework.Config(Path.cwd(), {}))[0]


def check(source: str) -> None:
    try:
        compile(source, "example.py", "exec")
        cst.parse_module(source)
    except (SyntaxError, cst.ParserSyntaxError, ValueError):
        return
    after = annotate(source)
    compile(after, "example.py", "exec")
    assert annotate(after) == after
    assert skeleton(after) == skeleton(source)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model_code())
def test_model_like_programs(source: str) -> None:
    check(source)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_node())
def test_hypothesmith_programs(source: str) -> None:
    check(source)
