"""Group check-ins (one transaction, one undo) and check-only scans (nothing recorded)."""

from __future__ import annotations

import pytest

from checkin import errors
from checkin.door import codes, modes, outcomes
from checkin.door.outcomes import Kind
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.ids import new_attendee_id, new_event_id
from checkin.models import Status
from checkin.people import attendees, groups


def _log(ef):
    return ef.execute("SELECT attendee_id, action, method FROM checkins ORDER BY hlc").fetchall()


@pytest.fixture
def family(ef, clock):
    rows = [{"display_name": n, "category": "family", "group_name": "김씨 가족"}
            for n in ("김하나", "김두리", "김세찬", "김넷")]  # fmt: skip
    return attendees.add_attendees(ef, clock, rows)


def test_group_check_in_writes_every_member_in_one_go(ef, engine, family, clock) -> None:
    first = engine.scan(event.badge_code(ef, family[0].id, 1))
    assert first.ok
    engine.check_in(family[2].id)  # came in earlier on their own
    attendees.cancel(ef, clock, family[3].id)
    results = engine.check_in_group([m.id for m in family[1:]], operator="KJ")
    assert [r.status for r in results] == [Status.OK, Status.ALREADY_IN, Status.CANCELLED]
    assert results[0].checkin.method == "group" and results[0].checkin.operator == "KJ"
    assert (family[1].id, "entry", "group") in _log(ef)
    inside = dict(ef.execute("SELECT attendee_id, inside FROM attendance").fetchall())
    assert inside == {family[0].id: 1, family[1].id: 1, family[2].id: 1}


def test_group_check_in_is_all_or_nothing(ef, engine, family) -> None:
    before = _log(ef)
    with pytest.raises(errors.AttendeeNotFound):
        engine.check_in_group([family[0].id, new_attendee_id()])
    assert _log(ef) == before
    with pytest.raises(errors.InvalidInput):
        engine.check_in_group([family[0].id], list="nowhere")
    assert _log(ef) == before


def test_undo_group_undoes_them_all_and_refuses_twice(ef, engine, family) -> None:
    first = engine.scan(event.badge_code(ef, family[0].id, 1))
    rest = engine.check_in_group([m.id for m in family[1:3]])
    ids = [first.checkin.id, *(r.checkin.id for r in rest)]
    undone = engine.undo_group(ids, reason="wrong family")
    assert {u.undoes for u in undone} == set(ids)
    assert ef.execute("SELECT count(*) FROM attendance WHERE inside = 1").fetchone()[0] == 0
    again = _log(ef)
    with pytest.raises(errors.NothingToUndo):
        engine.undo_group(ids, reason="again")
    assert _log(ef) == again
    with pytest.raises(errors.InvalidInput):
        engine.undo_group(ids, reason="  ")


def test_validate_reports_without_recording(ef, engine, family, clock) -> None:
    code = event.badge_code(ef, family[0].id, 1)
    fresh = engine.validate(code)
    assert fresh.check_only and fresh.status is Status.OK and fresh.previous is None
    assert fresh.attendee.display_name == "김하나" and fresh.checkin is None
    assert fresh.kind is Kind.CHECK_VALID  # its own words: never "checked in"
    assert outcomes.outcome(fresh.kind).title.pick("ko") == "유효한 명찰 — 입장 기록 없음"
    engine.scan(code)
    clock.advance(60_000)
    inside = engine.validate(code)
    assert inside.status is Status.ALREADY_IN and inside.was_inside
    assert inside.previous is not None and inside.previous.station_name == "HQ"
    assert inside.kind is Kind.CHECK_INSIDE and not outcomes.outcome(inside.kind).problem
    told = outcomes.detail(inside, "Asia/Seoul")
    assert told is not None and "HQ" in told.text.en and "HQ" in told.text.ko
    assert len(_log(ef)) == 1  # the entry; the checks wrote nothing
    attendees.cancel(ef, clock, family[1].id)
    cancelled = engine.validate(event.badge_code(ef, family[1].id, 1))
    assert cancelled.status is Status.CANCELLED and cancelled.kind is Kind.CANCELLED
    attendees.reissue(ef, clock, family[2].id)
    assert engine.validate(event.badge_code(ef, family[2].id, 1)).status is Status.SUPERSEDED
    assert engine.validate("hello").status is Status.INVALID
    private, _ = codes.new_key_pair()
    other = codes.BadgeSigner(new_event_id(), private).code(new_attendee_id(), 1)
    assert engine.validate(other).status is Status.WRONG_EVENT
    attempts = ef.execute("SELECT action, status FROM scan_attempts ORDER BY id").fetchall()
    assert attempts == [("check", "cancelled"), ("check", "superseded"), ("check", "invalid"),
                        ("check", "wrong_event")]  # fmt: skip
    assert len(_log(ef)) == 1


def test_door_mode_is_the_organizers_setting_per_station(ef, clock) -> None:
    own = event.info(ef).station.station_id
    assert modes.mode_of(settings_mod.load(ef).extra, own) == modes.ENTRY
    done = modes.set_mode(ef, clock, "HQ", "check-only")
    assert done == {"station_id": own, "station": "HQ", "mode": modes.CHECK_ONLY, "own": True}
    assert modes.is_check_only(ef)
    listed = modes.stations(ef)
    assert [(s.name, s.mode, s.own) for s in listed] == [("HQ", modes.CHECK_ONLY, True)]
    modes.set_mode(ef, clock, own, "entry")
    assert not modes.is_check_only(ef)
    with pytest.raises(errors.InvalidInput) as caught:
        modes.set_mode(ef, clock, "HQ", "sideways")
    assert "확인 전용" in caught.value.ko
    with pytest.raises(errors.InvalidInput):
        modes.set_mode(ef, clock, "no such door", "entry")


def test_group_offer_reads_are_cheap_for_people_alone(ef, engine, clock) -> None:
    alone = attendees.add_attendee(ef, clock, display_name="혼자")
    result = engine.check_in(alone.id)
    with ef.read() as conn:
        assert groups.offer(conn, alone.id, result.attendee.group_key, "main") is None
