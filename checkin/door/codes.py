"""Badge codes: what the QR code on a badge says.

A code names the event, the attendee and the badge version, and is signed with the
event's Ed25519 key so any kiosk can tell a real badge from a forged one offline. It
carries **no personal data**: the attendee is a random 8-byte id.

Layout (80 bytes, written as 128 base32 characters after the prefix ``CK``)::

    body (16 bytes) = format (1, = 1) | event id (5) | attendee id (8) | version (2, BE)
    signature (64)  = Ed25519(private key, DOMAIN + body)

Base32 (A-Z, 2-7) is a subset of the QR alphanumeric alphabet, so the QR code uses the
compact alphanumeric mode; it is also safe to type with a keyboard-emulating scanner
(letters and digits only, case-insensitive) and survives the Korean input method being
on: the Hangul a scanner produces in that mode is mapped back to its keys.
"""

from __future__ import annotations

import base64
import binascii
import re
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
FORMAT = 1
DOMAIN = b"checkin/badge/v1\x00"
BODY_BYTES = 1 + EVENT_ID_BYTES + ATTENDEE_ID_BYTES + 2
SIGNATURE_BYTES = 64
CODE_CHARS = len(PREFIX) + (BODY_BYTES + SIGNATURE_BYTES) * 8 // 5
MAX_VERSION = 0xFFFF

_JUNK = re.compile(r"[\s\x00-\x1f\x7f]+")


class Rejection(StrEnum):
    """Why a scanned text is not a valid badge of this event."""

    NOT_OURS = "not_ours"  # not a checkin badge code at all
    DAMAGED = "damaged"  # ours, but truncated or garbled
    UNKNOWN_FORMAT = "unknown_format"  # a badge format this version does not read
    FORGED = "forged"  # well formed, but the signature does not verify
    WRONG_EVENT = "wrong_event"  # a badge of another event


@dataclass(frozen=True, slots=True)
class BadgeCode:
    event_id: str
    attendee_id: str
    version: int
    body: bytes
    signature: bytes


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


def parse(text: str) -> BadgeCode:
    """Read a code without checking its signature. Raises ``CodeError``."""
    t = normalize(text)
    if not t.startswith(PREFIX):
        raise CodeError(Rejection.NOT_OURS)
    payload = t[len(PREFIX) :]
    if len(payload) != CODE_CHARS - len(PREFIX):
        raise CodeError(Rejection.DAMAGED)
    try:
        raw = base64.b32decode(payload)
    except (binascii.Error, ValueError):
        raise CodeError(Rejection.DAMAGED) from None
    body, signature = raw[:BODY_BYTES], raw[BODY_BYTES:]
    if body[0] != FORMAT:
        raise CodeError(Rejection.UNKNOWN_FORMAT)
    event_id = body[1 : 1 + EVENT_ID_BYTES].hex()
    attendee_id = body[1 + EVENT_ID_BYTES : 1 + EVENT_ID_BYTES + ATTENDEE_ID_BYTES].hex()
    version = int.from_bytes(body[-2:], "big")
    return BadgeCode(event_id, attendee_id, version, body, signature)


def _body(event_id: str, attendee_id: str, version: int) -> bytes:
    if not 1 <= version <= MAX_VERSION:
        raise ValueError(f"badge version out of range: {version}")
    event = bytes.fromhex(event_id)
    attendee = bytes.fromhex(attendee_id)
    if len(event) != EVENT_ID_BYTES or len(attendee) != ATTENDEE_ID_BYTES:
        raise ValueError("malformed event or attendee id")
    return bytes([FORMAT]) + event + attendee + version.to_bytes(2, "big")


class BadgeSigner:
    """Mints badge codes. Only stations holding the private key have one."""

    def __init__(self, event_id: str, private_key: bytes) -> None:
        self.event_id = event_id
        self._key = Ed25519PrivateKey.from_private_bytes(private_key)

    def code(self, attendee_id: str, version: int) -> str:
        body = _body(self.event_id, attendee_id, version)
        signature = self._key.sign(DOMAIN + body)
        return PREFIX + base64.b32encode(body + signature).decode("ascii")


class BadgeVerifier:
    """Checks codes with the event's public key alone (scan-only stations)."""

    def __init__(self, event_id: str, public_key: bytes) -> None:
        self.event_id = event_id
        self._key = Ed25519PublicKey.from_public_bytes(public_key)

    def verify(self, text: str) -> BadgeCode:
        """The code if it is a genuine badge of this event; else ``CodeError``."""
        code = parse(text)
        if code.event_id != self.event_id:
            raise CodeError(Rejection.WRONG_EVENT, code)
        try:
            self._key.verify(code.signature, DOMAIN + code.body)
        except InvalidSignature:
            raise CodeError(Rejection.FORGED, code) from None
        return code


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
