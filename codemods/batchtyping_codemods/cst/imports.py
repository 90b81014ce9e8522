"""Adding and dropping imports without walking the whole tree.

libcst's AddImportsVisitor and RemoveImportsVisitor each cost a full transformer pass (and
the latter scope analysis): more than the parse. Imports live in the module's top-level
statements, so these look only there (and one level into ``if``/``try`` blocks for removal).

* :func:`add_imports`: ``from m import n`` is merged into the first top-level
  ``from m import ...`` (a sorted one stays sorted); otherwise a new statement goes into the
  import block at the top of the file where isort (ruff's ``I001``) puts it: its section's
  group (future, stdlib, third party, first party, relative), sorted, or a new group.
* :func:`drop_unused`: given how many uses of a local name a command removed, an import of
  that name is dropped when the source has no other occurrence of it (occurrences in strings
  and comments count as uses: a kept import is safe, a wrong removal is not).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial

import libcst as cst
from libcst.codemod.visitors import ImportItem

from batchtyping_codemods.cst.names import dotted_name

Statement = cst.SimpleStatementLine | cst.BaseCompoundStatement


def _local(alias: cst.ImportAlias, is_from: bool) -> str:
    if alias.asname is not None:
        return dotted_name(alias.asname.name)  # type: ignore[arg-type]
    name = dotted_name(alias.name)
    return name if is_from else name.split(".")[0]


def is_docstring(stmt: cst.BaseStatement) -> bool:
    """Whether a statement line starts with a string (a module docstring when first)."""
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def import_of(stmt: cst.BaseStatement) -> cst.Import | cst.ImportFrom | None:
    """The import a statement line holds alone, else None."""
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        small = stmt.body[0]
        if isinstance(small, (cst.Import, cst.ImportFrom)):
            return small
    return None


def _with_name(node: cst.ImportFrom, alias: cst.ImportAlias) -> cst.ImportFrom:
    names = list(node.names)  # type: ignore[arg-type]
    last = names[-1]
    trailing = isinstance(last.comma, cst.Comma)
    if not trailing:
        spelled = [dotted_name(a.name) for a in names]
        at = len(names)
        if len(spelled) > 1 and spelled == sorted(spelled):  # a sorted list stays sorted
            at = next((i for i, name in enumerate(spelled) if name > dotted_name(alias.name)), at)
        names.insert(at, alias)
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        names = [a if isinstance(a.comma, cst.Comma) else a.with_changes(comma=comma) for a in names]
        names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return node.with_changes(names=names)
    # A trailing comma (parenthesised, maybe one name a line): the new name follows the style.
    return node.with_changes(names=[*names, alias.with_changes(comma=last.comma)])


def add_imports(module: cst.Module, items: Iterable[ImportItem],
                first_party: frozenset[str] = frozenset()) -> cst.Module:
    """``module`` with the imports of ``items`` (deduplicated) merged in or added;
    ``first_party``: top-level packages of the project (the file's own package)."""
    body = list(module.body)
    start = 1 if body and is_docstring(body[0]) else 0
    insert_at = start
    for index in range(start, len(body)):
        node = import_of(body[index])
        if node is None:
            break
        insert_at = index + 1
    new_statements: list[cst.SimpleStatementLine] = []
    for item in items:
        if item.relative:
            module_name = "." * item.relative + (item.module_name or "")
        else:
            module_name = item.module_name
        if item.obj_name is None:
            local = item.alias or module_name.split(".")[0]
            if any(
                isinstance(n := import_of(s), cst.Import)
                and any(dotted_name(a.name) == module_name and _local(a, False) == local for a in n.names)
                for s in body + new_statements
            ):
                continue
            alias = cst.ImportAlias(cst.parse_expression(module_name),  # type: ignore[arg-type]
                                    asname=cst.AsName(cst.Name(item.alias)) if item.alias else None)
            new_statements.append(cst.SimpleStatementLine([cst.Import([alias])]))
            continue
        alias = cst.ImportAlias(cst.Name(item.obj_name),
                                asname=cst.AsName(cst.Name(item.alias)) if item.alias else None)
        merged = False
        for index, stmt in enumerate(body + new_statements):
            node = import_of(stmt)
            if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar):
                continue
            source = "." * len(node.relative) + dotted_name(node.module)
            if source != module_name or (source == "__future__"):
                continue
            if any(dotted_name(a.name) == item.obj_name and _local(a, True) == (item.alias or item.obj_name)
                   for a in node.names):
                merged = True
                break
            updated = stmt.with_changes(body=[_with_name(node, alias)])  # type: ignore[union-attr]
            if index < len(body):
                body[index] = updated
            else:
                new_statements[index - len(body)] = updated
            merged = True
            break
        if not merged:
            from_import = cst.ImportFrom(module=cst.parse_expression(item.module_name)  # type: ignore[arg-type]
                                         if item.module_name else None,
                                         names=[alias], relative=[cst.Dot()] * item.relative)
            new_statements.append(cst.SimpleStatementLine([from_import]))
    if not new_statements:
        return module.with_changes(body=body)
    key = partial(_sort_key, first_party=first_party)
    new_statements = sorted((_sorted_names(stmt) for stmt in new_statements), key=key)
    only_future = all(key(body[i])[0] == FUTURE for i in range(start, insert_at))
    if only_future and 0 < insert_at < len(body):
        # No imports besides docstring/__future__: keep a blank line before the code.
        body[insert_at] = _ensure_blank_line(body[insert_at])
    if insert_at > start:  # an import block: each new import where isort (ruff's I001) puts it
        for stmt in new_statements:
            body = _place(body, start, insert_at, stmt, key)
            insert_at += 1
        return module.with_changes(body=body)
    new_statements = [s if i == 0 or key(s)[0] == key(new_statements[i - 1])[0]
                      else s.with_changes(leading_lines=[cst.EmptyLine()])
                      for i, s in enumerate(new_statements)]
    if insert_at == 0 and body:
        # Before the first statement: its comments and blank lines stay above the imports.
        first = body[0]
        new_statements[0] = new_statements[0].with_changes(leading_lines=first.leading_lines)
        body[0] = _ensure_blank_line(first.with_changes(leading_lines=()))
    return module.with_changes(body=[*body[:insert_at], *new_statements, *body[insert_at:]])


