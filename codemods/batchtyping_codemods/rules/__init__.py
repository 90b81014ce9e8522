"""What to write, decided from code: naming conventions, forward-pass roles, usage narrowing."""
