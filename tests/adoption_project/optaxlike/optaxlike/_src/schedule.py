"""Learning rate schedules."""

import chex
import jax.numpy as jnp

from optaxlike._src import base


def constant_schedule(value: chex.Numeric) -> base.Schedule:
    return lambda count: value


def linear_schedule(init_value: chex.Scalar, end_value: chex.Scalar, transition_steps: int, transition_begin: int = 0) -> base.Schedule:
    if transition_steps <= 0:
        return lambda count: init_value

    def schedule(count):
        count = jnp.clip(count - transition_begin, 0, transition_steps)
        frac = 1 - count / transition_steps
        return (init_value - end_value) * frac + end_value

    return schedule


def cosine_decay_schedule(init_value: float, decay_steps: int, alpha: float = 0.0) -> base.Schedule:
    if not decay_steps > 0:
        raise ValueError("The cosine_decay_schedule requires positive decay_steps!")

    def schedule(count):
        count = jnp.minimum(count, decay_steps)
        cosine_decay = 0.5 * (1 + jnp.cos(jnp.pi * count / decay_steps))
        decayed = (1 - alpha) * cosine_decay + alpha
        return init_value * decayed

    return schedule


def join_schedules(schedules, boundaries) -> base.Schedule:
    def schedule(step):
        output = schedules[0](step)
        for boundary, fn in zip(boundaries, schedules[1:]):
            output = jnp.where(step < boundary, output, fn(step - boundary))
        return output

    return schedule
