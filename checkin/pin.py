"""The organizer PIN: what unlocks a kiosk (menus, settings, exports, quitting).

One PIN per event, set by an organizer and stored in the event settings (so it syncs
to every station) as a salted scrypt hash, never in clear. Verifying is a plain
function of the PIN and the stored hash; a later feature adds a lockout after repeated
failures around it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Any

from checkin import errors
from checkin import settings as settings_mod
from checkin.clock import Clock
from checkin.db.eventfile import EventFile

SETTING_KEY = "organizer_pin"
MIN_DIGITS = 4
MAX_DIGITS = 12
SCHEME = "scrypt"
# scrypt cost: about 20-50 ms per check on a laptop, 16 MiB of memory.
N, R, P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32


def clean_pin(pin: str) -> str:
    """The PIN as digits only (spaces ignored); raises InvalidInput otherwise."""
    text = "".join(str(pin).split())
    if not (text.isascii() and text.isdigit() and MIN_DIGITS <= len(text) <= MAX_DIGITS):
        raise errors.InvalidInput(
            f"The PIN must be {MIN_DIGITS}-{MAX_DIGITS} digits.",
            f"PIN은 숫자 {MIN_DIGITS}~{MAX_DIGITS}자리여야 합니다.",
            "pin",
        )
    return text


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=64 * 1024 * 1024
    )


def hash_pin(pin: str, salt: bytes | None = None) -> dict[str, Any]:
    """The stored form of a PIN: scheme, cost parameters, salt and hash (hex)."""
    pin = clean_pin(pin)
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    digest = _derive(pin, salt, N, R, P, HASH_BYTES)
    return {"scheme": SCHEME, "n": N, "r": R, "p": P, "salt": salt.hex(), "hash": digest.hex()}


def check_hash(stored: Any, pin: str) -> bool:
    """Does ``pin`` match the stored hash? False for anything malformed."""
    if not isinstance(stored, dict) or stored.get("scheme") != SCHEME:
        return False
    try:
        pin = clean_pin(pin)
    except errors.InvalidInput:
        return False
    try:
        salt = bytes.fromhex(stored["salt"])
        expected = bytes.fromhex(stored["hash"])
        n, r, p = int(stored["n"]), int(stored["r"]), int(stored["p"])
        if not expected or n > 2**20 or r > 32 or p > 16:
            return False
        actual = _derive(pin, salt, n, r, p, len(expected))
    except (KeyError, TypeError, ValueError):
        return False
    return hmac.compare_digest(actual, expected)


def has_pin(ef: EventFile) -> bool:
    return isinstance(settings_mod.load(ef).extra.get(SETTING_KEY), dict)


def set_pin(ef: EventFile, clock: Clock, pin: str, operator: str = "") -> None:
    """Set (or change) the event's organizer PIN."""
    settings_mod.update(ef, clock, {SETTING_KEY: hash_pin(pin)}, operator)


def clear_pin(ef: EventFile, clock: Clock, operator: str = "") -> None:
    """Remove the PIN (kiosks can then no longer be locked)."""
    settings_mod.update(ef, clock, {SETTING_KEY: None}, operator)


def verify_pin(ef: EventFile, pin: str) -> bool:
    """True if ``pin`` is the event's organizer PIN (False when none is set)."""
    return check_hash(settings_mod.load(ef).extra.get(SETTING_KEY), pin)
