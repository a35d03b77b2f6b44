"""A closed event stays closed everywhere: bundles and the hub carry the wipe, and
never bring names back. A passphrase change does not break sync."""

from __future__ import annotations

import json

import psycopg
import pytest
from sync_support import Stations

from checkin import errors
from checkin.db.eventfile import open_event_file
from checkin.door.engine import CheckinEngine
from checkin.event.rekey import change_passphrase
from checkin.people import attendees
from checkin.protect import retention
from checkin.sync import bundle, hub, hub_rows, trust
from checkin.sync.keys import View
from consents import everything

SECRETS = ["김민수", "이영희", "John Smith", "010-1234-5678", "john@example.org", "가족 연락 금지"]
WALK_IN = "최수경"


def raw(ef) -> bytes:
    data = ef.path.read_bytes()
    for suffix in ("-wal", "-shm"):
        side = ef.path.with_name(ef.path.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def assert_clean(ef, texts=SECRETS) -> None:
    data = raw(ef)
    for text in texts:
        assert text.encode() not in data, text
    assert not ef.conn.execute(
        "SELECT count(*) FROM attendees WHERE display_name != ''"
    ).fetchone()[0]


def send(clock, tmp_path, sender, receiver, *, full=False, name="b.ckbundle"):
    path = tmp_path / name
    path.unlink(missing_ok=True)
    bundle.export_bundle(sender, path, clock, full=full)
    return bundle.import_bundle(receiver, path, clock)


def checkpoint(ef) -> None:
    ef.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_only_the_organizer_closes(stations, tmp_path):
    desk = stations.add("desk", "접수")
    with pytest.raises(errors.NotAllowed):
        retention.close_event(desk, stations.clock, tmp_path / "r.pdf")


def test_a_desk_wipes_when_the_closed_marker_arrives_by_bundle(stations, tmp_path):
    clock = stations.clock
    desk = stations.add("desk", "접수")
    CheckinEngine(desk, clock).check_in(stations.people[0].id, method="search")
    send(clock, tmp_path, desk, stations.org)
    checkpoint(desk)
    assert "김민수".encode() in raw(desk)  # there before: the test can fail
    retention.close_event(stations.org, clock, tmp_path / "report.pdf")
    result = send(clock, tmp_path, stations.org, desk)
    assert result.imported >= 1
    with desk.read() as conn:
        assert retention.is_closed(conn)
    assert_clean(desk)
    # the counts survive at the desk too
    assert desk.conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == 1


def test_a_stale_bundle_never_brings_names_back(stations, tmp_path):
    clock = stations.clock
    desk = stations.add("desk", "접수")
    # the desk registers a walk-in and has not synced when the organizer closes
    attendees.add_attendee(desk, clock, display_name=WALK_IN, category="guest",
                           phone="010-5555-4444", consents=everything())  # fmt: skip
    retention.close_event(stations.org, clock, tmp_path / "report.pdf")
    # a full bundle from the desk: every row with every name
    result = send(clock, tmp_path, desk, stations.org, full=True)
    assert result.imported >= 1
    org = stations.org
    assert org.conn.execute("SELECT count(*) FROM attendees").fetchone()[0] == 5
    retention.vacuum(org)
    assert_clean(org, [*SECRETS, WALK_IN, "010-5555-4444"])
    # and the other way: the desk then gets the marker and wipes its walk-in too
    send(clock, tmp_path, org, desk)
    assert_clean(desk, [*SECRETS, WALK_IN, "010-5555-4444"])
    # further syncs in both directions are quiet (no conflict between wiped copies)
    send(clock, tmp_path, desk, org, full=True)
    send(clock, tmp_path, org, desk, full=True)


def hub_plaintexts(hub_url: str, ef) -> list[str]:
    """Every view of every hub row, opened with the keys of ``ef`` (the organizer's)."""
    with ef.read() as conn:
        vkeys = hub_rows.view_keys(conn)
        event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
        signers = {s["station_id"]: trust.check_signer(conn, s) for s in trust.known_certs(conn)}
    out = []
    with psycopg.connect(hub_url) as pg:
        for log_name, station_id, seq, *payloads in pg.execute(
            "SELECT log, station_id, seq, full_payload, door_payload, bare_payload "
            "FROM checkin_hub_sealed"
        ):
            aad = hub_rows.aad(event_id, log_name, station_id, seq)
            for view, payload in zip((View.FULL, View.DOOR, View.BARE), payloads, strict=True):
                if payload is None:
                    continue
                opened = hub_rows.open_sealed(bytes(payload), vkeys[view], aad, signers)
                assert opened is not None  # every row is signed by its pusher
                out.append(opened.plain.decode())
    return out


def test_the_hub_and_every_station_are_wiped_through_the_hub(stations, hub_url, tmp_path):
    clock = stations.clock
    org = stations.org
    desk = stations.add("desk", "접수")
    door = stations.add("door", "출입구", role="scan-only")
    for ef in (org, desk, door):
        hub.sync_hub(ef, hub_url, clock)
    CheckinEngine(door, clock).check_in(stations.people[1].id, method="search")
    hub.sync_hub(door, hub_url, clock)
    assert any("김민수" in text for text in hub_plaintexts(hub_url, org))  # can fail
    # the desk registers someone after the close, before its next sync
    retention.close_event(org, clock, tmp_path / "report.pdf")
    clock.advance(1000)
    attendees.add_attendee(desk, clock, display_name=WALK_IN, category="guest")
    result = hub.sync_hub(org, hub_url, clock)
    assert result.wiped > 0
    texts = hub_plaintexts(hub_url, org)
    assert not any(s in t for s in SECRETS for t in texts)
    # the desk syncs: it wipes itself first, then its walk-in reaches the hub wiped
    hub.sync_hub(desk, hub_url, clock)
    assert_clean(desk, [*SECRETS, WALK_IN])
    hub.sync_hub(door, hub_url, clock)
    assert_clean(door)
    hub.sync_hub(org, hub_url, clock)
    assert_clean(org, [*SECRETS, WALK_IN])
    assert not any(s in t for s in [*SECRETS, WALK_IN] for t in hub_plaintexts(hub_url, org))
    counts = {ef.conn.execute("SELECT count(*) FROM attendees").fetchone()[0] for ef in (org, desk)}
    assert counts == {5}
    assert json.loads(
        org.conn.execute(
            "SELECT value FROM settings WHERE key = ?", (retention.CLOSED_KEY,)
        ).fetchone()[0]
    )["closed"]


def test_sync_keeps_working_after_a_passphrase_change(tmp_path, clock, hub_url):
    made = Stations(tmp_path, clock, passphrase="처음 암호")
    try:
        attendees.add_attendee(made.org, clock, display_name="김민수", category="defector")
        desk = made.add("desk", "접수")
        path = made.org.path
        made.org.close()
        change_passphrase(path, "처음 암호", "새로운 암호 2027")
        org = open_event_file(path, "새로운 암호 2027")
        made.files["org"] = made.org = org
        with pytest.raises(errors.WrongPassphrase):
            open_event_file(path, "처음 암호")
        CheckinEngine(desk, clock).check_in(attendees.find(desk, "DD-0001").id, method="search")
        assert send(clock, tmp_path, desk, org).imported == 1
        star = attendees.add_attendee(org, clock, display_name="한별", category="family")
        assert send(clock, tmp_path, org, desk).imported >= 1
        assert attendees.get(desk, star.id).display_name == "한별"
        # the hub too
        hub.sync_hub(org, hub_url, clock)
        hub.sync_hub(desk, hub_url, clock)
        # and after removing the passphrase altogether
        org.close()
        change_passphrase(path, "새로운 암호 2027", None)
        org = open_event_file(path)
        made.files["org"] = made.org = org
        clock.advance(1000)
        walk_in = attendees.add_attendee(desk, clock, display_name="박지수", category="guest")
        hub.sync_hub(desk, hub_url, clock)
        assert hub.sync_hub(org, hub_url, clock).imported >= 1
        assert attendees.get(org, walk_in.id).display_name == "박지수"
    finally:
        made.close()


def test_a_passphrase_change_keeps_the_stations_identity(tmp_path, clock):
    """The re-encrypted file replaces the old one under a new inode; sync must not take
    it for a hand-made copy (a new station number, new registration numbers)."""
    from checkin.event import identity as event
    from checkin.sync import state

    made = Stations(tmp_path, clock, passphrase="처음 암호")
    try:
        attendees.add_attendee(made.org, clock, display_name="김민수", category="defector")
        desk = made.add("desk", "접수")
        send(clock, tmp_path, made.org, desk)  # the organizer's file is bound where it lives
        before = event.info(made.org).station
        path = made.org.path
        made.org.close()
        change_passphrase(path, "처음 암호", "새로운 암호 2027")
        org = open_event_file(path, "새로운 암호 2027")
        made.files["org"] = made.org = org
        assert state.ensure_identity(org, clock.now_ms()) is None  # no "copied" notice
        send(clock, tmp_path, org, desk, name="again.ckbundle")
        after = event.info(org).station
        assert (after.station_id, after.station_no) == (before.station_id, before.station_no)
        added = attendees.add_attendee(org, clock, display_name="한별", category="family")
        assert added.reg_no == "DD-0002"  # the same numbering goes on
    finally:
        made.close()