FUTURE, STDLIB, THIRD_PARTY, FIRST_PARTY, LOCAL = range(5)
"""isort's sections, in file order (first party: a group after a third-party one)."""


SortKey = Callable[[cst.BaseStatement], tuple[int, int, tuple[int, str]]]


def _sort_key(stmt: cst.BaseStatement, first_party: frozenset[str]) -> tuple[int, int, tuple[int, str]]:
    """(section, straight before ``from``, module) as isort/ruff order imports; first party
    beyond ``first_party`` is inferred by :func:`_place` from the file's groups."""
    node = import_of(stmt)
    assert node is not None
    if node.relative if isinstance(node, cst.ImportFrom) else False:
        name = dotted_name(node.module) if node.module is not None else ""  # type: ignore[union-attr]
        return (LOCAL, 1, (-len(node.relative), name.lower()))  # type: ignore[union-attr]  # ``..`` first
    if isinstance(node, cst.Import):
        name, straight = dotted_name(node.names[0].name), 0
    else:
        name, straight = (dotted_name(node.module) if node.module is not None else ""), 1
    top = name.split(".")[0]
    section = (FUTURE if top == "__future__" else STDLIB if top in sys.stdlib_module_names
               else FIRST_PARTY if top in first_party else THIRD_PARTY)
    return (section, straight, (0, name.lower()))


def _top(stmt: cst.BaseStatement) -> str:
    node = import_of(stmt)
    if isinstance(node, cst.Import):
        return dotted_name(node.names[0].name).split(".")[0]
    return dotted_name(node.module).split(".")[0] if node is not None and node.module is not None else ""


def _place(body: list[Statement], start: int, end: int,
           stmt: cst.SimpleStatementLine, sort_key: SortKey) -> list[Statement]:
    """``body`` with ``stmt`` put into the import block ``body[start:end]``: sorted into the
    group (blank-line separated) of its section, else a new group where the section goes."""
    groups: list[list[int]] = []
    for index in range(start, end):
        if not groups or body[index].leading_lines:
            groups.append([])
        groups[-1].append(index)
    sections = []
    for group in groups:
        section = sort_key(body[group[0]])[0]
        if section == THIRD_PARTY and THIRD_PARTY in sections:
            section = FIRST_PARTY  # isort-clean: a second third-party-looking group is first party
        sections.append(section)
    key = sort_key(stmt)
    same = [g for g in groups if key[0] != LOCAL and any(
        sort_key(body[i])[0] != LOCAL and _top(body[i]) == _top(stmt) for i in g)]
    same = same or [g for g, section in zip(groups, sections) if section == key[0]]
    if same:
        group = same[0]
        at = next((i for i in group if sort_key(body[i])[1:] > key[1:]), group[-1] + 1)
        if at == group[0]:  # first in its group: it takes over the group's leading lines
            body[at], stmt = body[at].with_changes(leading_lines=()), stmt.with_changes(
                leading_lines=body[at].leading_lines)
        return [*body[:at], stmt, *body[at:]]
    after = [g for g, section in zip(groups, sections) if section > key[0]]
    if not after:
        return [*body[:end], stmt.with_changes(leading_lines=[cst.EmptyLine()]), *body[end:]]
    at = after[0][0]
    if at == start:  # a new first group: the file's top comments stay on top
        body[at], stmt = _ensure_blank_line(body[at].with_changes(leading_lines=())), stmt.with_changes(
            leading_lines=body[at].leading_lines)
    else:
        stmt = stmt.with_changes(leading_lines=[cst.EmptyLine()])
    return [*body[:at], stmt, *body[at:]]


