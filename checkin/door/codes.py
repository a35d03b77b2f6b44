"""Badge codes: what the QR code on a badge says.

A code names the event, the attendee and the badge version, and is signed so any
kiosk can tell a real badge from a forged one offline. It carries **no personal
data**: the attendee is a random 8-byte id. Two formats:

- **format 1**, signed with the event's Ed25519 key (the organizer mints these; desks
  set up by versions before format 2 hold that key too). 80 bytes, 130 characters::

      body (16 bytes) = format (1, = 1) | event id (5) | attendee id (8) | version (2, BE)
      signature (64)  = Ed25519(event key, DOMAIN + body)

- **format 2**, signed by the *minting station's own key* (a desk's key, certified by
  the organizer, :mod:`checkin.sync.trust`), so the code names the desk that made it
  and a retired desk's new badges can be told apart (:mod:`checkin.door.engine`).
  85 bytes, 138 characters::

      body (21 bytes) = format (1, = 2) | event id (5) | key id (5) | attendee id (8)
                        | version (2, BE)
      signature (64)  = Ed25519(station key, DOMAIN_STATION + body)

  The key id is the first 5 bytes of SHA-256 over the station's public key; a kiosk
  looks it up among the certified station keys it knows (a code whose key it does not
  know is refused as ``unknown_station``, never taken on trust), and verifies with
  every key of that id (ids are not secret and need not be unique).

Base32 (A-Z, 2-7) is a subset of the QR alphanumeric alphabet, so the QR code uses the
compact alphanumeric mode; it is also safe to type with a keyboard-emulating scanner
(letters and digits only, case-insensitive) and survives the Korean input method being
on: the Hangul a scanner produces in that mode is mapped back to its keys. Both
lengths are multiples of 5 bytes, so base32 needs no padding.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from checkin.ids import ATTENDEE_ID_BYTES, EVENT_ID_BYTES
from checkin.people.hangul import has_hangul, keys_from_hangul

PREFIX = "CK"
FORMAT = 1  # signed with the event key
FORMAT_STATION = 2  # signed by a certified station key, which the code names
DOMAIN = b"checkin/badge/v1\x00"
DOMAIN_STATION = b"checkin/badge/v2\x00"
KEY_ID_BYTES = 5
BODY_BYTES = 1 + EVENT_ID_BYTES + ATTENDEE_ID_BYTES + 2
BODY_BYTES_STATION = BODY_BYTES + KEY_ID_BYTES
SIGNATURE_BYTES = 64
CODE_CHARS = len(PREFIX) + (BODY_BYTES + SIGNATURE_BYTES) * 8 // 5
CODE_CHARS_STATION = len(PREFIX) + (BODY_BYTES_STATION + SIGNATURE_BYTES) * 8 // 5
MAX_CODE_CHARS = max(CODE_CHARS, CODE_CHARS_STATION)
MAX_VERSION = 0xFFFF
# what may mint badges: a station key certified for one of these roles
MINTING_ROLES = frozenset({"organizer", "desk"})

_JUNK = re.compile(r"[\s\x00-\x1f\x7f]+")
_RAW_BYTES = {
    FORMAT: BODY_BYTES + SIGNATURE_BYTES,
    FORMAT_STATION: BODY_BYTES_STATION + SIGNATURE_BYTES,
}


class Rejection(StrEnum):
    """Why a scanned text is not a valid badge of this event."""

    NOT_OURS = "not_ours"  # not a checkin badge code at all
    DAMAGED = "damaged"  # ours, but truncated or garbled
    UNKNOWN_FORMAT = "unknown_format"  # a badge format this version does not read
    FORGED = "forged"  # well formed, but the signature does not verify
    WRONG_EVENT = "wrong_event"  # a badge of another event
    UNKNOWN_STATION = "unknown_station"  # format 2, minted by a key this kiosk does not know
    RETIRED_STATION = "retired_station"  # format 2, from a retired desk (decided by the engine)


@dataclass(frozen=True, slots=True)
class BadgeCode:
    event_id: str
    attendee_id: str
    version: int
    body: bytes
    signature: bytes
    format: int = FORMAT
    key_id: bytes = b""  # format 2: which station key signed it
    minted_by: tuple[str, ...] = ()  # format 2, once verified: the station ids of that key


class CodeError(Exception):
    def __init__(self, rejection: Rejection, parsed: BadgeCode | None = None) -> None:
        super().__init__(rejection.value)
        self.rejection = rejection
        self.parsed = parsed


def normalize(text: str) -> str:
    """What the scanner meant: whitespace dropped, Hangul mapped to keys, upper case."""
    text = _JUNK.sub("", text)
    if has_hangul(text):
        text = keys_from_hangul(text)
    return text.upper()


def expected_chars(shape: str) -> int | None:
    """How long the code that ``shape`` (normalized) begins is, once its format shows
    (after ``CK`` and two characters); None while it cannot tell or for no format."""
    if len(shape) < len(PREFIX) + 2 or not shape.startswith(PREFIX):
        return None
    try:
        first = base64.b32decode(shape[len(PREFIX) : len(PREFIX) + 2] + "A" * 6)[0]
    except (binascii.Error, ValueError):
        return None
    return {FORMAT: CODE_CHARS, FORMAT_STATION: CODE_CHARS_STATION}.get(first)


def key_id(public_key: bytes) -> bytes:
    """The 5 bytes a format-2 code carries to name the station key that signed it."""
    return hashlib.sha256(b"checkin station key id v1\x00" + bytes(public_key)).digest()[
        :KEY_ID_BYTES
    ]


def parse(text: str) -> BadgeCode:
    """Read a code without checking its signature. Raises ``CodeError``."""
    t = normalize(text)
    if not t.startswith(PREFIX):
        raise CodeError(Rejection.NOT_OURS)
    payload = t[len(PREFIX) :]
    if len(payload) + len(PREFIX) not in (CODE_CHARS, CODE_CHARS_STATION):
        raise CodeError(Rejection.DAMAGED)
    try:
        raw = base64.b32decode(payload)
    except (binascii.Error, ValueError):
        raise CodeError(Rejection.DAMAGED) from None
    fmt = raw[0]
    if fmt not in _RAW_BYTES:
        raise CodeError(Rejection.UNKNOWN_FORMAT)
    if len(raw) != _RAW_BYTES[fmt]:
        raise CodeError(Rejection.DAMAGED)
    size = BODY_BYTES if fmt == FORMAT else BODY_BYTES_STATION
    body, signature = raw[:size], raw[size:]
    event_id = body[1 : 1 + EVENT_ID_BYTES].hex()
    at = 1 + EVENT_ID_BYTES
    kid = b""
    if fmt == FORMAT_STATION:
        kid, at = body[at : at + KEY_ID_BYTES], at + KEY_ID_BYTES
    attendee_id = body[at : at + ATTENDEE_ID_BYTES].hex()
    version = int.from_bytes(body[-2:], "big")
    return BadgeCode(event_id, attendee_id, version, body, signature, fmt, kid)


def _body(event_id: str, attendee_id: str, version: int, kid: bytes = b"") -> bytes:
    if not 1 <= version <= MAX_VERSION:
        raise ValueError(f"badge version out of range: {version}")
    event = bytes.fromhex(event_id)
    attendee = bytes.fromhex(attendee_id)
    if len(event) != EVENT_ID_BYTES or len(attendee) != ATTENDEE_ID_BYTES:
        raise ValueError("malformed event or attendee id")
    fmt = FORMAT_STATION if kid else FORMAT
    return bytes([fmt]) + event + kid + attendee + version.to_bytes(2, "big")


class BadgeSigner:
    """Mints format-1 badge codes with the event key (the organizer's file)."""

    format = FORMAT

    def __init__(self, event_id: str, private_key: bytes) -> None:
        self.event_id = event_id
        self._key = Ed25519PrivateKey.from_private_bytes(private_key)

    def code(self, attendee_id: str, version: int) -> str:
        body = _body(self.event_id, attendee_id, version)
        signature = self._key.sign(DOMAIN + body)
        return PREFIX + base64.b32encode(body + signature).decode("ascii")


class StationBadgeSigner:
    """Mints format-2 codes with a station's own certified key (a desk)."""

    format = FORMAT_STATION

    def __init__(self, event_id: str, private_key: bytes) -> None:
        self.event_id = event_id
        self._key = Ed25519PrivateKey.from_private_bytes(private_key)
        self.key_id = key_id(self._key.public_key().public_bytes_raw())

    def code(self, attendee_id: str, version: int) -> str:
        body = _body(self.event_id, attendee_id, version, self.key_id)
        signature = self._key.sign(DOMAIN_STATION + body)
        return PREFIX + base64.b32encode(body + signature).decode("ascii")


@dataclass(frozen=True, slots=True)
class StationKey:
    """A certified station key a kiosk knows, and the station ids bound to it."""

    public_key: bytes
    role: str
    station_ids: tuple[str, ...]


def keyring(keys: Iterable[StationKey]) -> dict[bytes, tuple[StationKey, ...]]:
    """Station keys by key id, for :class:`BadgeVerifier`."""
    out: dict[bytes, tuple[StationKey, ...]] = {}
    for key in keys:
        kid = key_id(key.public_key)
        out[kid] = (*out.get(kid, ()), key)
    return out


class BadgeVerifier:
    """Checks codes with public keys alone: the event's (format 1) and the certified
    station keys this kiosk knows (format 2). Public key objects are built once."""

    def __init__(
        self, event_id: str, public_key: bytes,
        station_keys: Mapping[bytes, tuple[StationKey, ...]] | None = None,
    ) -> None:  # fmt: skip
        self.event_id = event_id
        self._key = Ed25519PublicKey.from_public_bytes(public_key)
        self._stations = {
            kid: tuple((Ed25519PublicKey.from_public_bytes(k.public_key), k) for k in keys)
            for kid, keys in (station_keys or {}).items()
        }

    def knows(self, kid: bytes) -> bool:
        return kid in self._stations

    def verify(self, text: str) -> BadgeCode:
        """The code if it is a genuine badge of this event; else ``CodeError``."""
        code = parse(text)
        if code.event_id != self.event_id:
            raise CodeError(Rejection.WRONG_EVENT, code)
        if code.format == FORMAT:
            try:
                self._key.verify(code.signature, DOMAIN + code.body)
            except InvalidSignature:
                raise CodeError(Rejection.FORGED, code) from None
            return code
        candidates = self._stations.get(code.key_id)
        if not candidates:
            raise CodeError(Rejection.UNKNOWN_STATION, code)
        for public, station in candidates:
            try:
                public.verify(code.signature, DOMAIN_STATION + code.body)
            except InvalidSignature:
                continue
            if station.role not in MINTING_ROLES:
                break  # a door kiosk's key cannot mint badges
            return BadgeCode(
                code.event_id, code.attendee_id, code.version, code.body, code.signature,
                code.format, code.key_id, station.station_ids,
            )  # fmt: skip
        raise CodeError(Rejection.FORGED, code)


def new_key_pair() -> tuple[bytes, bytes]:
    """(private, public) raw 32-byte Ed25519 keys."""
    from cryptography.hazmat.primitives import serialization

    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return private, public
