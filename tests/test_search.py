from __future__ import annotations

import pytest

from checkin import attendees, search


@pytest.fixture
def crowd(ef, clock):
    rows = [
        {"display_name": "김민수", "phone": "010-1111-2222"},
        {"display_name": "김민지", "phone": "010-3333-4444"},
        {"display_name": "이영희", "phone": "010-5555-6666"},
        {"display_name": "박지수", "category": "volunteer"},
        {"display_name": "최철", "full_name": "최철호"},
        {"display_name": "남궁민"},
        {"display_name": "한별", "full_name": "정은혜"},
        {"display_name": "리설주"},
        {"display_name": "John Smith", "category": "press"},
        {"display_name": "Chloé Dubois", "category": "press"},
        {"display_name": "Kim Min-su", "category": "guest"},
    ]
    return {a.display_name: a for a in attendees.add_attendees(ef, clock, rows)}


def names(ef, query, **kw) -> list[str]:
    return [h.attendee.display_name for h in search.search(ef.conn, query, **kw)]


@pytest.mark.parametrize(
    "query, expected_first",
    [
        ("김민수", "김민수"),
        ("김민", "김민수"),
        ("김 민수", "김민수"),  # spaces do not matter
        ("민수", "김민수"),  # given name
        ("ㄱㅁㅅ", "김민수"),  # initial consonants
        ("ㄱㅁㅈ", "김민지"),
        ("김미", "김민수"),  # half-typed syllable (IME composing 민)
        ("김ㅁ", "김민수"),  # half-typed: consonant only
        ("rlaalstn", "김민수"),  # typed with the input method in English mode
        ("lee young", "이영희"),  # romanized with a common surname spelling
        ("park", "박지수"),
        ("Choi", "최철"),
        ("ri sol", "리설주"),  # North Korean spelling
        ("jisu park", "박지수"),  # given name first
        ("남궁", "남궁민"),
        ("정은혜", "한별"),  # full name finds the alias
        ("smith", "John Smith"),
        ("chloe", "Chloé Dubois"),
        ("2222", "김민수"),  # last 4 digits of the phone
        ("dd-0003", "이영희"),
        ("0004", "박지수"),
        ("4", "박지수"),
    ],
)
def test_queries(ef, crowd, query, expected_first) -> None:
    found = names(ef, query)
    assert found, query
    assert found[0] == expected_first


def test_romanized_finds_both_scripts(ef, crowd) -> None:
    found = names(ef, "kim min su")
    assert found[:2] == sorted(found[:2]) or set(found[:2]) == {"김민수", "Kim Min-su"}
    assert {"김민수", "Kim Min-su"} <= set(found)


def test_exact_before_prefix(ef, crowd, clock) -> None:
    attendees.add_attendee(ef, clock, display_name="김민수진")
    assert names(ef, "김민수")[:2] == ["김민수", "김민수진"]


def test_limit_and_empty(ef, crowd) -> None:
    assert len(names(ef, "ㄱ", limit=1)) == 1
    assert names(ef, "   ") == []
    assert names(ef, "xyzxyz") == []


def test_cancelled_are_found_but_last_among_equals(ef, crowd, clock) -> None:
    twin = attendees.add_attendee(ef, clock, display_name="김민수")
    attendees.cancel(ef, clock, crowd["김민수"].id)
    hits = search.search(ef.conn, "김민수")
    assert [h.attendee.id for h in hits[:2]] == [twin.id, crowd["김민수"].id]
    assert search.search(ef.conn, "김민수", include_cancelled=False)[0].attendee.id == twin.id


def test_hits_say_what_matched(ef, crowd) -> None:
    assert search.search(ef.conn, "ㄱㅁㅅ")[0].matched == "initials"
    assert search.search(ef.conn, "2222")[0].matched == "phone"
    assert search.search(ef.conn, "dd-0001")[0].matched == "reg_no"
