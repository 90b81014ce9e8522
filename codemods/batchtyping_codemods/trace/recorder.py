"""Record the arguments and return values of chosen functions while a program runs.

``sys.monitoring`` (Python 3.12+) calls back only for code it has not disabled, so
untraced code costs nothing after its first call; ``sys.setprofile`` (3.11) calls back on
every call and return, and the callback keeps a per-code-object decision to return fast.
Sampling bounds the cost of describing values: a function's first ``first`` calls are
recorded, then every ``every``-th.
"""

from __future__ import annotations

import atexit
import dis
import inspect
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

from batchtyping_codemods.trace import store
from batchtyping_codemods.trace.values import describe, leaves

_SKIP_FLAGS = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
_RETURN_OPS = {dis.opmap[name] for name in ("RETURN_VALUE", "RETURN_CONST") if name in dis.opmap}
_OWN_PACKAGE = "batchtyping_codemods"
_FLUSH_EVERY = 2000


def _is_test_file(path: Path) -> bool:
    return path.name == "conftest.py" or path.name.startswith("test_") or path.stem.endswith("_test")


class Recorder:
    """Records calls of functions in ``modules`` (or, if none, in files under ``root``) as
    part of the trace database's ``run`` (default: each flush a run of its own)."""

    def __init__(
        self,
        db: str | Path,
        modules: Sequence[str] = (),
        root: str | Path | None = None,
        first: int = 20,
        every: int = 50,
        run: int | None = None,
    ) -> None:
        self.db = Path(db)
        self.run = run
        self.modules = tuple(modules)
        self.root = Path(root or os.getcwd()).resolve()
        self.first, self.every = first, every
        self._functions: dict[CodeType, store.Function | None] = {}
        self._pending: dict[FrameType, tuple[store.Function, dict[str, Any], bool]] = {}
        self._buffered = 0
        self._lock = threading.Lock()
        self.monitoring = False

    # ---- which functions -----------------------------------------------------------
    def _selected(self, code: CodeType, module: str) -> bool:
        if code.co_flags & _SKIP_FLAGS or code.co_name == "<lambda>" or code.co_name.startswith("<"):
            return False
        if module == _OWN_PACKAGE or module.startswith(_OWN_PACKAGE + "."):
            return False
        if self.modules:
            return any(module == m or module.startswith(m + ".") for m in self.modules)
        filename = code.co_filename
        if filename.startswith("<") or "site-packages" in filename:
            return False
        path = Path(filename).resolve()
        return path.is_relative_to(self.root) and not _is_test_file(path)

    def _function(self, code: CodeType, frame: FrameType) -> store.Function | None:
        try:
            return self._functions[code]
        except KeyError:
            pass
        module = frame.f_globals.get("__name__", "?")
        fn = None
        if isinstance(module, str) and self._selected(code, module):
            nparams = code.co_argcount + code.co_kwonlyargcount
            fn = store.Function(
                module,
                code.co_qualname,
                str(Path(code.co_filename).resolve()),
                code.co_firstlineno,
                list(code.co_varnames[:nparams]),
            )
        self._functions[code] = fn
        return fn

    # ---- recording ---------------------------------------------------------------------
    def _enter(self, frame: FrameType, fn: store.Function) -> None:
        fn.seen += 1
        n = fn.seen
        if n > self.first and n % self.every:
            return
        try:
            values = frame.f_locals
            names = fn.params[1:] if fn.params[:1] in (["self"], ["cls"]) else fn.params
            args = {name: describe(values[name]) for name in names if name in values}
        except Exception:  # noqa: BLE001 - never break the traced program
            return
        traced = any(leaf.get("tracer") for d in args.values() for leaf in leaves(d))
        self._pending[frame] = (fn, args, traced)

    def _leave(self, frame: FrameType, value: object) -> None:
        fn, args, traced = self._pending.pop(frame)
        try:
            result = describe(value)
        except Exception:  # noqa: BLE001
            return
        traced = traced or any(leaf.get("tracer") for leaf in leaves(result))
        with self._lock:
            fn.calls.append(store.Call(args, result, traced))
            self._buffered += 1
            if self._buffered >= _FLUSH_EVERY:
                self.flush()

    def flush(self) -> None:
        """Write the buffered calls to the database."""
        functions = [fn for fn in self._functions.values() if fn is not None and (fn.calls or fn.seen)]
        if not functions:
            return
        try:
            store.write(self.db, functions, self.run)
        except store.StoreError as error:  # never break the traced program
            print(f"batchtyping trace: calls not recorded: {error}", file=sys.stderr)
        for fn in functions:
            fn.calls, fn.seen = [], 0
        self._buffered = 0

    # ---- sys.setprofile (3.11) ---------------------------------------------------------
    def _profile(self, frame: FrameType, event: str, arg: object) -> None:
        if event == "call":
            code = frame.f_code
            fn = self._functions[code] if code in self._functions else self._function(code, frame)
            if fn is not None:
                self._enter(frame, fn)
        elif event == "return" and frame in self._pending:
            code = frame.f_code
            if code.co_code[frame.f_lasti] in _RETURN_OPS:
                self._leave(frame, arg)
            else:  # unwinding after an exception: the return value is not real
                del self._pending[frame]

    # ---- sys.monitoring (3.12+) --------------------------------------------------------
    def _on_start(self, code: CodeType, offset: int) -> object:
        frame = sys._getframe(1)
        fn = self._functions[code] if code in self._functions else self._function(code, frame)
        if fn is None:
            return sys.monitoring.DISABLE  # type: ignore[attr-defined]
        self._enter(frame, fn)
        return None

    def _on_return(self, code: CodeType, offset: int, value: object) -> object:
        if self._functions.get(code) is None:
            return sys.monitoring.DISABLE  # type: ignore[attr-defined]
        frame = sys._getframe(1)
        if frame in self._pending:
            self._leave(frame, value)
        return None

    def _on_unwind(self, code: CodeType, offset: int, exc: BaseException) -> None:
        self._pending.pop(sys._getframe(1), None)

    # ---- lifecycle ---------------------------------------------------------------------
    def start(self, use_monitoring: bool | None = None) -> None:
        """Start recording in this process (all threads); flush at exit."""
        if use_monitoring is None:
            use_monitoring = hasattr(sys, "monitoring")
        self.monitoring = use_monitoring
        if use_monitoring:
            mon = sys.monitoring  # type: ignore[attr-defined]
            tool = mon.PROFILER_ID
            mon.use_tool_id(tool, "batchtyping-trace")
            mon.register_callback(tool, mon.events.PY_START, self._on_start)
            mon.register_callback(tool, mon.events.PY_RETURN, self._on_return)
            mon.register_callback(tool, mon.events.PY_UNWIND, self._on_unwind)
            mon.set_events(tool, mon.events.PY_START | mon.events.PY_RETURN | mon.events.PY_UNWIND)
        else:
            threading.setprofile(self._profile)
            sys.setprofile(self._profile)
        atexit.register(self.stop)

    def stop(self) -> None:
        """Stop recording and write what is buffered."""
        if self.monitoring:
            mon = sys.monitoring  # type: ignore[attr-defined]
            mon.set_events(mon.PROFILER_ID, 0)
            mon.free_tool_id(mon.PROFILER_ID)
        else:
            sys.setprofile(None)
            threading.setprofile(None)
        atexit.unregister(self.stop)
        self.flush()
