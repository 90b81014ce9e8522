"""Property tests: on generated programs every command runs without crashing, its output
parses, differs from the input only in annotations, decorators and imports, and a second
run changes nothing."""

from __future__ import annotations

import ast

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from batchtyping_codemods import framework
from tests.codemods.helpers import COMMANDS, only_signature_lines_changed, run_command, skeleton

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def _check(command: type[framework.Command], source: str) -> None:
    try:
        cst.parse_module(source)
    except (cst.ParserSyntaxError, RecursionError):
        assume(False)
    try:
        out, _ = run_command(command, source, requires_python=">=3.11")
    except RecursionError:
        assume(False)
        return
    ast.parse(out)
    assert skeleton(out) == skeleton(source)
    only_signature_lines_changed(source, out)
    again, events = run_command(command, out, requires_python=">=3.11")
    assert again == out
    assert [e.kind for e in events if not e.listed] == []


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code says odd things
@pytest.mark.parametrize("name", sorted(COMMANDS))
@SETTINGS
@given(source=hypothesmith.from_grammar())
def test_generated_programs(name: str, source: str) -> None:
    _check(COMMANDS[name], source)


# Annotations made of the spellings the commands rewrite, nested at random.
_LEAVES = st.sampled_from([
    "int", "str", "None", "Array", "jax.Array", "Params", "Data", "State", "chex.ArrayTree",
    "optax.Params", "bt.Params", '"Later"', 'Inexact[Array, "batch_size ..."]',
    "Inexact[Array, '...']", 'Num[Array, "*?d"]',
])


def _nest(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    one = st.sampled_from(["Optional[{}]", "List[{}]", "typing.Tuple[{}, ...]", 'PyTree[{}, "Params"]',
                           "PyTree[{}]", "Dict[str, {}]", "tuple[{}, ...]", "dict[str, {}]"])
    two = st.sampled_from(["Union[{}, {}]", "{} | {}", "Tuple[{}, {}]", "Callable[[{}], {}]"])
    return st.one_of(
        st.builds(str.format, one, inner),
        st.builds(lambda t, a, b: t.format(a, b), two, inner, inner),
    )


ANNOTATIONS = st.recursive(_LEAVES, _nest, max_leaves=6)
DECORATORS = st.lists(st.sampled_from(["@jax.jit", "@functools.partial(jax.jit, static_argnums=0)",
                                       "@eqx.filter_jit", "@jax.vmap", "@staticmethod", "@check"]),
                      max_size=2)
HEADER = """from __future__ import annotations
import functools, typing
from typing import Callable, Dict, List, Optional, Tuple, Union
import chex, equinox as eqx, jax, optax
import batchtyping as bt
from jaxtyping import Array, Inexact, Num, PyTree
from batchtyping import Data, Params, State, check
"""


@st.composite
def annotated_functions(draw: st.DrawFn) -> str:
    lines = [HEADER]
    for index in range(draw(st.integers(1, 3))):
        params = ", ".join(f"{name}: {draw(ANNOTATIONS)}" for name in
                           draw(st.lists(st.sampled_from(["params", "x", "state", "grads"]), unique=True)))
        skip = "  # batchtyping: skip" if draw(st.booleans()) and index else ""
        lines += [*draw(DECORATORS), f"def f{index}({params}) -> {draw(ANNOTATIONS)}:{skip}",
                  f"    y: {draw(ANNOTATIONS)} = None", "    return y", ""]
    return "\n".join(lines)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")
@pytest.mark.parametrize("name", sorted(COMMANDS))
@SETTINGS
@given(source=annotated_functions())
def test_generated_annotations(name: str, source: str) -> None:
    _check(COMMANDS[name], source)
