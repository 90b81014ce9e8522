"""The rules added on top of the call-site rule, one module each; ``entry`` dispatches to
the hooks they list (full name -> hook)."""
