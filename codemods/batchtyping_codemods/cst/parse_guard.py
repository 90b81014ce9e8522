"""A pre-parse guard: CPython's own parser and a size and nesting budget, before libcst.

libcst's native parser has no limits of its own: on deeply nested expressions its time
grows about cubically and its memory quadratically (measured with libcst 1.x under a
4 GB address-space limit: a chain of 4,000 ``+`` terms, attribute accesses or calls takes
~60 s; 6,400 nested unary minus take 2.2 GB and 42 s, 8,000 abort the process). CPython's
parser refuses such input within milliseconds, or builds an AST whose depth we can measure
cheaply. Operator chains (``a + b + ...``), attribute and call chains are nested in the
AST, so the one depth budget bounds them too.

Budgets: the deepest expression in the ~17,000 files of jax, numpy, mypy and the rest of a
development virtualenv is 84 levels, the largest file 0.9 MB (libcst: 18 s, 390 MB); at the
budgets below libcst needs at most ~0.2 s for the nesting and ~1.7 GB for the size.

The grammar is the running interpreter's: run batchtyping with a Python at least as new as
the code it reads (mypy, which verifies the codemods' output, needs that anyway).
No imports from the rest of the package: this module stands alone.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 400

_OPERATORS = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.MatMult: "@", ast.Div: "/", ast.Mod: "%",
    ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^",
    ast.BitAnd: "&", ast.FloorDiv: "//", ast.Invert: "~", ast.Not: "not", ast.UAdd: "+",
    ast.USub: "-",
}


@dataclass(frozen=True)
class GuardError:
    """Why a file is not handed to libcst; ``line`` is None when the parser cannot say."""

    path: str
    line: int | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.problem}"


def guard(source: str, path: str) -> GuardError | None:
    """None when ``source`` is within the budgets and valid Python for CPython, else why not."""
    size = len(source.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        return GuardError(path, None, f"{size:,} bytes, over the parser's budget of {MAX_BYTES:,} bytes")
    text = source[1:] if source.startswith("\ufeff") else source  # libcst drops a BOM too
    try:
        tree = compile(text, path, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as error:
        return GuardError(path, error.lineno, f"syntax error: {error.msg}")
    except (MemoryError, RecursionError):
        return GuardError(path, None, "an expression nested too deeply for Python's own parser")
    except ValueError as error:  # e.g. null bytes
        return GuardError(path, None, f"not Python source: {error}")
    return _too_deep(tree, path)


def _too_deep(tree: ast.AST, path: str) -> GuardError | None:
    """The first expression nested more than ``MAX_DEPTH`` levels deep, walking iteratively."""
    stack: list[tuple[ast.AST, int, ast.AST]] = [(tree, 0, tree)]
    while stack:
        node, depth, parent = stack.pop()
        if isinstance(node, ast.expr):
            depth += 1
            if depth > MAX_DEPTH:
                return GuardError(path, getattr(parent, "lineno", None),
                                  f"an expression nested more than {MAX_DEPTH} levels deep "
                                  f"({_kind(parent)}), over the parser's budget")
        stack.extend((child, depth, node) for child in ast.iter_child_nodes(node))
    return None


def _kind(node: ast.AST) -> str:
    """What nests at ``node``: an operator chain, attribute or call chain, or the node type."""
    if isinstance(node, (ast.BinOp, ast.UnaryOp)):
        return f"a chain of `{_OPERATORS.get(type(node.op), '?')}` operators"
    if isinstance(node, ast.Attribute):
        return "a chain of attribute accesses"
    if isinstance(node, ast.Call):
        return "a chain of calls"
    return f"nested {type(node).__name__} expressions"
