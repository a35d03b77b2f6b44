from __future__ import annotations

import pytest

from checkin.people import attendees, hangul, search
from consents import agreed, all_agreed


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
    return {a.display_name: a for a in attendees.add_attendees(ef, clock, all_agreed(rows))}


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


# --- registration-number prefixes and informal romanizations (issue 19) -------------


@pytest.mark.parametrize(
    "query, count", [("DD", 11), ("dd", 11), ("DD-", 11), ("dd-00", 11), ("dd 00", 11),
                     ("DD-000", 9)]
)  # fmt: skip
def test_a_registration_number_prefix_lists_numbers_in_order(ef, crowd, query, count) -> None:
    regs = [h.attendee.reg_no for h in search.search(ef.conn, query, limit=50)]
    numbered = [r for r in regs if r.startswith("DD-")]
    assert len(numbered) == count
    assert numbered == sorted(numbered)


def test_a_registration_number_without_its_hyphen(ef, crowd) -> None:
    hits = search.search(ef.conn, "DD0003")
    assert hits[0].attendee.display_name == "이영희" and hits[0].matched == "reg_no"
    # DD-001: DD-0010 and DD-0011 (and DD-0001, the number 1 typed with zeros)
    found = [h.attendee.reg_no for h in search.search(ef.conn, "dd-001")]
    assert {"DD-0010", "DD-0011"} <= set(found[:3])


def test_a_prefix_of_another_kind_of_number_finds_nothing(ef, crowd) -> None:
    assert [h for h in search.search(ef.conn, "ZZ-") if h.matched == "reg_no"] == []
    assert search.reg_no_prefixes("d") == []  # one letter: the start of a name
    assert search.reg_no_prefixes("김") == []


def test_registration_prefixes_on_a_scan_only_station(ef, crowd) -> None:
    with ef.write() as conn:
        conn.execute("UPDATE local SET role = 'scan-only'")
    hits = search.search(ef.conn, "DD-00", limit=50)
    assert len(hits) == len(crowd)
    assert all(h.attendee.phone == "" for h in hits)  # still redacted


@pytest.mark.parametrize(
    "name, query",
    [
        ("김별미", "Kim Byul Mi"),
        ("김별미", "kim byulmi"),
        ("김별미", "byul mi kim"),
        ("전명예", "jun myungye"),
        ("전명예", "Jun Myung-ye"),
        ("정현성", "Jung Hyun Sung"),
        ("최경희", "choi kyung hee"),
        ("김준", "kim jun"),  # a real "u" still matches
    ],
)
def test_informal_romanizations(ef, clock, name, query) -> None:
    attendees.add_attendees(
        ef, clock, [{"display_name": n} for n in ["김별미", "전명예", "정현성", "최경희", "김준"]]
    )
    found = names(ef, query)
    assert found and found[0] == name, (query, found)


def test_informal_readings_stay_a_few_range_scans() -> None:
    # Each (kinds, prefix) is one bounded range scan per kind, whatever the event's size.
    assert len(search.query_prefixes("jun myung yeul soo kyung")) <= 40
    assert len(hangul.informal_spellings("bululululu")) == 2**hangul.MAX_INFORMAL_SPOTS - 1
    assert hangul.informal_spellings("byulmi") == ["byeolmi"]
    assert hangul.informal_spellings("smith") == []


def _hits(ef, query: str) -> list[tuple[str, str, tuple[int, ...]]]:
    return [
        (h.attendee.reg_no, h.matched, h.score) for h in search.search(ef.conn, query, limit=50)
    ]


def test_bulk_add_indexes_exactly_as_one_by_one(tmp_path, clock) -> None:
    """The bulk paths (one call, and batches sharing the name memo) write the same search
    terms as adding people one at a time, so every query answers the same."""
    import random

    from checkin.door import demo
    from checkin.event import identity as event

    rng = random.Random(11)
    rows = [demo.synthetic_attendee(rng, n) for n in range(400)]
    rows += [
        {"display_name": "  김  민수 ", "phone": "+82 10 1234 5678"},
        {"display_name": "Chloé  Dubois", "full_name": "Chloe\u0301 Dubois"},
        {"display_name": "한별", "full_name": "정은혜", "reg_no": "vip-007"},
        {"display_name": "Anna\u200b Lee", "notes": " line one\r\nline two "},
    ]
    rows = [agreed(row) for row in rows]  # the core keeps no field without its consent
    files = {}
    for how in ("single", "bulk", "batches"):
        f = event.create_event(tmp_path / f"{how}.checkin", name="검색", date="2027-07-14",
                               clock=clock)  # fmt: skip
        if how == "single":
            for row in rows:
                attendees.add_attendee(f, clock, **row)
        elif how == "bulk":
            attendees.add_attendees(f, clock, rows)
        else:
            attendees.add_in_batches(f, clock, (rows[i : i + 64] for i in range(0, len(rows), 64)))
        files[how] = f
    terms = {
        how: sorted(f.conn.execute("SELECT kind, term, rid FROM search_terms").fetchall())
        for how, f in files.items()
    }
    assert len(terms["single"]) > 2000
    assert terms["bulk"] == terms["single"]
    assert terms["batches"] == terms["single"]
    fields = "reg_no, display_name, full_name, phone, notes, category, no_photo, language"
    stored = {
        how: f.conn.execute(f"SELECT {fields} FROM attendees ORDER BY rid").fetchall()
        for how, f in files.items()
    }
    assert stored["bulk"] == stored["single"] == stored["batches"]
    queries = ["김민수", "김", "ㄱㅁ", "kim minsu", "min su kim", "5678", "DD-0042", "42",
               "vip-007", "chloe", "정은혜", "rlaal", "한별", "lee"]  # fmt: skip
    for query in queries:
        expected = _hits(files["single"], query)
        assert expected or query == "lee", query
        assert _hits(files["bulk"], query) == expected, query
        assert _hits(files["batches"], query) == expected, query
    for f in files.values():
        f.close()


def test_a_whole_registration_number_reads_only_its_number(ef, clock) -> None:
    """DD-0042 is the number 42 (and the numbers that start with DD-0042), not every
    number that starts with 42; typed alone, 42 still lists those as a prefix."""
    for reg in ("DD-0042", "DD-0420", "DD-4217", "VIP-42"):
        attendees.add_attendee(ef, clock, display_name=f"참가자{reg}", reg_no=reg)
    found = [h.attendee.reg_no for h in search.search(ef.conn, "DD-0042", limit=50)]
    assert found[0] == "DD-0042"
    assert "DD-0420" not in found and "DD-4217" not in found
    assert "VIP-42" in found  # the same number under another prefix
    assert {h.attendee.reg_no for h in search.search(ef.conn, "42", limit=50)} >= {
        "DD-0042",
        "DD-0420",
        "DD-4217",
        "VIP-42",
    }
    assert search.search(ef.conn, "dd-004")[0].attendee.reg_no == "DD-0042"
