"""Bundles between stations: round trips, idempotence, rejection that changes nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from sync_support import Stations

from checkin import errors
from checkin.door.engine import CheckinEngine
from checkin.errors import CheckinError
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.models import Status
from checkin.people import attendees
from checkin.sync import bundle, dump, provision, report, state
from checkin.sync.errors import (
    BundleDamaged,
    BundleFromRetired,
    BundleKeyMismatch,
    BundleNewerSchema,
    BundleUnsigned,
    BundleWrongEvent,
    NotABundle,
    StationConflict,
    StationRetired,
)
from consents import everything


def snapshot(ef) -> str:
    return dump.digest(ef.conn)


def exchange(clock, tmp_path, sender, receiver, name="b.ckbundle"):
    path = tmp_path / name
    if path.exists():
        path.unlink()
    bundle.export_bundle(sender, path, clock)
    return bundle.import_bundle(receiver, path, clock)


def test_a_scan_at_one_door_is_already_in_at_the_other_after_sync(stations, tmp_path) -> None:
    clock = stations.clock
    door1 = stations.add("door1", "1번 출입구")
    door2 = stations.add("door2", "2번 출입구", role="scan-only")
    code = event.badge_code(stations.org, stations.people[0].id, 1)
    clock.advance(60_000)
    assert CheckinEngine(door1, clock).scan(code).status is Status.OK
    result = exchange(clock, tmp_path, door1, door2)
    assert result.imported == 1
    second = CheckinEngine(door2, clock).scan(code)
    assert second.status is Status.ALREADY_IN
    assert second.previous is not None and second.previous.station_name == "1번 출입구"


def test_importing_twice_changes_nothing(stations, tmp_path) -> None:
    clock = stations.clock
    door = stations.add("door", "Door")
    engine = CheckinEngine(door, clock)
    for person in stations.people[:3]:
        clock.advance(1000)
        engine.check_in(person.id)
    path = tmp_path / "door.ckbundle"
    bundle.export_bundle(door, path, clock)
    first = bundle.import_bundle(stations.org, path, clock)
    assert first.imported == 3
    before = snapshot(stations.org)
    again = bundle.import_bundle(stations.org, path, clock)
    assert again.imported == 0 and again.merge.already_had == 3
    assert snapshot(stations.org) == before


def test_edits_merge_field_by_field_last_writer_wins(stations, tmp_path) -> None:
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    person = stations.people[1]
    clock.advance(1000)
    attendees.update(stations.org, clock, person.id, {"organization": "통일부"})
    clock.advance(1000)
    attendees.update(desk, clock, person.id, {"display_name": "별님"})
    clock.advance(1000)
    attendees.update(desk, clock, person.id, {"organization": "하나센터"})
    exchange(clock, tmp_path, desk, stations.org, "d.ckbundle")
    exchange(clock, tmp_path, stations.org, desk, "o.ckbundle")
    for ef in (stations.org, desk):
        a = attendees.get(ef, person.id)
        assert (a.display_name, a.organization, a.full_name) == ("별님", "하나센터", "이영희")
    assert snapshot(stations.org) == snapshot(desk)


def test_settings_merge_by_key_last_writer_wins(stations, tmp_path) -> None:
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    clock.advance(1000)
    with pytest.raises(errors.NotAllowed):  # only the organizer changes settings
        settings_mod.update(desk, clock, {"venue": "DDP"})
    settings_mod.update(stations.org, clock, {"venue": "DDP"})
    clock.advance(1000)
    settings_mod.update(stations.org, clock, {"venue": "코엑스", "name_en": "Day"})
    exchange(clock, tmp_path, desk, stations.org, "d.ckbundle")
    exchange(clock, tmp_path, stations.org, desk, "o.ckbundle")
    for ef in (stations.org, desk):
        cfg = settings_mod.load(ef)
        assert (cfg.venue, cfg.name_en) == ("코엑스", "Day")
    assert snapshot(stations.org) == snapshot(desk)


def test_registration_numbers_do_not_collide_between_desks(stations, tmp_path) -> None:
    clock = stations.clock
    desk1 = stations.add("desk1", "Desk 1")
    desk2 = stations.add("desk2", "Desk 2")
    a = attendees.add_attendee(desk1, clock, display_name="워크인 하나")
    b = attendees.add_attendee(desk2, clock, display_name="워크인 둘")
    assert a.reg_no == "DD1-0001" and b.reg_no == "DD2-0001"
    exchange(clock, tmp_path, desk1, stations.org, "1.ckbundle")
    exchange(clock, tmp_path, desk2, stations.org, "2.ckbundle")
    assert report.shared_reg_numbers(stations.org) == []
    assert attendees.find(stations.org, "DD2-0001").id == b.id


def test_encrypted_event_bundles_are_encrypted(tmp_path) -> None:
    from checkin.clock import FixedClock

    clock = FixedClock(1_815_613_200_000)
    made = Stations(tmp_path, clock, passphrase="비밀 암호")
    try:
        attendees.add_attendee(
            made.org, clock, display_name="김비밀", phone="010-5555-4444", consents=everything()
        )
        desk = made.add("desk", "Desk")
        path = tmp_path / "org.ckbundle"
        attendees.add_attendee(
            made.org, clock, display_name="박보안", phone="010-7777-6666", consents=everything()
        )
        result = bundle.export_bundle(made.org, path, clock, full=True)
        assert result.encrypted
        raw = path.read_bytes()
        assert not raw.startswith(b"SQLite format 3")
        for secret in ("박보안", "010-7777-6666", "김비밀"):
            assert secret.encode() not in raw
        assert bundle.import_bundle(desk, path, clock).imported == 1
        assert attendees.find(desk, "DD-0002").display_name == "박보안"
        # another event cannot read it, and says so
        other = event.create_event(tmp_path / "other.checkin", clock=clock, passphrase="x")
        before = snapshot(other)
        with pytest.raises(BundleKeyMismatch):
            bundle.import_bundle(other, path, clock)
        assert snapshot(other) == before
        other.close()
    finally:
        made.close()


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "text"])
def test_damaged_bundles_are_refused_and_change_nothing(stations, tmp_path, damage) -> None:
    clock = stations.clock
    door = stations.add("door", "Door")
    engine = CheckinEngine(door, clock)
    for i in range(300):  # enough rows for several pages
        clock.advance(10)
        attendees_id = stations.people[i % 4].id
        engine.check_in(attendees_id, direction="exit" if i % 2 else "entry")
    path = tmp_path / "door.ckbundle"
    bundle.export_bundle(door, path, clock)
    raw = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":
        data = bytearray(raw)
        for offset in range(len(raw) // 2, len(raw) // 2 + 64):
            data[offset] ^= 0x5A
        path.write_bytes(bytes(data))
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.write_text("이것은 동기화 파일이 아닙니다\n" * 10, encoding="utf-8")
    before = snapshot(stations.org)
    with pytest.raises((BundleDamaged, NotABundle, BundleKeyMismatch)) as info:
        bundle.import_bundle(stations.org, path, clock)
    assert "Nothing was changed" in info.value.en and "변경하지 않았습니다" in info.value.ko
    assert snapshot(stations.org) == before
    assert "sync_bundle" not in {r[1] for r in stations.org.conn.execute("PRAGMA database_list")}


def _rewrite_manifest(path, change) -> None:
    conn = sqlite3.connect(path)
    body = json.loads(conn.execute("SELECT body FROM manifest").fetchone()[0])
    change(body)
    conn.execute("UPDATE manifest SET body = ?", (json.dumps(body),))
    conn.commit()
    conn.close()


def test_tampered_manifest_fails_the_checksum(stations, tmp_path) -> None:
    clock = stations.clock
    door = stations.add("door", "Door")
    CheckinEngine(door, clock).check_in(stations.people[0].id)
    path = tmp_path / "door.ckbundle"
    bundle.export_bundle(door, path, clock)
    _rewrite_manifest(path, lambda b: b["sender"].update(name="가짜"))
    with pytest.raises(BundleUnsigned):  # the signature covers the manifest
        bundle.import_bundle(stations.org, path, clock)


def test_bundles_of_another_event_or_a_newer_schema_are_refused(stations, tmp_path) -> None:
    clock = stations.clock
    other = event.create_event(tmp_path / "other.checkin", clock=clock)
    path = tmp_path / "other.ckbundle"
    bundle.export_bundle(other, path, clock)
    before = snapshot(stations.org)
    with pytest.raises(BundleWrongEvent):
        bundle.import_bundle(stations.org, path, clock)
    other.close()
    path2 = tmp_path / "org.ckbundle"
    bundle.export_bundle(stations.org, path2, clock)
    door = stations.add("door", "Door")
    _rewrite_manifest(path2, lambda b: b["schema"].append("m999_from_the_future"))
    with pytest.raises(BundleNewerSchema) as info:
        bundle.import_bundle(door, path2, clock)
    assert "m999_from_the_future" in info.value.en
    assert snapshot(stations.org) == before
    not_ours = tmp_path / "plain.db"
    conn = sqlite3.connect(not_ours)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotABundle):
        bundle.import_bundle(stations.org, not_ours, clock)


def test_retired_station_is_refused_everywhere(stations, tmp_path) -> None:
    clock = stations.clock
    lost = stations.add("lost", "분실된 노트북")
    desk = stations.add("desk", "Desk")
    engine = CheckinEngine(lost, clock)
    engine.check_in(stations.people[0].id)
    exchange(clock, tmp_path, lost, stations.org, "l1.ckbundle")
    provision.retire(stations.org, clock, "분실된 노트북")
    # after retirement the laptop keeps scanning; those rows reach the desk first
    clock.advance(5000)
    engine.check_in(stations.people[1].id)
    exchange(clock, tmp_path, lost, desk, "l2.ckbundle")
    assert desk.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 2
    before = snapshot(stations.org)
    path = tmp_path / "l3.ckbundle"
    bundle.export_bundle(lost, path, clock)
    with pytest.raises(BundleFromRetired):
        bundle.import_bundle(stations.org, path, clock)
    assert snapshot(stations.org) == before
    # the retirement travels; the desk drops the rows written after it, and converges
    exchange(clock, tmp_path, stations.org, desk, "o.ckbundle")
    assert desk.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1
    exchange(clock, tmp_path, desk, stations.org, "d.ckbundle")
    assert snapshot(stations.org) == snapshot(desk)
    # the retired laptop learns it, and cannot send any more
    bundle.export_bundle(stations.org, tmp_path / "o2.ckbundle", clock, full=True)
    bundle.import_bundle(lost, tmp_path / "o2.ckbundle", clock)
    with pytest.raises(StationRetired):
        bundle.export_bundle(lost, tmp_path / "l4.ckbundle", clock)


PERSONAL = (
    "010-1234-5678",
    "01098765432",
    "이영희",
    "john@example.org",
    "휠체어",
    "가족 연락 금지",
)


def test_scan_only_without_personal_fields_holds_none_and_relays_none(stations, tmp_path) -> None:
    clock = stations.clock
    stripped = stations.add("gate", "Gate", role="scan-only", personal=False)
    path = stripped.path
    stripped.close()
    raw = path.read_bytes()
    for value in PERSONAL:
        assert value.encode() not in raw, value
    from checkin.db.eventfile import open_event_file

    stripped = open_event_file(path)
    stations.files["gate"] = stripped
    assert not event.info(stripped).can_sign
    # a new attendee with a phone arrives by sync: stripped on the way in
    clock.advance(1000)
    late = attendees.add_attendee(
        stations.org, clock, display_name="늦은 손님", phone="010-2222-3333", consents=everything()
    )
    exchange(clock, tmp_path, stations.org, stripped, "o.ckbundle")
    assert attendees.get(stripped, late.id).phone == ""
    assert "010-2222-3333" not in json.dumps(dump.canonical_dump(stripped.conn), ensure_ascii=False)
    # a desk that never met the organizer gets only the gate's own rows from it...
    desk_path = tmp_path / "fresh-desk.checkin"
    shutil.copy(tmp_path / "organizer.checkin", desk_path)  # a file from before `late`
    CheckinEngine(stripped, clock).scan(event.badge_code(stations.org, late.id, 1))
    gate_bundle = tmp_path / "gate.ckbundle"
    bundle.export_bundle(stripped, gate_bundle, clock, full=True)
    manifest = bundle.read_manifest(stations.org, gate_bundle)
    assert manifest["tables"]["changes"]["rows"] == 0
    assert manifest["tables"]["checkins"]["rows"] == 1
    # ...so the organizer's complete record is never replaced by the stripped copy
    exchange(clock, tmp_path, stripped, stations.org, "g.ckbundle")
    assert attendees.get(stations.org, late.id).phone == "010-2222-3333"


def test_a_relaying_stripped_bundle_is_not_trusted_for_others_rows(stations, tmp_path) -> None:
    """Even a hand-made stripped bundle carrying others' rows: those rows are dropped."""
    clock = stations.clock
    stripped = stations.add("gate", "Gate", role="scan-only", personal=False)
    desk = stations.add("desk", "Desk")
    clock.advance(1000)
    newcomer = attendees.add_attendee(
        desk, clock, display_name="새 사람", phone="010-3333-4444", consents=everything()
    )
    exchange(clock, tmp_path, desk, stripped, "d.ckbundle")
    path = tmp_path / "gate.ckbundle"
    bundle.export_bundle(stripped, path, clock, full=True)
    # pretend the gate were not marked stripped but still sent others' rows: it is
    # marked, so the receiver drops every row that is not the gate's own
    result = bundle.import_bundle(stations.org, path, clock)
    assert result.imported == 0
    assert attendees.get(stations.org, newcomer.id) is None


