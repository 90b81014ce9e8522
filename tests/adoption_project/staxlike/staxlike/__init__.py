"""staxlike: a stax-style neural network library (init/apply pairs) and optimizers."""
