# Sourced by scripts/test and scripts/demo: make .venv (Python >= 3.11) and install
# batchtyping with the given extras, skipping pip when pyproject.toml is unchanged.
# BATCHTYPING_SKIP_INSTALL=1 uses the python on PATH as it is (tests running scripts/test).
extras="${1:-dev}"
if [ -z "${BATCHTYPING_SKIP_INSTALL:-}" ]; then
    if [ ! -x .venv/bin/python ]; then
        py="$(command -v python3.11 || command -v python3)"
        "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
            || { echo "batchtyping needs Python >= 3.11 (found $("$py" --version))" >&2; exit 2; }
        "$py" -m venv .venv
    fi
    stamp=".venv/.batchtyping-$extras-$(sha256sum pyproject.toml | cut -c1-16)"
    if [ ! -e "$stamp" ]; then
        .venv/bin/python -m pip install --quiet -e ".[$extras]"
        touch "$stamp"
    fi
    export PATH="$PWD/.venv/bin:$PATH"
fi