def test_copied_event_file_is_detected_and_resolved(stations, tmp_path) -> None:
    from checkin.db.eventfile import open_event_file
    from checkin.sync import copies

    clock = stations.clock
    desk = stations.add("desk", "Desk A")
    bundle.export_bundle(desk, tmp_path / "first.ckbundle", clock)  # desk is bound now
    desk.close()
    shutil.copy(tmp_path / "desk.checkin", tmp_path / "copy.checkin")  # by hand!
    desk = open_event_file(tmp_path / "desk.checkin")
    copy = open_event_file(tmp_path / "copy.checkin")
    stations.files.update(desk=desk, copy=copy)
    clock.advance(1000)
    CheckinEngine(desk, clock).check_in(stations.people[0].id)
    CheckinEngine(copy, clock).check_in(stations.people[1].id)  # same station, same seq
    exchange(clock, tmp_path, desk, stations.org, "desk.ckbundle")
    copy_bundle = tmp_path / "copy.ckbundle"
    result = bundle.export_bundle(copy, copy_bundle, clock)
    assert result.notice is not None  # the copy noticed it moved: new identity from now on
    before = snapshot(stations.org)
    with pytest.raises(StationConflict) as info:
        bundle.import_bundle(stations.org, copy_bundle, clock)
    assert "resolve-copy" in info.value.en and "resolve-copy" in info.value.ko
    assert snapshot(stations.org) == before
    # the fix, on the copy: a full bundle from the original
    full = tmp_path / "desk-full.ckbundle"
    bundle.export_bundle(desk, full, clock, full=True)
    resolved = copies.resolve_copy(copy, full, clock)
    assert resolved.moved == 1
    exchange(clock, tmp_path, copy, stations.org, "copy2.ckbundle")
    ids = {r[0] for r in stations.org.conn.execute("SELECT attendee_id FROM checkins")}
    assert ids == {stations.people[0].id, stations.people[1].id}
    assert stations.org.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 2
    exchange(clock, tmp_path, stations.org, desk, "o1.ckbundle")
    exchange(clock, tmp_path, stations.org, copy, "o2.ckbundle")
    assert snapshot(desk) == snapshot(copy) == snapshot(stations.org)


