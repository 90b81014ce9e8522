"""libcst helpers every command shares: names and bindings, the import editor, scopes, spelling."""
