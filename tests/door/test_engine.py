from __future__ import annotations

import re

import pytest

from checkin import errors
from checkin.db.eventfile import open_event_file
from checkin.door import codes, stats
from checkin.door.engine import CheckinEngine, rebuild_attendance
from checkin.event import identity as event
from checkin.ids import new_attendee_id, new_event_id
from checkin.models import Status
from checkin.people import attendees

UUID7 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def code_of(ef, a) -> str:
    return event.badge_code(ef, a.id, a.badge_version)


def test_ok_then_already_in_with_when_and_where(ef, engine, people, clock) -> None:
    kim = people[0]
    first = engine.scan(code_of(ef, kim), station="1번 출입구")
    assert first.status is Status.OK
    assert first.attendee == kim
    assert first.checkin.station_name == "1번 출입구"
    assert UUID7.match(first.checkin.id)
    clock.advance(90_000)
    second = engine.scan(code_of(ef, kim), station="2번 출입구")
    assert second.status is Status.ALREADY_IN
    assert second.previous.id == first.checkin.id
    assert second.previous.station_name == "1번 출입구"
    assert second.previous.at_ms == first.checkin.at_ms
    assert second.checkin is None


def test_result_is_committed_before_it_returns(ef, engine, people, tmp_path) -> None:
    result = engine.scan(code_of(ef, people[0]))
    with open_event_file(tmp_path / "event.db") as other:
        row = other.conn.execute(
            "SELECT attendee_id FROM checkins WHERE id = ?", (result.checkin.id,)
        ).fetchone()
    assert row == (people[0].id,)


def test_every_checkin_is_a_log_row(ef, engine, people, clock) -> None:
    engine.scan(code_of(ef, people[0]), operator="vol-7")
    engine.check_in(people[1].id, station="desk")
    rows = ef.conn.execute(
        "SELECT id, station_id, seq, hlc, at_ms, station_name, action, method, operator FROM checkins ORDER BY seq"
    ).fetchall()
    station_id = event.info(ef).station.station_id
    assert [r[1] for r in rows] == [station_id, station_id]
    assert rows[0][2] < rows[1][2] and rows[0][3] < rows[1][3]
    assert [r[6] for r in rows] == ["entry", "entry"]
    assert [r[7] for r in rows] == ["scan", "search"]
    assert rows[0][8] == "vol-7" and rows[1][5] == "desk"


@pytest.mark.parametrize(
    "mangle, reason",
    [
        (lambda c: "hello world", "not_ours"),
        (lambda c: c[:-20], "damaged"),
        (lambda c: c[:-4] + ("AAAA" if not c.endswith("AAAA") else "BBBB"), "forged"),
    ],
)
def test_invalid_codes(ef, engine, people, mangle, reason) -> None:
    result = engine.scan(mangle(code_of(ef, people[0])))
    assert result.status is Status.INVALID
    assert result.reason == reason
    assert result.attendee is None and result.checkin is None
    assert ef.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
    attempt = ef.conn.execute("SELECT status, reason FROM scan_attempts").fetchone()
    assert attempt == ("invalid", reason)


def test_wrong_event(ef, engine) -> None:
    private, _ = codes.new_key_pair()
    other = codes.BadgeSigner(new_event_id(), private).code(new_attendee_id(), 1)
    result = engine.scan(other)
    assert result.status is Status.WRONG_EVENT


def test_superseded_after_reissue(ef, engine, people, clock) -> None:
    old_code = code_of(ef, people[0])
    renewed = attendees.reissue(ef, clock, people[0].id)
    assert renewed.badge_version == 2
    assert engine.scan(old_code).status is Status.SUPERSEDED
    ok = engine.scan(code_of(ef, renewed))
    assert ok.status is Status.OK and not ok.unsynced


def test_cancelled(ef, engine, people, clock) -> None:
    attendees.cancel(ef, clock, people[2].id)
    result = engine.scan(code_of(ef, people[2]))
    assert result.status is Status.CANCELLED
    assert result.attendee.cancelled
    attendees.restore(ef, clock, people[2].id)
    assert engine.scan(code_of(ef, people[2])).status is Status.OK


def test_valid_code_for_an_attendee_not_synced_yet(ef, engine) -> None:
    stranger = new_attendee_id()
    code = event.signer(ef).code(stranger, 1)
    result = engine.scan(code)
    assert result.status is Status.OK
    assert result.unsynced and result.attendee is None and result.attendee_id == stranger
    assert engine.scan(code).status is Status.ALREADY_IN
    s = stats.compute(ef)
    assert s.unsynced == 1 and s.checked_in == 1


def test_newer_badge_than_this_station_knows_is_admitted_as_unsynced(ef, engine, people) -> None:
    newer = event.signer(ef).code(people[0].id, 2)  # reissued at another desk
    result = engine.scan(newer)
    assert result.status is Status.OK and result.unsynced


def test_exit_and_re_entry(ef, engine, people, clock) -> None:
    code = code_of(ef, people[0])
    assert engine.scan(code).ok
    clock.advance(1000)
    out = engine.scan(code, direction="exit")
    assert out.ok and out.was_inside is True
    assert stats.compute(ef).inside == 0
    clock.advance(1000)
    back = engine.scan(code)
    assert back.ok and back.previous is not None
    s = stats.compute(ef)
    assert (s.checked_in, s.inside) == (1, 1)