def test_one_package_on_two_kiosks_gets_a_fresh_identity_before_writing(stations, tmp_path):
    from checkin.db.eventfile import open_event_file

    clock = stations.clock
    first = stations.add("pkg", "Gate")
    first.close()
    shutil.copy(tmp_path / "pkg.checkin", tmp_path / "pkg2.checkin")
    first = open_event_file(tmp_path / "pkg.checkin")
    second = open_event_file(tmp_path / "pkg2.checkin")
    stations.files.update(pkg=first, pkg2=second)
    CheckinEngine(first, clock).check_in(stations.people[0].id)
    path = tmp_path / "first.ckbundle"
    bundle.export_bundle(first, path, clock)
    result = bundle.import_bundle(second, path, clock)  # second has written nothing yet
    assert result.merge.identity_changed
    assert event.info(second).station.station_id != event.info(first).station.station_id
    CheckinEngine(second, clock).check_in(stations.people[1].id)
    exchange(clock, tmp_path, second, stations.org, "s.ckbundle")
    assert stations.org.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 2


def test_delta_exports_send_only_what_peers_lack(stations, tmp_path) -> None:
    clock = stations.clock
    door = stations.add("door", "Door")
    engine = CheckinEngine(door, clock)
    for person in stations.people:
        clock.advance(100)
        engine.check_in(person.id)
    exchange(clock, tmp_path, door, stations.org, "1.ckbundle")
    exchange(clock, tmp_path, stations.org, door, "2.ckbundle")
    clock.advance(100)
    engine.check_in(stations.people[0].id, direction="exit")
    path = tmp_path / "3.ckbundle"
    result = bundle.export_bundle(door, path, clock)
    assert result.total == 1
    assert bundle.export_bundle(door, tmp_path / "4.ckbundle", clock, full=True).total > 1


