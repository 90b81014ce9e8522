"""Byte-exact before/after fixtures, one per rule of ``annotate`` (fixtures/<rule>.*.py).

``<rule>.toml`` holds a pyproject.toml excerpt when the rule needs configuration. Every
fixture is also run a second time (idempotent) and compared modulo annotations and
imports (nothing else changed).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from batchtyping_codemods import framework
from tests.codemods.helpers import pairs
from batchtyping_codemods.commands.annotate import AnnotateCommand

from tests.codemods.helpers import only_signature_lines_changed, skeleton

FIXTURES = Path(__file__).parent / "fixtures"
RULES = sorted(p.name.removesuffix(".before.py") for p in FIXTURES.glob("*.before.py"))


def annotate(source: str, rule: str) -> tuple[str, list[tuple[str, str]]]:
    toml = FIXTURES / f"{rule}.toml"
    table = tomllib.loads(toml.read_text())["tool"]["batchtyping"]["codemods"] if toml.exists() else {}
    config = framework.Config(FIXTURES, table)
    return framework.transform(AnnotateCommand, FIXTURES / f"{rule}.py", source, {}, config)


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("rule", RULES)
def test_fixture(rule: str) -> None:
    before = read(FIXTURES / f"{rule}.before.py")
    expected = read(FIXTURES / f"{rule}.after.py")
    after, _ = annotate(before, rule)
    assert after == expected
    again, _ = annotate(after, rule)
    assert again == after, "not idempotent"
    assert skeleton(after) == skeleton(before), "changed more than annotations and imports"
    only_signature_lines_changed(before, after)


def test_every_rule_has_its_fixture() -> None:
    assert {
        "forward_pass", "closure_module_callable", "conventions", "narrow_params", "narrow_data",
        "narrow_shape", "narrow_state", "nested_functions", "skip_contradiction", "dataclass_like",
        "existing_kept", "overwrite", "imports_merge", "imports_qualified", "imports_qualified_new",
        "imports_fresh", "future_type_checking", "type_checking_runtime_checks", "config_keys",
        "opt_out", "multiline_params",
    } <= set(RULES)


def test_contradictions_are_reported_with_their_reason() -> None:
    _, events = annotate(read(FIXTURES / "skip_contradiction.before.py"), "skip_contradiction")
    assert [e.detail for e in events if e.kind == "skipped"] == [
        'line 5: Model.set_state: state: compared with a str: `state["version"] != "1.0"` (line 6)',
        "line 10: Model.save_state: state: passed to json.dumps(): `json.dumps(state)` (line 12)",
        'line 14: Model.load: params: a nested container: `params["layers"]["dense"]` (line 15)',
        "line 17: Model.describe: state: attribute .step of an object: `state.step` (line 18)",
    ]
    assert [e.kind for e in events] == ["skipped"] * 4


def test_single_array_params_are_skipped_not_guessed() -> None:
    _, events = annotate(read(FIXTURES / "narrow_data.before.py"), "narrow_data")
    assert ("skipped", "line 9: matmul: params: used as a single array: `x @ params` (line 10)") in pairs(events)


def test_annotations_are_recorded_by_kind() -> None:
    _, events = annotate(read(FIXTURES / "closure_module_callable.before.py"), "closure_module_callable")
    assert ("return ModuleCallable", "Dense.get_callable: -> ModuleCallable[TupleParams, State, ArrayData]") in pairs(events)
    assert ("TupleParams", "Dense.get_callable.<locals>.forward: params: TupleParams") in pairs(events)
    assert ("return tuple", "make_counter.<locals>.forward: -> tuple[Data, DictState]") in pairs(events)


def test_a_forward_pass_returning_more_than_data_and_state_keeps_its_return_open() -> None:
    _, events = annotate(read(FIXTURES / "forward_pass.before.py"), "forward_pass")
    assert [p for p in pairs(events) if p[0] == "skipped"] == [
        ("skipped", "line 27: with_aux: return: returns a tuple that is not (data, state)")
    ]


def test_an_import_hook_in_the_package_keeps_imports_out_of_type_checking(tmp_path: Path) -> None:
    """Lazy annotations and a TYPE_CHECKING block, but jaxtyping's import hook in the
    package's ``__init__.py`` evaluates them at run time: the import must be a real one."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        'from jaxtyping import install_import_hook\n\nwith install_import_hook("pkg", "beartype.beartype"):\n'
        "    from pkg import model\n"
    )
    before = read(FIXTURES / "future_type_checking.before.py")
    lazy, _ = annotate(before, "future_type_checking")
    checked, _ = framework.transform(
        AnnotateCommand, package / "model.py", before, {}, framework.Config(tmp_path, {})
    )
    assert "if TYPE_CHECKING:\n    from batchtyping import HyperParams, Params\n" in lazy
    assert checked == before.replace(
        "from typing import TYPE_CHECKING\n",
        "from typing import TYPE_CHECKING\n\nfrom batchtyping import HyperParams, Params\n",
    ).replace("def init(params, hyperparams):", "def init(params: Params, hyperparams: HyperParams):")


def test_a_convention_return_bundling_several_trees_is_skipped() -> None:
    _, events = annotate(read(FIXTURES / "conventions.before.py"), "conventions")
    assert [p for p in pairs(events) if p[0] == "skipped"] == [
        ("skipped", "line 23: init_params: return: returns several trees: `params, state`")
    ]
