import os

# JAX on the CPU, quietly, in every test process.
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

# The conformance corpus prints each checker's catch rate in the terminal summary.
from tests.conformance.report import pytest_terminal_summary  # noqa: E402, F401
