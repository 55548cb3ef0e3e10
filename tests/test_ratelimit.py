"""The sliding-window limiter on a fake clock."""

import pytest

from data_sources.pxweb.ratelimit import SlidingWindowLimiter


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_the_limiter_waits_for_the_oldest_call_to_leave_the_window():
    clock = FakeClock()
    limiter = SlidingWindowLimiter(3, 10.0, clock, clock.sleep)
    for _step in range(3):
        assert limiter.wait() == 0.0
        limiter.record()
        clock.now += 1.0
    # calls at 0, 1, 2; now 3: the fourth may go at 10
    assert limiter.wait() == pytest.approx(7.001)
    limiter.record()
    assert clock.slept == [pytest.approx(7.001)]
    assert limiter.calls_in_window() == 3


def test_no_window_ever_holds_more_than_the_limit():
    clock = FakeClock()
    limiter = SlidingWindowLimiter(4, 5.0, clock, clock.sleep)
    stamps = []
    for _ in range(30):
        limiter.wait()
        limiter.record()
        stamps.append(clock.now)
        clock.now += 0.3
    for start in stamps:
        assert sum(1 for s in stamps if start <= s < start + 5.0) <= 4
