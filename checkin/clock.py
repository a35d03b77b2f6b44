"""Time is injected: code that reads the clock takes a ``Clock``.

Tests pass a ``FixedClock`` instead of patching ``time.time``.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now_ms(self) -> int:
        """Milliseconds since the Unix epoch, UTC."""
        ...


class SystemClock:
    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000


class FixedClock:
    """A clock that only moves when told to (tests, demos, benchmarks)."""

    def __init__(self, start_ms: int = 1_784_000_000_000) -> None:
        self.ms = start_ms

    def now_ms(self) -> int:
        return self.ms

    def advance(self, ms: int = 1) -> None:
        self.ms += ms

    def set(self, ms: int) -> None:
        self.ms = ms


class MonotonicClock:
    """Milliseconds that only go forward: for how long something lasted, never a time
    of day (a wall clock set back or forward does not move it)."""

    def now_ms(self) -> int:
        return time.monotonic_ns() // 1_000_000


SYSTEM_CLOCK = SystemClock()
MONOTONIC = MonotonicClock()
