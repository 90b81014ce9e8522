"""The one place batchtyping leans on libcst internals (tested on the oldest and newest supported libcst).

:class:`FastCodemod` is a ``VisitorBasedCodemodCommand`` (so ``python -m libcst.tool codemod``
runs our commands) with two shortcuts the per-file cost needs:

* ``__init__`` calls ``Codemod.__init__`` only, not ``MatcherDecoratableTransformer.__init__``:
  that one scans the class for ``@m.visit``/``@m.leave`` per instance and books matchers per
  node, costing more than the parse. Our commands use no matcher decorators.
* ``_handle_metadata_reference`` (a private libcst method) is overridden to build the
  ``MetadataWrapper`` with ``unsafe_skip_copy=True``: the runner parses a fresh tree per file,
  so libcst's defensive deep copy is pure cost.
* :func:`parse_module` works around libcst dropping the final ``\r`` of a file with old-Mac
  newlines (``parse_module("x = 1\ry = 2\r").code == "x = 1\ry = 2"``).
* ``add_needed_import`` / ``remove_unused_import`` as methods exist only in newer libcst
  (not 1.4); here they call the visitors' static API, which every supported libcst has.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import libcst as cst
from libcst.codemod import Codemod, CodemodContext, VisitorBasedCodemodCommand
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.metadata import MetadataWrapper


def parse_module(source: str) -> cst.Module:
    """``cst.parse_module``, keeping the final newline of a file whose newlines are ``\r``."""
    module = cst.parse_module(source)
    if source.endswith("\r") and not source.endswith("\\\r") and not module.has_trailing_newline:
        fixed = module.with_changes(has_trailing_newline=True)
        if fixed.code == source:
            return fixed
    return module


class FastCodemod(VisitorBasedCodemodCommand):
    """A visitor-based codemod without matcher-decorator bookkeeping or the metadata deep copy."""

    def __init__(self, context: CodemodContext) -> None:
        Codemod.__init__(self, context)

    def _handle_metadata_reference(self, module: cst.Module):  # type: ignore[no-untyped-def]
        return self._metadata_without_copy(module)

    @contextmanager
    def _metadata_without_copy(self, module: cst.Module) -> Iterator[cst.Module]:
        old = self.context.wrapper
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        with self.resolve(wrapper):
            self.context = replace(self.context, wrapper=wrapper)
            try:
                yield wrapper.module
            finally:
                self.context = replace(self.context, wrapper=old)

    def add_needed_import(self, module: str, obj: str | None = None, asname: str | None = None,
                          relative: int = 0) -> None:
        AddImportsVisitor.add_needed_import(self.context, module, obj, asname, relative)

    def remove_unused_import(self, module: str, obj: str | None = None, asname: str | None = None) -> None:
        RemoveImportsVisitor.remove_unused_import(self.context, module, obj, asname)

    # Attribute-level hooks (``visit_Param_annotation``) are not dispatched: a lookup per field
    # of every node costs as much as the rest of the walk.
    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass

    def transform_module(self, tree: cst.Module) -> Any:
        with self._handle_metadata_reference(tree) as module:
            return self.transform_module_impl(module)
