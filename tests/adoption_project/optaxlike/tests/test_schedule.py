import numpy as np
import pytest

import optaxlike
from optaxlike._src import schedule


def test_linear():
    s = optaxlike.linear_schedule(1.0, 0.0, 4)
    np.testing.assert_allclose([float(s(i)) for i in range(6)], [1.0, 0.75, 0.5, 0.25, 0.0, 0.0])


def test_cosine():
    s = optaxlike.cosine_decay_schedule(1.0, 10)
    assert float(s(0)) == pytest.approx(1.0)
    assert float(s(10)) == pytest.approx(0.0, abs=1e-7)
    with pytest.raises(ValueError):
        optaxlike.cosine_decay_schedule(1.0, 0)


def test_join_and_constant():
    s = schedule.join_schedules([optaxlike.constant_schedule(1.0), optaxlike.constant_schedule(2.0)], [3])
    assert [float(s(i)) for i in (0, 2, 3, 5)] == [1.0, 1.0, 2.0, 2.0]
