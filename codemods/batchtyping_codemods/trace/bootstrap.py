"""Start a recorder from the environment ``batchtyping trace`` sets for its command."""

from __future__ import annotations

import json
import os

from batchtyping_codemods.trace.recorder import Recorder

ENV_DB = "BATCHTYPING_TRACE_DB"
ENV_OPTIONS = "BATCHTYPING_TRACE_OPTIONS"


def start_from_environment() -> Recorder | None:
    db = os.environ.get(ENV_DB)
    if not db:
        return None
    options = json.loads(os.environ.get(ENV_OPTIONS, "{}"))
    recorder = Recorder(db, **options)
    recorder.start()
    return recorder
