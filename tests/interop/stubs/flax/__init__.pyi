# The slice of flax 0.12.8's public signatures tests/interop uses (flax itself is heavy:
# orbax, tensorstore). Copied from flax/linen/module.py, flax/typing.py, flax/core.