def test_double_entries_are_reported_with_when_and_where(stations, tmp_path) -> None:
    clock = stations.clock
    door1 = stations.add("door1", "1번 출입구")
    door2 = stations.add("door2", "2번 출입구")
    person = stations.people[2]
    clock.advance(60_000)
    CheckinEngine(door1, clock).check_in(person.id)
    clock.advance(90_000)
    CheckinEngine(door2, clock).check_in(person.id)  # offline: door 2 cannot know
    clock.advance(1000)
    CheckinEngine(door2, clock).check_in(stations.people[3].id)
    exchange(clock, tmp_path, door1, stations.org, "1.ckbundle")
    exchange(clock, tmp_path, door2, stations.org, "2.ckbundle")
    doubles = report.double_entries(stations.org)
    assert len(doubles) == 1
    d = doubles[0]
    assert d.attendee_id == person.id and d.display_name == "John Smith"
    assert (d.first.station_name, d.second.station_name) == ("1번 출입구", "2번 출입구")
    assert d.second.at_ms - d.first.at_ms == 90_000
    # an undo of the second admission clears it
    CheckinEngine(stations.org, clock).undo(checkin_id=d.second.checkin_id, reason="중복")
    assert report.double_entries(stations.org) == []


def test_organizer_only_provisions_and_retires(stations, tmp_path) -> None:
    from checkin.errors import InvalidInput, NotAllowed

    desk = stations.add("desk", "Desk")
    with pytest.raises(NotAllowed):
        provision.provision(desk, tmp_path / "x.checkin", stations.clock, station_name="X",
                            role="desk")  # fmt: skip
    with pytest.raises(NotAllowed):
        provision.retire(desk, stations.clock, "본부")
    with pytest.raises(InvalidInput):
        provision.provision(stations.org, tmp_path / "y.checkin", stations.clock,
                            station_name="Y", role="desk", personal=False)  # fmt: skip
    assert not (tmp_path / "x.checkin").exists() and not (tmp_path / "y.checkin").exists()
    with pytest.raises(InvalidInput):
        provision.retire(stations.org, stations.clock, "본부")


