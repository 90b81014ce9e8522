from batchtyping import HyperParams, check


@check
def describe(hyperparams: HyperParams) -> str:
    return f"{len(hyperparams['hidden_sizes'])} hidden layers, lr={hyperparams['learning_rate']}"


describe({"hidden_sizes": [32, 32], "learning_rate": 1e-3, "activation": "gelu"})
