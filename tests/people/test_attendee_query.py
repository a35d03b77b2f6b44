"""The attendee list's query: filters, Korean-order sorting, the kiosk's search, pages."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkin.badges.service import name_sort_key
from checkin.db.eventfile import open_event_file
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.people import attendees, search
from checkin.people.attendee_query import WARM_SORTS, AttendeeFilter, AttendeeQuery, changes_marker
from consents import all_agreed, everything


def names(query: AttendeeQuery, **kwargs) -> list[str]:
    selection = query.run(AttendeeFilter(**kwargs))
    return [r.attendee.display_name for r in selection.page(0, selection.count)]


@pytest.fixture
def crowd(ef, clock, people):
    more = attendees.add_attendees(
        ef,
        clock,
        all_agreed(
            [
                {"display_name": "anna Lee", "category": "guest"},
                {"display_name": "가람", "category": "defector", "organization": "한울 나눔회"},
                {"display_name": "Émile Zola", "category": "press"},
                {"display_name": "최 민 수", "category": "supporter", "phone": "010-5555-1234"},
            ]
        ),
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


# -- orders kept up to date, built ahead ----------------------------------------------

KEPT_SORTS = ("name", "reg_no", "category", "organization", "email", "status", "full_name")


def fresh_order(ef, sort: str) -> list[int]:
    return AttendeeQuery(ef).run(AttendeeFilter(sort=sort)).rids


def reference_order(ef, sort: str) -> list[int]:
    """The order by definition: the column's key, then the row id (no caches)."""
    rows = ef.execute("SELECT rid, display_name, reg_no FROM attendees").fetchall()
    if sort == "name":
        return [r[0] for r in sorted(rows, key=lambda r: (
            (0, *name_sort_key(r[1])) if r[1] else (1, 0, ""), r[0]))]  # fmt: skip
    head = lambda reg: reg.rpartition("-")  # noqa: E731
    return [r[0] for r in sorted(rows, key=lambda r: (
        head(r[2])[0], int(head(r[2])[2]) if head(r[2])[2].isdigit() else 0, r[2], r[0]))]  # fmt: skip


NAMES = st.sampled_from(["김민수", "김민 수", "가람", "한별", "anna Lee", "Anna lee", "Émile",
                         "", "  ", "최민수", "최 민 수", "Zed", "1st", "ㄱ", "金"])  # fmt: skip
ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), NAMES, st.sampled_from(["guest", "press", "defector"])),
        st.tuples(st.just("name"), st.integers(0, 50), NAMES),
        st.tuples(st.just("org"), st.integers(0, 50), NAMES),
        st.tuples(st.just("email"), st.integers(0, 50), st.sampled_from(["a@x.kr", "", "Z@y.org"])),
        st.tuples(st.just("category"), st.integers(0, 50), st.sampled_from(["guest", "official"])),
        st.tuples(st.just("reg"), st.integers(0, 50), st.integers(1, 20_000)),
        st.tuples(st.just("cancel"), st.integers(0, 50), st.booleans()),
        st.tuples(st.just("sort"), st.sampled_from(KEPT_SORTS), st.booleans()),
    ),
    max_size=25,
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(actions=ACTIONS)
def test_kept_orders_equal_a_fresh_full_sort_after_adds_edits_and_cancels(
    tmp_path_factory, clock, actions
) -> None:
    ef = event.create_event(tmp_path_factory.mktemp("kept") / "e.db", name="t",
                            date="2027-07-14", clock=clock)  # fmt: skip
    try:
        people = attendees.add_attendees(ef, clock, [
            {"display_name": n, "category": "guest", "consents": everything()}  # any edit below
            for n in ("김민수", "한별", "anna Lee", "가람", "김민수", "Émile Zola")])  # fmt: skip
        ids = [p.id for p in people]
        q = AttendeeQuery(ef)
        q.run(AttendeeFilter(sort="reg_no"))
        while q.warm():
            pass
        built = q.rebuilds
        for action, a, b in actions:
            target = ids[a % len(ids)] if isinstance(a, int) else None
            if action == "add":
                name = a.strip() or "나"
                ids.append(attendees.add_attendee(ef, clock, display_name=name, category=b,
                                             consents=everything()).id)  # fmt: skip
            elif action == "name":
                attendees.update(ef, clock, target, {"display_name": b.strip() or "이름"})
            elif action == "org":
                attendees.update(ef, clock, target, {"organization": b})
            elif action == "email":
                attendees.update(ef, clock, target, {"email": b})
            elif action == "category":
                attendees.update(ef, clock, target, {"category": b})
            elif action == "reg":
                with ef.write() as conn:  # as a sync merge would (logged change, new value)
                    conn.execute("UPDATE attendees SET reg_no = ? WHERE id = ?",
                                 (f"DD-{b:04d}", target))  # fmt: skip
                    log_change(conn, target, "other-station")
            elif action == "cancel":
                (attendees.cancel if b else attendees.restore)(ef, clock, target)
            else:
                got = q.run(AttendeeFilter(sort=a, descending=b)).rids
                assert got == fresh_order(ef, a)[:: -1 if b else 1], a
            clock.advance(1000)
        for sort in KEPT_SORTS:
            assert q.run(AttendeeFilter(sort=sort)).rids == fresh_order(ef, sort), sort
        assert q.run(AttendeeFilter(sort="name")).rids == reference_order(ef, "name")
        assert q.run(AttendeeFilter(sort="reg_no")).rids == reference_order(ef, "reg_no")
        assert q.rebuilds == built  # every change was followed in place, nothing rebuilt
    finally:
        ef.close()


