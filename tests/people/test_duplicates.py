"""Likely duplicates of a new registration: which people, for which reason."""

from __future__ import annotations

import pytest

from checkin import errors
from checkin.people import attendees, duplicates, fields
from checkin.people.duplicates import NAME_AND_PHONE, NEAR_NAME, ROMANIZED, SAME_NAME, SAME_PHONE
from checkin.protect import consent
from consents import agreed


@pytest.fixture
def event(ef, clock, people):
    more = [
        {"display_name": "김민준", "category": "guest"},
        {"display_name": "이민수", "category": "guest"},
        {"display_name": "Chloé Martin", "category": "press"},
    ]
    return {a.display_name: a for a in [*people, *attendees.add_attendees(ef, clock, more)]}


def found(ef, name, full="", phone="", **kw):
    return [
        (m.attendee.display_name, m.reasons) for m in duplicates.find(ef, name, full, phone, **kw)
    ]


@pytest.mark.parametrize(
    ("name", "phone", "expected"),
    [
        ("김민수", "", [("김민수", (SAME_NAME,))]),
        ("김 민수", "010 1234 5678", [("김민수", (NAME_AND_PHONE,))]),
        ("김민수", "+82 10-1234-5678", [("김민수", (NAME_AND_PHONE,))]),
        ("민수", "01012345678", [("김민수", (SAME_PHONE,))]),
        ("Kim Minsu", "", [("김민수", (ROMANIZED,))]),
        ("Minsu Kim", "", [("김민수", (ROMANIZED,))]),
        ("gim min-su", "", [("김민수", (ROMANIZED,))]),
        ("김민슈", "", [("김민수", (NEAR_NAME,))]),  # one vowel
        ("김밍수", "", [("김민수", (NEAR_NAME,))]),  # one final consonant
        ("JOHN  SMITH", "", [("John Smith", (SAME_NAME,))]),
        ("Jon Smith", "", [("John Smith", (NEAR_NAME,))]),
        ("martin chloe", "", [("Chloé Martin", (ROMANIZED,))]),
        ("이영희", "", [("한별", (SAME_NAME,))]),  # matches the full name behind an alias
        ("최은하", "", []),
        ("김", "", []),
    ],
)
def test_reasons(ef, event, name, phone, expected) -> None:
    assert found(ef, name, phone=phone) == expected


def test_one_syllable_apart_is_not_flagged(ef, event) -> None:
    # 김민수 / 김민준 / 이민수 are one syllable apart: different people, no warning.
    assert [n for n, _ in found(ef, "김민수")] == ["김민수"]


def test_strongest_first_and_exclude_self(ef, clock, event) -> None:
    twin = attendees.add_attendee(
        ef, clock, **agreed({"display_name": "김민수", "phone": "010-1234-5678"})
    )
    attendees.add_attendee(ef, clock, display_name="김민수", category="guest")
    matches = duplicates.find(ef, "김민수", phone="010-1234-5678")
    assert [m.reason for m in matches] == [NAME_AND_PHONE, NAME_AND_PHONE, SAME_NAME]
    assert matches[0].label("ko") == "이름과 연락처가 같음"
    editing = duplicates.find(ef, "김민수", phone="010-1234-5678", exclude_id=twin.id)
    assert twin.id not in {m.attendee.id for m in editing}


def test_cancelled_registrations_are_listed(ef, clock, event) -> None:
    attendees.cancel(ef, clock, event["박지수"].id)
    (match,) = duplicates.find(ef, "박지수")
    assert match.attendee.cancelled


def test_full_name_of_the_new_person_is_checked_too(ef, event) -> None:
    assert found(ef, "별이", "이 영희") == [("한별", (SAME_NAME,))]


def test_neighbours_are_one_edit_away() -> None:
    near = duplicates._neighbours("abc", "abc")
    assert {"ab", "bc", "ac", "abcc", "aabc", "bbc", "abb"} <= near
    assert "abc" not in near and "cab" not in near


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("010-1234-5678", "010-1234-5678"),
        ("01012345678", "010-1234-5678"),
        ("+82 10 1234 5678", "010-1234-5678"),
        ("+82-10-1234-5678", "010-1234-5678"),
        ("02-123-4567", "02-123-4567"),
        ("0212345678", "02-1234-5678"),
        ("031 123 4567", "031-123-4567"),
        ("1588-1234", "1588-1234"),
    ],
)
def test_korean_phone_numbers_are_normalized(raw, stored) -> None:
    assert fields.phone(raw) == stored


@pytest.mark.parametrize("raw", ["010-1234", "abc", "010-1234-56789", "12"])
def test_bad_phone_numbers_are_refused(raw) -> None:
    with pytest.raises(errors.InvalidInput) as exc:
        fields.phone(raw)
    assert exc.value.field == "phone" and "010-1234-5678" in exc.value.ko


def test_consent_is_stored_with_its_wording_version(ef, clock) -> None:
    a = attendees.add_attendee(ef, clock, "JK", display_name="새봄", **consent.given(clock))
    assert (a.consent_at, a.consent_version) == (clock.now_ms(), consent.VERSION)
    assert attendees.get(ef, a.id) == a
    b = attendees.add_attendee(ef, clock, display_name="가람")
    assert (b.consent_at, b.consent_version) == (None, "")
    with pytest.raises(errors.InvalidInput):
        attendees.update(ef, clock, b.id, {"consent_at": "yesterday"})
    assert attendees.get(ef, b.id) == b
    # materializing from the log alone gives the same rows
    with ef.write() as conn:
        attendees.materialize(conn, [a.id, b.id])
    assert attendees.get(ef, a.id) == a and attendees.get(ef, b.id) == b


def test_consent_wording_in_both_languages() -> None:
    assert "동의" in consent.text("ko") and "consent" in consent.text("en").lower()
    assert consent.both().splitlines() == [consent.TEXT_KO, consent.TEXT_EN]
    assert consent.required().field == "consent"
