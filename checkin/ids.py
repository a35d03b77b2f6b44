"""Identifiers.

- UUIDv7 (RFC 9562) for log rows: time-ordered, unique without coordination.
- Attendee ids: 8 random bytes as 16 hex digits; they go into badge codes, so they
  are short and carry nothing about the person.
- Event ids: 5 random bytes as 10 hex digits; station ids: 8 random bytes as 16.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable

ATTENDEE_ID_BYTES = 8
EVENT_ID_BYTES = 5
STATION_ID_BYTES = 8


def uuid7(ms: int, randbytes: Callable[[int], bytes] = os.urandom) -> str:
    """A UUIDv7 string for the given millisecond timestamp."""
    rand = int.from_bytes(randbytes(10), "big")
    rand_a = rand >> 68 & 0xFFF  # 12 bits
    rand_b = rand & ((1 << 62) - 1)  # 62 bits
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def new_attendee_id() -> str:
    return os.urandom(ATTENDEE_ID_BYTES).hex()


def new_attendee_ids(count: int) -> list[str]:
    """``count`` attendee ids from one read of the system's random source (a bulk add
    of a million otherwise makes a million system calls)."""
    raw = os.urandom(ATTENDEE_ID_BYTES * count).hex()
    width = ATTENDEE_ID_BYTES * 2
    return [raw[i : i + width] for i in range(0, width * count, width)]


def new_station_id() -> str:
    return os.urandom(STATION_ID_BYTES).hex()


def new_event_id() -> str:
    return os.urandom(EVENT_ID_BYTES).hex()


def is_attendee_id(text: str) -> bool:
    if len(text) != ATTENDEE_ID_BYTES * 2:
        return False
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return text == text.lower()