def test_clock_goes_forward_after_merge(stations, tmp_path) -> None:
    """A laptop whose clock is behind still orders its next edit after what it merged."""
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    person = stations.people[0]
    attendees.update(stations.org, clock, person.id, {"organization": "앞선 시계"})
    exchange(clock, tmp_path, stations.org, desk, "o.ckbundle")
    from checkin.clock import FixedClock

    behind = FixedClock(clock.now_ms() - 10 * 60_000)  # ten minutes slow
    attendees.update(desk, behind, person.id, {"organization": "느린 시계"})
    exchange(clock, tmp_path, desk, stations.org, "d.ckbundle")
    assert attendees.get(stations.org, person.id).organization == "느린 시계"
    with desk.read() as conn:
        assert state.me(conn).hlc > state.me(stations.org.conn).hlc - (1 << 40)


def test_the_same_bundle_again_is_a_quick_no_op_but_still_verified(stations, tmp_path) -> None:
    clock = stations.clock
    door = stations.add("door", "Door")
    CheckinEngine(door, clock).check_in(stations.people[0].id)
    path = tmp_path / "door.ckbundle"
    bundle.export_bundle(door, path, clock)
    assert bundle.import_bundle(stations.org, path, clock).imported == 1
    known = stations.org.conn.execute("SELECT count(*) FROM sync_imported").fetchone()[0]
    assert known == 1
    again = bundle.import_bundle(stations.org, path, clock)
    assert again.imported == 0 and again.merge.already_had >= 1
    # a damaged (truncated) copy of a known bundle is still refused
    data = path.read_bytes()
    damaged = tmp_path / "damaged.ckbundle"
    damaged.write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckinError):
        bundle.import_bundle(stations.org, damaged, clock)


def test_consent_given_at_a_desk_syncs_like_other_fields(stations, tmp_path) -> None:
    from checkin.protect import consent

    clock = stations.clock
    desk = stations.add("desk", "Desk")
    clock.advance(1000)
    walk_in = attendees.add_attendee(
        desk, clock, "JK", display_name="새봄", category="guest", **consent.given(clock)
    )
    person = stations.people[2]
    clock.advance(1000)
    attendees.update(desk, clock, person.id, consent.given(clock), "JK")
    given_at = clock.now_ms()
    exchange(clock, tmp_path, desk, stations.org, "d.ckbundle")
    for a_id, at in ((walk_in.id, walk_in.consent_at), (person.id, given_at)):
        a = attendees.get(stations.org, a_id)
        assert (a.consent_at, a.consent_version) == (at, consent.VERSION)
    # a later withdrawal at the organizer wins at the desk too
    clock.advance(1000)
    attendees.update(stations.org, clock, person.id, consent.withdrawn())
    exchange(clock, tmp_path, stations.org, desk, "o.ckbundle")
    assert attendees.get(desk, person.id).consent_at is None
    assert snapshot(stations.org) == snapshot(desk)
