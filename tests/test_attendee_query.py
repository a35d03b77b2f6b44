"""The attendee list's query: filters, Korean-order sorting, the kiosk's search, pages."""

from __future__ import annotations

import pytest

from checkin import attendees, search
from checkin.attendee_query import AttendeeFilter, AttendeeQuery, changes_marker


def names(query: AttendeeQuery, **kwargs) -> list[str]:
    selection = query.run(AttendeeFilter(**kwargs))
    return [r.attendee.display_name for r in selection.page(0, selection.count)]


@pytest.fixture
def crowd(ef, clock, people):
    more = attendees.add_attendees(
        ef,
        clock,
        [
            {"display_name": "anna Lee", "category": "guest"},
            {"display_name": "가람", "category": "defector", "organization": "한울 나눔회"},
            {"display_name": "Émile Zola", "category": "press"},
            {"display_name": "최 민 수", "category": "supporter", "phone": "010-5555-1234"},
        ],
    )
    return [*people, *more]


def test_names_sort_in_korean_order_hangul_first_then_latin(ef, crowd) -> None:
    q = AttendeeQuery(ef)
    assert names(q) == ["가람", "김민수", "남궁민", "박지수", "최 민 수", "한별",
                        "anna Lee", "Émile Zola", "John Smith"]  # fmt: skip
    assert names(q, descending=True) == list(reversed(names(q)))


def test_registration_numbers_sort_by_their_number(ef, clock) -> None:
    rows = [{"display_name": f"참가자{i}", "category": "guest"} for i in range(12)]
    attendees.add_attendees(ef, clock, rows)
    # DD-0009 < DD-0010 < ...; force a five-digit number to check numeric order.
    with ef.write() as conn:
        conn.execute("UPDATE attendees SET reg_no = 'DD-10000' WHERE reg_no = 'DD-0001'")
    selection = AttendeeQuery(ef).run(AttendeeFilter(sort="reg_no"))
    regs = [r.attendee.reg_no for r in selection.page(0, 100)]
    assert regs[0] == "DD-0002" and regs[-1] == "DD-10000"
    assert regs[:9] == [f"DD-{n:04d}" for n in range(2, 11)]


def test_filters_by_category_status_and_checked_in(ef, clock, engine, crowd) -> None:
    by = {a.display_name: a for a in crowd}
    engine.check_in(by["김민수"].id)
    engine.check_in(by["가람"].id)
    attendees.cancel(ef, clock, by["박지수"].id)
    q = AttendeeQuery(ef)
    assert names(q, category="defector") == ["가람", "김민수"]
    assert names(q, status="cancelled") == ["박지수"]
    assert "박지수" not in names(q, status="registered")
    assert names(q, checked_in=True) == ["가람", "김민수"]
    assert set(names(q, checked_in=False)) == {a.display_name for a in crowd} - {"가람", "김민수"}
    assert names(q, category="defector", checked_in=False) == []


def test_rows_carry_first_entry_time_station_and_inside(ef, clock, engine, crowd) -> None:
    person = crowd[0]
    first = clock.now_ms()
    engine.check_in(person.id, station="1번 출입구")
    clock.advance(60_000)
    engine.check_in(person.id, direction="exit", station="2번 출입구")
    clock.advance(60_000)
    engine.check_in(person.id, station="2번 출입구")
    clock.advance(60_000)
    engine.check_in(person.id, direction="exit", station="2번 출입구")
    row = AttendeeQuery(ef).run(AttendeeFilter(checked_in=True)).page(0, 1)[0]
    assert row.attendee.id == person.id
    assert (row.checked_in_at, row.station) == (first, "1번 출입구")
    assert (row.inside, row.entries, row.exits) == (False, 2, 2)


def test_sort_by_check_in_time_and_station_puts_the_not_yet_arrived_last(
    ef, clock, engine, crowd
) -> None:
    by = {a.display_name: a for a in crowd}
    for name, station in (("한별", "2번 출입구"), ("John Smith", "1번 출입구"), ("가람", "본부")):
        engine.check_in(by[name].id, station=station)
        clock.advance(1000)
    q = AttendeeQuery(ef)
    assert names(q, sort="checked_in_at")[:3] == ["한별", "John Smith", "가람"]
    assert names(q, sort="checked_in_at", descending=True)[:3] == ["가람", "John Smith", "한별"]
    assert names(q, sort="checked_in_at")[3:] == ["김민수", "남궁민", "박지수", "최 민 수",
                                                 "anna Lee", "Émile Zola"]  # fmt: skip
    assert names(q, sort="station")[:3] == ["John Smith", "한별", "가람"]


def test_search_finds_what_the_kiosk_finds(ef, crowd) -> None:
    q = AttendeeQuery(ef)
    for text in ("김민", "ㄱㅁㅅ", "minsu", "5678", "1234", crowd[1].reg_no, "smith"):
        kiosk = [h.attendee.display_name for h in search.search(ef.conn, text, limit=50)]
        listed = names(q, text=text, sort="")
        assert listed == kiosk, text  # relevance order: the kiosk's ranking
        assert sorted(names(q, text=text)) == sorted(kiosk)
    assert names(q, text="1234", category="supporter") == ["최 민 수"]
    assert names(q, text="없는사람") == []


def test_pages_read_only_the_rows_asked_for(ef, clock) -> None:
    rows = [{"display_name": f"사람{i:04d}", "category": "guest"} for i in range(1000)]
    attendees.add_attendees(ef, clock, rows)
    selection = AttendeeQuery(ef).run(AttendeeFilter())
    assert selection.count == 1000
    page = selection.page(990, 50)
    assert [r.attendee.display_name for r in page] == [f"사람{i:04d}" for i in range(990, 1000)]
    assert selection.page(2000, 10) == []


def test_sort_follows_an_edited_name_and_a_new_attendee(ef, clock, crowd) -> None:
    q = AttendeeQuery(ef)
    assert names(q)[0] == "가람"
    attendees.update(ef, clock, crowd[0].id, {"display_name": "가가"})
    assert names(q)[0] == "가가"
    attendees.add_attendee(ef, clock, display_name="Aaron", category="guest")
    assert names(q)[5:7] == ["한별", "Aaron"]


def test_marker_moves_with_check_ins_undos_and_edits(ef, clock, engine, crowd) -> None:
    q = AttendeeQuery(ef)
    seen = [q.marker()]
    engine.check_in(crowd[0].id)
    seen.append(q.marker())
    engine.undo(crowd[0].id, reason="잘못 입장")
    seen.append(q.marker())
    attendees.update(ef, clock, crowd[1].id, {"organization": "새 소속"})
    seen.append(q.marker())
    assert len(set(seen)) == 4
    assert q.marker() == seen[-1] == changes_marker(ef)


def test_unknown_sort_is_refused(ef) -> None:
    with pytest.raises(ValueError):
        AttendeeQuery(ef).run(AttendeeFilter(sort="phone_number"))
