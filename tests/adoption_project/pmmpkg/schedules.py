"""Learning-rate schedules, as plain functions of the step."""

from __future__ import annotations

import math

from .typing import Callable, List

Schedule = Callable[[int], float]


def constant(value: float) -> Schedule:
    return lambda step: value


def exponential(initial: float, decay: float, every: int = 1) -> Schedule:
    return lambda step: initial * decay ** (step // every)


def cosine(initial: float, total_steps: int, floor: float = 0.0) -> Schedule:
    def schedule(step: int) -> float:
        t = min(step, total_steps) / max(total_steps, 1)
        return floor + (initial - floor) * 0.5 * (1 + math.cos(math.pi * t))

    return schedule


def warmup(schedule: Schedule, steps: int) -> Schedule:
    def warmed(step: int) -> float:
        if step < steps:
            return schedule(0) * (step + 1) / steps
        return schedule(step - steps)

    return warmed


def piecewise(boundaries: List[int], values: List[float]) -> Schedule:
    if len(values) != len(boundaries) + 1:
        raise ValueError("piecewise needs one more value than boundaries")

    def schedule(step: int) -> float:
        for boundary, value in zip(boundaries, values):
            if step < boundary:
                return value
        return values[-1]

    return schedule
