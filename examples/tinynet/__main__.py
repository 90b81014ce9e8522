"""Train tinynet on the synthetic problem: ``python -m tinynet [--epochs N] [--save PATH]``."""

import argparse
import time

import jax

from tinynet import checkpoint
from tinynet.config import make_hyperparams
from tinynet.data import make_dataset, split
from tinynet.evaluate import evaluate
from tinynet.model import count_params
from tinynet.training import fit


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tinynet", description=__doc__)
    parser.add_argument("--examples", type=int, default=2048, help="dataset size")
    parser.add_argument("--epochs", type=int, default=None, help="override hyperparams")
    parser.add_argument("--hidden", type=int, nargs="+", default=None, help="hidden sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", default=None, help="write a checkpoint to this .npz file")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    overrides = {"seed": args.seed}
    if args.epochs is not None:
        overrides["epochs"] = args.epochs
    if args.hidden is not None:
        overrides["hidden_sizes"] = args.hidden
    hyperparams = make_hyperparams(overrides)

    key = jax.random.PRNGKey(args.seed)
    data_key, train_key = jax.random.split(key)
    inputs, targets = make_dataset(data_key, args.examples)
    (train_inputs, train_targets), (valid_inputs, valid_targets) = split(inputs, targets)

    started = time.perf_counter()
    result = fit(hyperparams, train_inputs, train_targets, train_key)
    elapsed = time.perf_counter() - started
    metrics = evaluate(
        result["params"],
        valid_inputs,
        valid_targets,
        result["state"],
        hyperparams,
        result["input_stats"],
        result["target_stats"],
    )
    print(f"{count_params(result['params'])} parameters, {hyperparams['epochs']} epochs in {elapsed:.1f}s")
    for epoch, loss in enumerate(result["history"], 1):
        print(f"epoch {epoch:3d}  train loss {loss:.4f}")
    print(f"validation loss {metrics['loss']:.4f}  mae {metrics['mae']:.4f}")
    if args.save:
        checkpoint.save(args.save, result, hyperparams)
        print(f"saved {args.save}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
