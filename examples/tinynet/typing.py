"""Type aliases for tinynet's annotations, checked at run time by jaxtyping.

``batch_size`` is the leading axis of a batch; a structure name ("RealDataFixed") binds the
tree structure and the feature shapes across one call.
"""

from jaxtyping import Array, PyTree, Real

RealDataFixed = PyTree[Real[Array, "batch_size ?d0 ?*d"], "RealDataFixed"]
"""A batch of real-valued data of a fixed structure (a dict of arrays, a tuple, ...)."""

BatchlessRealDataFixed = PyTree[Real[Array, "?d0 ?*d"], "RealDataFixed"]
"""One example of ``RealDataFixed`` data: the same structure without the batch axis."""
