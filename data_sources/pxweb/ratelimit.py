"""A sliding-window rate limiter for the PxWeb call limit (maxCalls per timeWindow seconds)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class SlidingWindowLimiter:
    """Waits before a call so that no window of `window` seconds holds more than `max_calls`."""

    def __init__(
        self,
        max_calls: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if max_calls < 1 or window <= 0:
            raise ValueError("a rate limit needs max_calls >= 1 and window > 0")
        self.max_calls = max_calls
        self.window = window
        self._clock = clock
        self._sleep = sleep
        self._calls: deque[float] = deque()

    def _forget_old(self, now: float) -> None:
        while self._calls and now - self._calls[0] >= self.window:
            self._calls.popleft()

    def delay(self) -> float:
        """Seconds until one more call fits (0 when it fits now)."""
        now = self._clock()
        self._forget_old(now)
        if len(self._calls) < self.max_calls:
            return 0.0
        # A millisecond past the edge, so float rounding cannot leave the oldest call inside.
        return max(self.window - (now - self._calls[len(self._calls) - self.max_calls]) + 1e-3, 0.0)

    def wait(self) -> float:
        """Block until one more call fits; returns the seconds waited."""
        waited = 0.0
        while pause := self.delay():
            self._sleep(pause)
            waited += pause
        return waited

    def record(self) -> None:
        """Count one call that reached the server (cache hits are not counted)."""
        self._calls.append(self._clock())

    def calls_in_window(self) -> int:
        self._forget_old(self._clock())
        return len(self._calls)
