# Sourced by scripts/test and scripts/demo: make .venv (Python >= 3.11) and install
# batchtyping with the given extras, skipping pip when pyproject.toml is unchanged.
extras="${1:-dev}"
if [ ! -x .venv/bin/python ]; then
    py="$(command -v python3.11 || command -v python3)"
    "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || { echo "batchtyping needs Python >= 3.11 (found $("$py" --version))" >&2; exit 2; }
    "$py" -m venv .venv
fi
stamp=".venv/.batchtyping-$extras-$(sha256sum pyproject.toml | cut -c1-16)"
# BATCHTYPING_SKIP_INSTALL=1 uses .venv as it is (tests that run scripts/test set it).
if [ ! -e "$stamp" ] && [ -z "${BATCHTYPING_SKIP_INSTALL:-}" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[$extras]"
    touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
