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

A 4-12 digit PIN has too little entropy to survive an offline search of its hash, so
the hash never travels in the clear (issue 21): the setting holds it *sealed*
(AES-256-GCM) under the PIN seal key, derived from the event key on the organizer's
file and given as such to desks (``SEAL_SECRET``); scan-only stations hold neither. A
bundle, a hub row or a scan-only kiosk's file carries only ciphertext. A scan-only
kiosk checks instead its own *kiosk unlock code*: 12 random base32 characters (60
bits) made when it is provisioned, shown once to the organizer, its scrypt hash kept
only in that file's never-synced local state (``sync_local``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.event import settings as settings_mod
from checkin.protect import audit
from checkin.protect.texts import ProtectTexts as T

log = logging.getLogger(__name__)

SETTING_KEY = "organizer_pin"
MIN_DIGITS = 4
MAX_DIGITS = 12
SCHEME = "scrypt"
# scrypt cost: about 20-50 ms per check on a laptop, 16 MiB of memory.
N, R, P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32
SEALED_SCHEME = "scrypt-sealed-v1"  # the scrypt form above, AES-GCM sealed
UNLOCK_LOCAL_KEY = "kiosk_unlock"  # sync_local key of a scan-only kiosk's unlock code hash
UNLOCK_CHARS = 12  # base32: 60 bits


def clean_pin(pin: str) -> str:
    """The PIN as digits only (spaces ignored); raises InvalidInput otherwise."""
    text = "".join(str(pin).split())
    if not (text.isascii() and text.isdigit() and MIN_DIGITS <= len(text) <= MAX_DIGITS):
        raise errors.InvalidInput(
            T.pin_must_digits, field="pin", min_digits=MIN_DIGITS, max_digits=MAX_DIGITS
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


# --- sealing the verifier -----------------------------------------------------------


SEAL_SECRET = "pin_seal_key"  # secrets.name: the seal key itself, on a desk's file


def _seal_key(conn: Any) -> bytes | None:
    """The key that seals the PIN hash: derived from the event key (the organizer's file,
    desks set up before per-role keys), or given as such to a desk's package, which
    holds no event key (``checkin.sync.keys``)."""
    given = conn.execute("SELECT value FROM secrets WHERE name = ?", (SEAL_SECRET,)).fetchone()
    if given:
        return bytes(given[0])
    row = conn.execute("SELECT value FROM secrets WHERE name = 'signing_key'").fetchone()
    if not row:
        return None
    event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None,
        info=b"checkin organizer pin verifier v1|" + event_id.encode(),
    ).derive(bytes(row[0]))  # fmt: skip


def seal_key(conn: Any) -> bytes | None:
    """The PIN seal key this file holds (for a desk's package), or None."""
    return _seal_key(conn)


def seal(conn: Any, stored: dict[str, Any]) -> dict[str, Any]:
    """The setting value for a PIN hash: sealed under the PIN seal key."""
    key = _seal_key(conn)
    if key is None:
        raise errors.NotAllowed(T.station_holds_no_signing_key)
    event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
    nonce = os.urandom(12)
    plain = json.dumps(stored, sort_keys=True).encode()
    sealed = AESGCM(key).encrypt(nonce, plain, event_id.encode())
    return {"scheme": SEALED_SCHEME, "nonce": nonce.hex(), "sealed": sealed.hex()}


def unseal(conn: Any, value: Any) -> Any:
    """The PIN hash from a setting value: sealed ones need the key (None without it);
    a hash stored in the clear (set before sealing existed) is returned as it is."""
    if not isinstance(value, dict) or value.get("scheme") != SEALED_SCHEME:
        return value
    key = _seal_key(conn)
    if key is None:
        return None
    event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
    try:
        plain = AESGCM(key).decrypt(
            bytes.fromhex(value["nonce"]), bytes.fromhex(value["sealed"]), event_id.encode()
        )
        return json.loads(plain)
    except (InvalidTag, KeyError, TypeError, ValueError):
        return None


# --- a scan-only kiosk's own unlock code ----------------------------------------------


