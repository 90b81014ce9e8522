"""tinymodels: an unannotated JAX model package (issue 12's coverage measure)."""
