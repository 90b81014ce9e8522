"""optaxlike: gradient transformations in the style of optax (chex-era spellings)."""

from optaxlike._src import base
from optaxlike._src.alias import adam, adamw, rmsprop, sgd
from optaxlike._src.base import (
    EmptyState,
    GradientTransformation,
    OptState,
    Params,
    Schedule,
    TransformInitFn,
    TransformUpdateFn,
    Updates,
    identity,
    set_to_zero,
)
from optaxlike._src.clipping import clip, clip_by_global_norm
from optaxlike._src.combine import chain, masked
from optaxlike._src.constrain import keep_params_nonnegative, zero_nans
from optaxlike._src.loss import l2_loss, softmax_cross_entropy
from optaxlike._src.lookahead import lookahead
from optaxlike._src.schedule import constant_schedule, cosine_decay_schedule, linear_schedule
from optaxlike._src.transform import (
    add_decayed_weights,
    scale,
    scale_by_adam,
    scale_by_rms,
    scale_by_schedule,
    trace,
)
from optaxlike._src.update import apply_updates, incremental_update, periodic_update
from optaxlike._src.wrappers import MultiSteps, apply_if_finite

__all__ = [
    "EmptyState", "GradientTransformation", "OptState", "Params", "Schedule", "TransformInitFn",
    "TransformUpdateFn", "Updates", "adam", "adamw", "add_decayed_weights", "apply_if_finite",
    "apply_updates", "base", "chain", "clip", "clip_by_global_norm", "constant_schedule",
    "cosine_decay_schedule", "identity", "incremental_update", "keep_params_nonnegative",
    "l2_loss", "linear_schedule", "lookahead", "masked", "MultiSteps", "periodic_update",
    "rmsprop", "scale", "scale_by_adam", "scale_by_rms", "scale_by_schedule", "set_to_zero",
    "sgd", "softmax_cross_entropy", "trace", "zero_nans",
]
