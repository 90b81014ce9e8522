"""``batchtyping trace``: record argument and return values' tree structure, dtypes and
shapes while a program runs (``recorder``, ``values``, ``store``), and infer annotations from
them (``infer``); ``batchtyping apply`` writes them (``batchtyping_codemods.apply``).

Nothing here imports jax: values are inspected by duck typing, and jax's tree utilities are
used only inside a traced process that has already imported jax.
"""
