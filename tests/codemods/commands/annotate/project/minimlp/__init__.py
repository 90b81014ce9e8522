"""A two-layer perceptron written without annotations."""