def test_exit_without_entry_is_recorded(ef, engine, people) -> None:
    result = engine.scan(code_of(ef, people[1]), direction="exit")
    assert result.ok and result.was_inside is False
    assert stats.compute(ef).inside == 0


def test_lists_are_independent(ef, engine, people, clock) -> None:
    from checkin.event import settings

    settings.update(ef, clock, {"lists": [
        {"id": "main", "ko": "본 행사장", "en": "Main hall"},
        {"id": "lunch", "ko": "점심", "en": "Lunch"},
    ]})  # fmt: skip
    code = code_of(ef, people[0])
    assert engine.scan(code).ok
    assert engine.scan(code, list="lunch").ok
    assert engine.scan(code, list="lunch").status is Status.ALREADY_IN
    assert stats.compute(ef, "lunch").checked_in == 1


def test_unknown_list_is_refused(engine, ef, people) -> None:
    with pytest.raises(errors.InvalidInput):
        engine.scan(code_of(ef, people[0]), list="dinner")


def test_undo_is_an_event_not_a_delete(ef, engine, people, clock) -> None:
    result = engine.scan(code_of(ef, people[0]))
    undo = engine.undo(people[0].id, reason="scanned the wrong badge", operator="vol-3")
    assert undo.undoes == result.checkin.id and undo.action == "undo"
    assert ef.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 2
    assert stats.compute(ef).checked_in == 0
    assert engine.scan(code_of(ef, people[0])).ok
    with pytest.raises(errors.InvalidInput):
        engine.undo(people[0].id, reason="  ")


def test_undo_by_checkin_id_and_nothing_to_undo(ef, engine, people) -> None:
    with pytest.raises(errors.NothingToUndo):
        engine.undo(people[1].id, reason="x")
    result = engine.check_in(people[1].id)
    engine.undo(checkin_id=result.checkin.id, reason="oops")
    with pytest.raises(errors.NothingToUndo):
        engine.undo(checkin_id=result.checkin.id, reason="again")


def test_check_in_by_id(ef, engine, people) -> None:
    assert engine.check_in(people[3].id).ok
    assert engine.check_in(people[3].id).status is Status.ALREADY_IN
    with pytest.raises(errors.AttendeeNotFound):
        engine.check_in("0" * 16)


def test_rebuild_matches_incremental_state(ef, engine, people, clock) -> None:
    code = code_of(ef, people[0])
    for direction in ("entry", "exit", "entry"):
        clock.advance(1000)
        engine.scan(code, direction=direction)
    engine.check_in(people[1].id)
    engine.undo(people[1].id, reason="test")
    before = ef.conn.execute("SELECT * FROM attendance ORDER BY attendee_id, list").fetchall()
    with ef.write() as conn:
        for (aid,) in conn.execute("SELECT DISTINCT attendee_id FROM checkins").fetchall():
            rebuild_attendance(conn, aid, "main")
    after = ef.conn.execute("SELECT * FROM attendance ORDER BY attendee_id, list").fetchall()
    assert before == after


def test_stats_by_category_and_station(ef, engine, people) -> None:
    engine.scan(code_of(ef, people[0]), station="1번 출입구")
    engine.scan(code_of(ef, people[1]), station="1번 출입구")
    engine.scan(code_of(ef, people[2]), station="2번 출입구")
    s = stats.compute(ef)
    assert (s.expected, s.checked_in, s.inside) == (5, 3, 3)
    assert s.by_station == {"1번 출입구": 2, "2번 출입구": 1}
    by_cat = {c.category: (c.checked_in, c.expected) for c in s.by_category}
    assert by_cat["defector"] == (1, 1) and by_cat["official"] == (0, 1)


def test_clock_going_backwards_keeps_log_order(ef, engine, people, clock) -> None:
    engine.scan(code_of(ef, people[0]))
    clock.advance(-3_600_000)  # laptop clock corrected by an hour
    engine.scan(code_of(ef, people[0]), direction="exit")
    rows = ef.conn.execute("SELECT action, hlc FROM checkins ORDER BY hlc").fetchall()
    assert [r[0] for r in rows] == ["entry", "exit"]
    assert stats.compute(ef).inside == 0


def test_scan_only_station_verifies_but_cannot_register(ef, people, clock, tmp_path) -> None:
    genuine = code_of(ef, people[0])
    with ef.write() as conn:
        conn.execute("DELETE FROM secrets")
        conn.execute("UPDATE local SET role = 'scan-only'")
    engine = CheckinEngine(ef, clock)
    assert engine.scan(genuine).status is Status.OK
    private_code = codes.BadgeSigner(event.info(ef).event_id, b"\x01" * 32)
    assert engine.scan(private_code.code(people[1].id, 1)).status is Status.INVALID
    with pytest.raises(errors.NotAllowed):
        attendees.add_attendee(ef, clock, display_name="새 사람")
    with pytest.raises(errors.NotAllowed):
        event.signer(ef)
