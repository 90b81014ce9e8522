"""Aliases for popular optimizers."""

from typing import Any, Callable, Optional, Union

from optaxlike._src import base, combine, transform

ScalarOrSchedule = Union[float, base.Schedule]
MaskOrFn = Optional[Union[Any, Callable[[base.Params], Any]]]


def sgd(learning_rate: ScalarOrSchedule, momentum: Optional[float] = None, nesterov: bool = False) -> base.GradientTransformation:
    return combine.chain(
        (transform.trace(decay=momentum, nesterov=nesterov) if momentum is not None else base.identity()),
        transform.scale_by_learning_rate(learning_rate),
    )


def adam(learning_rate: ScalarOrSchedule, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8) -> base.GradientTransformation:
    return combine.chain(
        transform.scale_by_adam(b1=b1, b2=b2, eps=eps),
        transform.scale_by_learning_rate(learning_rate),
    )


def adamw(
    learning_rate: ScalarOrSchedule,
    b1: float = 0.9,
    b2: float = 0.999,
    eps: float = 1e-8,
    weight_decay: float = 1e-4,
    mask: MaskOrFn = None,
) -> base.GradientTransformation:
    return combine.chain(
        transform.scale_by_adam(b1=b1, b2=b2, eps=eps),
        transform.add_decayed_weights(weight_decay, mask),
        transform.scale_by_learning_rate(learning_rate),
    )


def rmsprop(learning_rate: ScalarOrSchedule, decay: float = 0.9, eps: float = 1e-8) -> base.GradientTransformation:
    return combine.chain(
        transform.scale_by_rms(decay=decay, eps=eps),
        transform.scale_by_learning_rate(learning_rate),
    )
