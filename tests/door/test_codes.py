from __future__ import annotations

import base64
import contextlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checkin.door import codes
from checkin.ids import new_attendee_id, new_event_id
from checkin.people import hangul
from ime import compose_like_an_ime

QR_ALPHANUMERIC = re.compile(r"^[0-9A-Z $%*+\-./:]*$")


@pytest.fixture(scope="module")
def keys():
    return codes.new_key_pair()


@pytest.fixture(scope="module")
def event_id():
    return new_event_id()


@pytest.fixture(scope="module")
def signer(keys, event_id):
    return codes.BadgeSigner(event_id, keys[0])


@pytest.fixture(scope="module")
def verifier(keys, event_id):
    return codes.BadgeVerifier(event_id, keys[1])


def test_round_trip(signer, verifier, event_id) -> None:
    attendee = new_attendee_id()
    code = signer.code(attendee, 3)
    parsed = verifier.verify(code)
    assert (parsed.event_id, parsed.attendee_id, parsed.version) == (event_id, attendee, 3)


def test_code_is_compact_alphanumeric_and_carries_no_personal_data(signer) -> None:
    attendee = new_attendee_id()
    code = signer.code(attendee, 1)
    assert len(code) == codes.CODE_CHARS == 130
    assert QR_ALPHANUMERIC.match(code)
    raw = base64.b32decode(code[2:])
    # 1 format byte, 5 event, 8 attendee, 2 version, 64 signature: nothing else
    assert len(raw) == 80
    assert raw[6:14].hex() == attendee


def test_signatures_are_deterministic(signer) -> None:
    attendee = new_attendee_id()
    assert signer.code(attendee, 1) == signer.code(attendee, 1)
    assert signer.code(attendee, 1) != signer.code(attendee, 2)


def test_scan_only_station_verifies_with_the_public_key_alone(keys, event_id, signer) -> None:
    public_only = codes.BadgeVerifier(event_id, keys[1])
    assert public_only.verify(signer.code(new_attendee_id(), 1)).version == 1


def _reject(verifier, text) -> codes.Rejection:
    with pytest.raises(codes.CodeError) as info:
        verifier.verify(text)
    return info.value.rejection


def test_not_ours(verifier) -> None:
    assert _reject(verifier, "") is codes.Rejection.NOT_OURS
    assert _reject(verifier, "https://example.org/ticket/123") is codes.Rejection.NOT_OURS
    assert _reject(verifier, "4006381333931") is codes.Rejection.NOT_OURS


def test_truncated_codes_are_damaged(signer, verifier) -> None:
    code = signer.code(new_attendee_id(), 1)
    for cut in (1, 8, 60, 127):
        assert _reject(verifier, code[:-cut]) is codes.Rejection.DAMAGED
    assert _reject(verifier, code + "A") is codes.Rejection.DAMAGED
    assert _reject(verifier, code[:50] + "!" + code[51:]) is codes.Rejection.DAMAGED


def test_altered_codes_are_forged(signer, verifier) -> None:
    attendee = new_attendee_id()
    code = signer.code(attendee, 1)
    raw = bytearray(base64.b32decode(code[2:]))
    for index in (7, 14, 15, 30, 79):  # attendee id, version, signature
        changed = bytearray(raw)
        changed[index] ^= 0x01
        forged = "CK" + base64.b32encode(bytes(changed)).decode()
        assert _reject(verifier, forged) is codes.Rejection.FORGED


def test_a_code_signed_with_another_key_is_forged(event_id, verifier) -> None:
    other_private, _ = codes.new_key_pair()
    forger = codes.BadgeSigner(event_id, other_private)
    assert _reject(verifier, forger.code(new_attendee_id(), 1)) is codes.Rejection.FORGED


def test_code_of_another_event(keys) -> None:
    other = codes.BadgeSigner(new_event_id(), keys[0])
    verifier = codes.BadgeVerifier(new_event_id(), keys[1])
    assert _reject(verifier, other.code(new_attendee_id(), 1)) is codes.Rejection.WRONG_EVENT


def test_unknown_format(signer, verifier) -> None:
    raw = bytearray(base64.b32decode(signer.code(new_attendee_id(), 1)[2:]))
    raw[0] = 9
    assert (
        _reject(verifier, "CK" + base64.b32encode(bytes(raw)).decode())
        is codes.Rejection.UNKNOWN_FORMAT
    )


def test_scanner_quirks_are_forgiven(signer, verifier) -> None:
    code = signer.code(new_attendee_id(), 1)
    assert verifier.verify(code.lower()).version == 1  # caps lock
    assert verifier.verify(f"  {code}\r\n").version == 1  # prefix/suffix whitespace
    assert verifier.verify(code[:40] + "\t" + code[40:]).version == 1


def test_code_typed_with_the_korean_input_method_on(signer, verifier) -> None:
    code = signer.code(new_attendee_id(), 1)
    # Each Latin key comes out as its jamo; the IME composes them into syllables.
    typed = compose_like_an_ime(code)
    assert hangul.has_hangul(typed)
    assert verifier.verify(typed).version == 1


@settings(max_examples=500)
@given(st.text(max_size=200))
def test_parsing_never_crashes(text: str) -> None:
    with contextlib.suppress(codes.CodeError):
        codes.parse(text)


@settings(max_examples=300)
@given(st.binary(min_size=80, max_size=80))
def test_random_well_formed_codes_are_rejected(verifier, raw: bytes) -> None:
    text = "CK" + base64.b32encode(raw).decode()
    with pytest.raises(codes.CodeError):
        verifier.verify(text)


def test_version_limits(signer) -> None:
    with pytest.raises(ValueError):
        signer.code(new_attendee_id(), 0)
    with pytest.raises(ValueError):
        signer.code(new_attendee_id(), 70000)
