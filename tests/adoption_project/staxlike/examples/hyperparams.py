"""Sweeping hyperparameters on the host (Python floats, not arrays)."""

from staxlike.optimizers import Hyperparameters


def sweep(step_sizes, masses):
    runs = []
    for step_size in step_sizes:
        for mass in masses:
            hyper = Hyperparameters(step_size, mass)
            runs.append(hyper.get_params())
    return runs


def main():
    return len(sweep([1e-3, 1e-2], [0.0, 0.9]))


if __name__ == "__main__":
    print(main())
