"""The organizer PIN: what unlocks a kiosk (menus, settings, exports, quitting).

One PIN per event, set by an organizer and stored in the event settings (so it syncs
to every station) as a salted scrypt hash, never in clear. ``verify_pin`` is a plain
function of the PIN and the stored hash; ``check_pin`` is what people go through:

- after ``FAILURES_BEFORE_LOCK`` wrong PINs in a row at a station, PIN entry there is
  locked for ``LOCK_STEPS_MS[0]`` (30 s), and each further wrong PIN (once the lock is
  over) locks it for the next, longer step (1 min, then 5 min each time); a right PIN
  ends the run;
- every attempt is recorded in the audit log (``pin_success``, ``pin_failure``,
  ``pin_lockout``), and the lockout is *derived from those rows* (this station's own),
  so it is persisted in the event file: restarting the app or using the command line
  does not reset it. Attempts refused while locked are not checked and not recorded.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from dataclasses import dataclass
from typing import Any

from checkin import audit, errors
from checkin import settings as settings_mod
from checkin.clock import Clock
from checkin.db.eventfile import EventFile

log = logging.getLogger(__name__)

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


# --- lockout ------------------------------------------------------------------------

FAILURES_BEFORE_LOCK = 5
LOCK_STEPS_MS = (30_000, 60_000, 300_000)


@dataclass(frozen=True)
class PinState:
    """This station's run of wrong PINs and the lock it earned."""

    failures: int  # wrong PINs in a row (since the last right one)
    locked_until_ms: int  # 0: not locked

    def remaining_ms(self, now_ms: int) -> int:
        return max(0, self.locked_until_ms - now_ms)

    def remaining_seconds(self, now_ms: int) -> int:
        return -(-self.remaining_ms(now_ms) // 1000)


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    locked: bool  # refused unchecked because PIN entry is locked
    state: PinState  # after this attempt


def lock_ms_after(failures: int) -> int:
    """How long PIN entry locks after the ``failures``-th wrong PIN in a row (0: not)."""
    if failures < FAILURES_BEFORE_LOCK:
        return 0
    step = min(failures - FAILURES_BEFORE_LOCK, len(LOCK_STEPS_MS) - 1)
    return LOCK_STEPS_MS[step]


def _state(conn: Any) -> PinState:
    station_id = conn.execute("SELECT station_id FROM local").fetchone()[0]
    failures = 0
    last_failure_at = 0
    for action, at_ms in conn.execute(
        "SELECT action, at_ms FROM audit_log WHERE station_id = ? AND action IN (?, ?) "
        "ORDER BY seq DESC LIMIT 200",
        (station_id, audit.PIN_SUCCESS, audit.PIN_FAILURE),
    ):
        if action == audit.PIN_SUCCESS:
            break
        failures += 1
        last_failure_at = max(last_failure_at, at_ms)
    lock = lock_ms_after(failures)
    return PinState(failures, last_failure_at + lock if lock else 0)


def pin_state(ef: EventFile) -> PinState:
    """This station's PIN lockout state (read from its audit rows)."""
    with ef.read() as conn:
        return _state(conn)


def check_pin(ef: EventFile, clock: Clock, pin: str, operator: str = "") -> PinCheck:
    """Check a PIN someone typed: honours and extends the lockout, records the attempt.

    The scrypt check runs outside the write transaction (it takes tens of
    milliseconds; scans at this kiosk should not wait for it).
    """
    state = pin_state(ef)
    if state.remaining_ms(clock.now_ms()):
        return PinCheck(False, True, state)
    ok = verify_pin(ef, pin)
    now = clock.now_ms()
    with ef.write() as conn:
        state = _state(conn)
        if state.remaining_ms(now):  # another process failed meanwhile
            return PinCheck(False, True, state)
        if ok:
            audit.record_in(conn, now, audit.PIN_SUCCESS, operator=operator)
            return PinCheck(True, False, PinState(0, 0))
        failures = state.failures + 1
        audit.record_in(conn, now, audit.PIN_FAILURE, detail={"failures": failures},
                        operator=operator)  # fmt: skip
        lock = lock_ms_after(failures)
        if lock:
            audit.record_in(conn, now, audit.PIN_LOCKOUT,
                            detail={"failures": failures, "seconds": lock // 1000},
                            operator=operator)  # fmt: skip
    if lock:
        log.warning("organizer PIN locked for %d s after %d wrong PINs", lock // 1000, failures)
    else:
        log.info("wrong organizer PIN (%d in a row)", failures)
    return PinCheck(False, False, PinState(failures, now + lock if lock else 0))