def new_unlock_code() -> str:
    """12 random base32 characters, shown as XXXX-XXXX-XXXX."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode("ascii")[:UNLOCK_CHARS]
    return "-".join(raw[i : i + 4] for i in range(0, UNLOCK_CHARS, 4))


def clean_unlock_code(code: str) -> str:
    """Upper case, without spaces or dashes ('' if it cannot be an unlock code)."""
    text = "".join(ch for ch in str(code) if ch not in " -\t").upper()
    ok = len(text) == UNLOCK_CHARS and all(ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for ch in text)
    return text if ok else ""


def set_unlock_code_in(conn: Any, code: str) -> None:
    """Store the scrypt hash of a kiosk unlock code in this file's local state only."""
    text = clean_unlock_code(code)
    if not text:
        raise errors.InvalidInput(T.not_kiosk_unlock_code, field="unlock_code")
    salt = os.urandom(SALT_BYTES)
    digest = hashlib.scrypt(text.encode("ascii"), salt=salt, n=N, r=R, p=P, dklen=HASH_BYTES,
                            maxmem=64 * 1024 * 1024)  # fmt: skip
    value = {"scheme": SCHEME, "n": N, "r": R, "p": P, "salt": salt.hex(), "hash": digest.hex()}
    conn.execute(
        "INSERT INTO sync_local (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (UNLOCK_LOCAL_KEY, json.dumps(value, sort_keys=True)),
    )


def _unlock_hash(conn: Any) -> dict[str, Any] | None:
    row = conn.execute("SELECT value FROM sync_local WHERE key = ?", (UNLOCK_LOCAL_KEY,)).fetchone()
    return json.loads(row[0]) if row else None


def uses_unlock_code(ef: EventFile) -> bool:
    """Does this station take its own kiosk unlock code instead of the organizer PIN?"""
    with ef.read() as conn:
        return _unlock_hash(conn) is not None


def _check_unlock(stored: dict[str, Any], code: str) -> bool:
    text = clean_unlock_code(code)
    try:
        salt, expected = bytes.fromhex(stored["salt"]), bytes.fromhex(stored["hash"])
        n, r, p = int(stored["n"]), int(stored["r"]), int(stored["p"])
        if not text or not expected or n > 2**20 or r > 32 or p > 16:
            return False
        actual = hashlib.scrypt(text.encode("ascii"), salt=salt, n=n, r=r, p=p,
                                dklen=len(expected), maxmem=64 * 1024 * 1024)  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return False
    return hmac.compare_digest(actual, expected)


# --- the organizer PIN ----------------------------------------------------------------


def has_pin(ef: EventFile) -> bool:
    """Is there something that unlocks this station (the PIN, or its unlock code)?"""
    return uses_unlock_code(ef) or isinstance(settings_mod.load(ef).extra.get(SETTING_KEY), dict)


def can_check(ef: EventFile) -> bool:
    """Can this station check what unlocks it? False on a station without an unlock
    code that cannot unseal the PIN (a scan-only kiosk provisioned before unlock codes):
    a kiosk locked there could never be unlocked."""
    value = settings_mod.load(ef).extra.get(SETTING_KEY)
    with ef.read() as conn:
        return _unlock_hash(conn) is not None or isinstance(unseal(conn, value), dict)


def set_pin(ef: EventFile, clock: Clock, pin: str, operator: str = "") -> None:
    """Set (or change) the event's organizer PIN (its hash sealed, see the module doc)."""
    stored = hash_pin(pin)
    with ef.read() as conn:
        value = seal(conn, stored)
    settings_mod.update(ef, clock, {SETTING_KEY: value}, operator)


def clear_pin(ef: EventFile, clock: Clock, operator: str = "") -> None:
    """Remove the PIN (kiosks can then no longer be locked)."""
    settings_mod.update(ef, clock, {SETTING_KEY: None}, operator)


def verify_pin(ef: EventFile, pin: str) -> bool:
    """True if ``pin`` is the event's organizer PIN (False when none is set); on a
    station with a kiosk unlock code (scan-only), True if it is that code."""
    value = settings_mod.load(ef).extra.get(SETTING_KEY)
    with ef.read() as conn:
        unlock = _unlock_hash(conn)
        stored = None if unlock is not None else unseal(conn, value)
    if unlock is not None:
        return _check_unlock(unlock, pin)
    return check_hash(stored, pin)


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


# --- keeping clear verifiers off scan-only kiosks -------------------------------------


def redact_clear_verifiers(conn: Any, table: str) -> int:
    """Blank every PIN hash stored in the clear (set before sealing) in the change rows
    of ``table`` (a log or a staging table of it); returns how many rows it blanked.

    Scan-only kiosks do this to what they are given and to what they merge: they never
    relay others' rows, and they unlock with their own code."""
    return int(
        conn.execute(
            f"UPDATE {table} SET fields = json_set(fields, '$.value', NULL) "
            "WHERE entity = 'setting' AND entity_id = ? "
            "AND json_extract(fields, '$.value.scheme') IS NOT ?",
            (SETTING_KEY, SEALED_SCHEME),
        ).rowcount
    )