def _sorted_names(stmt: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
    """A new ``from m import ...`` lists its names in order."""
    node = stmt.body[0]
    if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar):
        return stmt
    names = sorted(node.names, key=lambda a: (dotted_name(a.name), _local(a, True)))
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    names = [a.with_changes(comma=comma) for a in names[:-1]] + [
        names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    ]
    return stmt.with_changes(body=[node.with_changes(names=names)])


def _ensure_blank_line(stmt: Statement) -> Statement:
    if stmt.leading_lines:
        return stmt
    return stmt.with_changes(leading_lines=[cst.EmptyLine()])


def drop_unused(module: cst.Module, source: str, removed: Counter[str]) -> cst.Module:
    """Drop imports of the names in ``removed`` that ``source`` no longer uses once the
    ``removed[name]`` uses a command took out are gone."""
    unused = set()
    for name, count in removed.items():
        total = len(re.findall(rf"(?<![\w.]){re.escape(name)}\b", source))
        if total - count - _bindings_in_imports(module, name) <= 0:
            unused.add(name)
    if not unused:
        return module
    return module.with_changes(body=_drop(module.body, unused))


def _bindings_in_imports(module: cst.Module, name: str) -> int:
    """How many times ``name`` is spelled by import statements (``from a import name``,
    ``import name``, ``import name.sub``): occurrences that are not uses."""
    count = 0
    for stmt in _statements(module.body):
        node = import_of(stmt)
        if node is None or isinstance(node.names, cst.ImportStar):
            continue
        for alias in node.names:
            spelled = [dotted_name(alias.name).split(".")[0]]
            if alias.asname is not None:
                spelled.append(dotted_name(alias.asname.name))  # type: ignore[arg-type]
            if isinstance(node, cst.ImportFrom):
                spelled = [dotted_name(alias.name), *spelled[1:]]
                if node.module is not None and not node.relative:
                    spelled.append(dotted_name(node.module).split(".")[0])
            count += spelled.count(name)
    return count


def _statements(body: Sequence[cst.BaseStatement]) -> Iterable[cst.BaseStatement]:
    for stmt in body:
        yield stmt
        if isinstance(stmt, (cst.If, cst.Try)) and isinstance(stmt.body, cst.IndentedBlock):
            yield from stmt.body.body


def _drop(body: Sequence[cst.BaseStatement], unused: set[str]) -> list[cst.BaseStatement]:
    kept: list[cst.BaseStatement] = []
    for stmt in body:
        if isinstance(stmt, (cst.If, cst.Try)) and isinstance(stmt.body, cst.IndentedBlock):
            inner = _drop(stmt.body.body, unused)
            if not inner:
                inner = [cst.SimpleStatementLine([cst.Pass()])]
            kept.append(stmt.with_changes(body=stmt.body.with_changes(body=inner)))
            continue
        node = import_of(stmt)
        if node is None or isinstance(node.names, cst.ImportStar):
            kept.append(stmt)
            continue
        is_from = isinstance(node, cst.ImportFrom)
        names = [a for a in node.names if _local(a, is_from) not in unused]
        if len(names) == len(node.names):
            kept.append(stmt)
        elif names:
            parenthesized = is_from and node.lpar is not None  # type: ignore[union-attr]
            if not parenthesized:
                names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            kept.append(stmt.with_changes(body=[node.with_changes(names=names)]))  # type: ignore[union-attr]
    return kept


def tidy_names(names: list[cst.ImportAlias], parenthesized: bool) -> list[cst.ImportAlias]:
    """Import names with a comma between each two, and none after the last unless in parens."""
    tidy = []
    for i, name in enumerate(names):
        last = i == len(names) - 1
        if not last and not isinstance(name.comma, cst.Comma):
            name = name.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        if last and not parenthesized:
            name = name.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        tidy.append(name)
    return tidy
