"""One codemod command per module; only ``cli`` imports these."""
