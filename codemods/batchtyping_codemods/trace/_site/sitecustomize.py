# Put first on PYTHONPATH by `batchtyping trace`: starts the recorder in every Python process
# of the traced command (pytest-xdist workers and subprocesses too), then runs the
# sitecustomize this one shadows, if there is one.
import os as _os
import sys as _sys

if _os.environ.get("BATCHTYPING_TRACE_DB"):
    try:
        from batchtyping_codemods.trace.bootstrap import start_from_environment
    except ImportError:
        _sys.path.append(_os.environ["BATCHTYPING_TRACE_PATH"])
        from batchtyping_codemods.trace.bootstrap import start_from_environment
    start_from_environment()

_here = _os.path.dirname(_os.path.abspath(__file__))
for _entry in _sys.path:
    _candidate = _os.path.join(_entry or ".", "sitecustomize.py")
    if _os.path.abspath(_entry or ".") != _here and _os.path.isfile(_candidate):
        with open(_candidate, encoding="utf-8") as _file:
            exec(compile(_file.read(), _candidate, "exec"), {"__name__": "sitecustomize", "__file__": _candidate})
        break