_SYNC_SEQ = iter(range(1, 1_000_000))


def log_change(conn, attendee_id: str, station: str) -> None:
    """A change-log row from another station, as sync writes it beside its merge."""
    seq = next(_SYNC_SEQ)
    conn.execute(
        "INSERT INTO changes (station_id, seq, hlc, at_ms, entity, entity_id, op, fields) "
        "VALUES (?, ?, ?, 0, 'attendee', ?, 'update', '{}')",
        (station, seq, seq, attendee_id),
    )


def test_warm_builds_every_order_a_step_at_a_time_and_follows_edits_meanwhile(
    ef, clock, crowd
) -> None:
    rows = [{"display_name": f"사람{i % 37}", "category": "guest"} for i in range(300)]
    attendees.add_attendees(ef, clock, rows)
    q = AttendeeQuery(ef)
    steps = 0
    while q.warm():
        steps += 1
        if steps == 3:  # mid-build: an edit and a walk-in
            attendees.update(ef, clock, crowd[0].id, {"display_name": "가가", "email": "z@z.kr"})
            attendees.add_attendee(ef, clock, display_name="나중", category="press")
    assert steps > len(WARM_SORTS)  # each order took more than one step
    assert not q.warm() and q.rebuilds == len(WARM_SORTS)
    for sort in WARM_SORTS:
        assert q.run(AttendeeFilter(sort=sort)).rids == fresh_order(ef, sort), sort
    assert q.rebuilds == len(WARM_SORTS)  # the runs used what warm built
    assert names(q)[0] == "가가"


def test_a_settings_change_or_an_unaccountable_log_drops_the_orders(ef, clock, crowd) -> None:
    q = AttendeeQuery(ef)
    q.run(AttendeeFilter(sort="category"))
    before = q.rebuilds
    order = [c.id for c in settings_mod.load(ef).categories]
    settings_mod.update(ef, clock, {"categories": [
        asdict(c) for c in reversed(settings_mod.load(ef).categories)]})  # fmt: skip
    assert [c.id for c in settings_mod.load(ef).categories] == order[::-1]
    assert q.run(AttendeeFilter(sort="category")).rids == fresh_order(ef, "category")
    assert q.rebuilds == before + 1
    # A late row from a known station, older than what was read: rebuilt, still right.
    with ef.write() as conn:
        station = conn.execute("SELECT station_id FROM changes LIMIT 1").fetchone()[0]
        conn.execute("UPDATE attendees SET display_name = 'Ω' WHERE id = ?", (crowd[0].id,))
        conn.execute(
            "INSERT INTO changes (station_id, seq, hlc, at_ms, entity, entity_id, op, fields) "
            "VALUES (?, 0, 0, 0, 'attendee', ?, 'update', '{}')", (station, crowd[0].id))  # fmt: skip
    assert q.run(AttendeeFilter(sort="name")).rids == reference_order(ef, "name")


def test_changes_from_another_connection_are_followed(ef, clock, crowd) -> None:
    q = AttendeeQuery(ef)
    q.run(AttendeeFilter(sort="name"))
    other = open_event_file(ef.path)
    try:
        attendees.update(other, clock, crowd[0].id, {"display_name": "힣"})
        attendees.add_attendee(other, clock, display_name="가", category="guest")
    finally:
        other.close()
    assert names(q)[0] == "가" and names(q)[-1] != "힣"
    assert q.run(AttendeeFilter(sort="name")).rids == reference_order(ef, "name")
    assert q.rebuilds == 1


def test_checked_in_filter_follows_check_ins_and_undos_between_runs(
    ef, clock, engine, crowd
) -> None:
    q = AttendeeQuery(ef)
    assert names(q, checked_in=True) == []
    engine.check_in(crowd[0].id, station="1번 출입구")
    assert names(q, checked_in=True) == [crowd[0].display_name]
    assert names(q, sort="station", checked_in=True) == [crowd[0].display_name]
    other = open_event_file(ef.path)  # as a synced check-in arrives: another connection
    try:
        CheckinEngine(other, clock).check_in(crowd[1].id)
    finally:
        other.close()
    assert len(names(q, checked_in=True)) == 2
    engine.undo(crowd[0].id, reason="잘못 입장")
    assert names(q, checked_in=True) == [crowd[1].display_name]
    assert crowd[0].display_name in names(q, checked_in=False)
