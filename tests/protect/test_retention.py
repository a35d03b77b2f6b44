"""Closing an event: report first, then personal data wiped from every table and byte."""

from __future__ import annotations

import pytest

from checkin import errors
from checkin.badges import service as badges
from checkin.door import stats
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.models import Status
from checkin.people import attendees, search
from checkin.protect import retention
from consents import all_agreed

NAMES = ["김민수", "이영희", "John Smith", "박지수"]
SECRETS = ["010-1234-5678", "john@example.org", "가족 연락 금지", "휠체어", "새터민연대"]


def file_bytes(ef) -> bytes:
    data = ef.path.read_bytes()
    for suffix in ("-wal", "-shm"):
        side = ef.path.with_name(ef.path.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def assert_no_personal_bytes(ef, texts=NAMES + SECRETS) -> None:
    raw = file_bytes(ef)
    for text in texts:
        assert text.encode() not in raw, text


@pytest.fixture
def crowd(ef, clock):
    people = attendees.add_attendees(
        ef,
        clock,
        all_agreed([
            {"display_name": "김민수", "category": "defector", "phone": "010-1234-5678"},
            {"display_name": "한별", "full_name": "이영희", "category": "family",
             "notes": "가족 연락 금지", "organization": "새터민연대"},
            {"display_name": "John Smith", "category": "press", "email": "john@example.org"},
            {"display_name": "박지수", "category": "volunteer", "access_needs": "휠체어"},
        ]),
    )  # fmt: skip
    engine = CheckinEngine(ef, clock)
    for person in people[:3]:
        clock.advance(30_000)
        engine.check_in(person.id, method="search")
    engine.undo(people[2].id, reason="John Smith 아님, 김민수 동생")
    return people


def test_close_writes_the_report_then_wipes_every_personal_field(ef, clock, crowd, tmp_path):
    before = stats.compute(ef)
    # the text is in the file before (a test that cannot fail otherwise)
    ef.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert "김민수".encode() in file_bytes(ef)

    report = tmp_path / "final-report.pdf"
    result = retention.close_event(ef, clock, report)

    assert report.read_bytes().startswith(b"%PDF")
    assert result.checked_in == before.checked_in == 2
    assert result.attendees == 4
    after = stats.compute(ef)
    assert (after.checked_in, after.expected) == (before.checked_in, before.expected)
    assert after.by_category == before.by_category
    rows = ef.conn.execute(
        "SELECT reg_no, category, display_name, full_name, organization, phone, email, notes, "
        "access_needs FROM attendees ORDER BY reg_no"
    ).fetchall()
    assert [r[:2] for r in rows] == [
        ("DD-0001", "defector"), ("DD-0002", "family"), ("DD-0003", "press"),
        ("DD-0004", "volunteer"),
    ]  # fmt: skip
    assert all(not any(r[2:]) for r in rows)
    # the change log, search index and free-text reasons are wiped too
    assert not search.search(ef.conn, "김민수") and not search.search(ef.conn, "5678")
    assert search.search(ef.conn, "DD-0002")
    for (fields,) in ef.conn.execute("SELECT fields FROM changes WHERE entity = 'attendee'"):
        assert not any(name in fields for name in NAMES + SECRETS)
    assert ef.conn.execute("SELECT count(*) FROM checkins WHERE reason != ''").fetchone()[0] == 0
    # and nothing is left anywhere in the bytes of the file (VACUUM, WAL truncated)
    assert_no_personal_bytes(ef)
    with ef.read() as conn:
        assert retention.is_closed(conn)
        assert retention.closed_marker(conn)["closed"] is True


def test_times_and_check_ins_survive_the_close(ef, clock, crowd, tmp_path):
    first = stats.history(ef, crowd[0].id)
    retention.close_event(ef, clock, tmp_path / "r.pdf")
    assert [(h.at_ms, h.station_name, h.action) for h in stats.history(ef, crowd[0].id)] == [
        (h.at_ms, h.station_name, h.action) for h in first
    ]
    # a scan of a wiped attendee's badge still answers "already in"
    code = event.badge_code(ef, crowd[0].id, 1)
    assert CheckinEngine(ef, clock).scan(code).status is Status.ALREADY_IN


def test_without_a_report_nothing_is_wiped(ef, clock, crowd, tmp_path):
    with pytest.raises(errors.InvalidInput):
        retention.close_event(ef, clock, tmp_path / "missing-folder" / "r.pdf")
    with ef.read() as conn:
        assert not retention.is_closed(conn)
    assert attendees.find(ef, "DD-0001").display_name == "김민수"


def test_a_closed_event_accepts_no_new_personal_data(ef, clock, crowd, tmp_path):
    retention.close_event(ef, clock, tmp_path / "r.pdf")
    with pytest.raises(retention.EventClosed):
        attendees.add_attendee(ef, clock, display_name="새 사람", category="guest")
    with pytest.raises(retention.EventClosed):
        attendees.update(ef, clock, crowd[0].id, {"phone": "010-0000-0000"})


def test_migration_backups_are_removed_and_closing_twice_is_harmless(ef, clock, crowd, tmp_path):
    backup = ef.path.with_name(ef.path.name + ".before-m004_x.bak")
    backup.write_bytes(ef.path.read_bytes())
    result = retention.close_event(ef, clock, tmp_path / "r.pdf")
    assert result.removed_backups == [backup.name] and not backup.exists()
    again = retention.close_event(ef, clock, tmp_path / "r2.pdf")
    assert again.already_closed
    markers = ef.conn.execute(
        "SELECT count(*) FROM changes WHERE entity = 'setting' AND entity_id = ?",
        (retention.CLOSED_KEY,),
    ).fetchone()[0]
    assert markers == 1


def test_print_log_reasons_are_wiped(ef, clock, crowd, tmp_path):
    badges.record_prints(ef, clock, [crowd[0]], layout="cr80", output="pdf", reason="김민수 분실")
    retention.close_event(ef, clock, tmp_path / "r.pdf")
    assert ef.conn.execute("SELECT count(*) FROM print_log").fetchone()[0] == 1
    assert_no_personal_bytes(ef, ["김민수 분실"])


def test_closing_an_event_with_a_pin_needs_the_organizer(ef, clock, crowd, tmp_path):
    from checkin.protect import pin as pin_mod
    from checkin.protect.access import Access

    pin_mod.set_pin(ef, clock, "24680")
    report = tmp_path / "final.pdf"
    with pytest.raises(errors.OrganizerRequired):
        retention.close_event(ef, clock, report)
    assert not report.exists()
    with ef.read() as conn:
        assert not retention.is_closed(conn)
    access = Access.for_file(ef, clock)
    assert access.elevate(ef, "24680").ok
    result = retention.close_event(ef, clock, report, access=access)
    assert result.attendees == len(crowd) and report.read_bytes().startswith(b"%PDF")
