"""Every error code the plugin reports (``# type: ignore[batch-dim]``, ``--disable-error-code``)."""

from __future__ import annotations

from mypy.errorcodes import ErrorCode

BATCH_STRUCTURE = ErrorCode(
    "batch-structure", "Arguments sharing a structure name have different structures", "batchtyping"
)
BATCH_DIM = ErrorCode("batch-dim", "Batchless data where a batch is expected, or the reverse", "batchtyping")
BATCH_DTYPE = ErrorCode(
    "batch-dtype", "Leaves of a dtype kind the alias excludes (complex for real, int for inexact...)", "batchtyping"
)
BATCH_LEAF = ErrorCode("batch-leaf", "A str leaf in a PyTree alias (the runtime rejects it)", "batchtyping")
BATCH_MODULE = ErrorCode("batch-module", "A function that does not fit ModuleCallable", "batchtyping")
BATCH_PYTREE = ErrorCode("batch-pytree", 'A raw jaxtyping PyTree not spelled PyTree[X, " T"]', "batchtyping")
BATCH_JIT = ErrorCode(
    "batch-jit", "jax.jit of a function branching on a bool it traces (not static)", "batchtyping"
)

ALL: dict[str, ErrorCode] = {
    code.code: code
    for code in (
        BATCH_STRUCTURE, BATCH_DIM, BATCH_DTYPE, BATCH_LEAF, BATCH_MODULE, BATCH_PYTREE, BATCH_JIT
    )
}
