# Put on PYTHONPATH by `batchtyping trace`: starts the recorder in every Python process of
# the traced command (including pytest-xdist workers and subprocesses).
import os as _os

if _os.environ.get("BATCHTYPING_TRACE_DB"):
    try:
        from batchtyping_codemods.trace.bootstrap import start_from_environment
    except ImportError:
        import sys as _sys

        _sys.path.append(_os.environ["BATCHTYPING_TRACE_PATH"])
        from batchtyping_codemods.trace.bootstrap import start_from_environment
    start_from_environment()
