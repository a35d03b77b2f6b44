"""Forged hub rows, written by someone holding only the hub's database password.

Each forgery is refused (counted in ``refused``) and changes nothing that sync carries
on the stations (``dump.digest``: the logs and everything derived from them).
"""

from __future__ import annotations

import json

import psycopg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from checkin.door.engine import CheckinEngine
from checkin.protect import pin, retention
from checkin.sync import dump, hub, hub_rows, trust
from checkin.sync.keys import View


def key_of(ef):
    key = trust.own_key(ef.conn)
    assert key is not None
    return key


def own_id(ef) -> str:
    return ef.conn.execute("SELECT station_id FROM local").fetchone()[0]


def _insert(hub_url, event_id, log_name, station_id, seq, hlc, digest, payload):
    with psycopg.connect(hub_url) as pg:
        pg.execute(
            "INSERT INTO checkin_hub_sealed (event_id, log, station_id, seq, hlc, digest, "
            "bare_payload, pushed_by) VALUES (%s, %s, %s, %s, %s, %s, %s, 'attacker')",
            (event_id, log_name, station_id, seq, hlc, digest, payload),
        )


def _setting_item(station_id, seq, hlc, key, value):
    return {
        "station_id": station_id, "seq": seq, "hlc": hlc, "at_ms": 1, "entity": "setting",
        "entity_id": key, "op": "update",
        "fields": json.dumps({"value": value}, ensure_ascii=False, sort_keys=True),
        "operator": "",
    }  # fmt: skip


def _plain(item) -> bytes:
    return json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def test_hub_password_alone_cannot_close_inject_or_wipe(stations, hub_url):
    clock = stations.clock
    org = stations.org
    desk = stations.add("desk", "Desk")
    door = stations.add("door", "Door", role="scan-only")
    CheckinEngine(desk, clock).check_in(stations.people[0].id)
    for ef in (org, desk, door, org):
        hub.sync_hub(ef, hub_url, clock)
    event_id = org.conn.execute("SELECT event_id FROM event").fetchone()[0]
    before = {name: dump.digest(ef.conn) for name, ef in (("org", org), ("desk", desk))}
    # 1. the closed flag, set by hand
    with psycopg.connect(hub_url) as pg:
        pg.execute("INSERT INTO checkin_hub_closed (event_id) VALUES (%s) ON CONFLICT DO NOTHING",
                   (event_id,))  # fmt: skip
    # 2. a close marker sealed with the event's real hub key (a stronger attacker), signed
    # by a key of the attacker's own in the organizer's name
    vkeys = hub_rows.view_keys(org.conn)
    org_id = own_id(org)
    marker = _setting_item(org_id, 900, 1 << 60, retention.CLOSED_KEY, {"closed": True})
    aad = hub_rows.aad(event_id, "changes", org_id, 900)
    digest, sealed = hub_rows.seal(Ed25519PrivateKey.generate(), org_id, vkeys[View.BARE], aad,
                                   _plain(marker))  # fmt: skip
    _insert(hub_url, event_id, "changes", org_id, 900, 1 << 60, digest, sealed)
    # 3. a PIN change signed by the door's real (scan-only) key, with a made-up setting sig
    door_id = own_id(door)
    item = _setting_item(door_id, 901, 1 << 60, pin.SETTING_KEY, pin.hash_pin("0000"))
    aad = hub_rows.aad(event_id, "changes", door_id, 901)
    digest, sealed = hub_rows.seal(key_of(door), door_id, vkeys[View.BARE], aad, _plain(item),
                                   b"\x00" * 64)  # fmt: skip
    _insert(hub_url, event_id, "changes", door_id, 901, 1 << 60, digest, sealed)
    # 4. a desk's genuine row rewritten (a "wipe" of its check-in), signature kept
    with psycopg.connect(hub_url) as pg:
        pg.execute(
            "UPDATE checkin_hub_sealed SET bare_payload = overlay(bare_payload placing "
            "'\\x00'::bytea from length(bare_payload) for 1) WHERE log = 'checkins'"
        )
    for name, ef in (("desk", desk), ("org", org)):
        with ef.write() as w:  # pull everything again
            w.execute("DELETE FROM sync_local WHERE key LIKE 'hub%'")
        result = hub.sync_hub(ef, hub_url, clock, push=False)
        assert result.refused >= 2, result.to_json()
        assert dump.digest(ef.conn) == before[name]
        assert not retention.is_closed(ef.conn)
        assert not pin.has_pin(ef)


def test_hub_rows_are_signed_by_a_certified_station(stations, hub_url):
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    CheckinEngine(desk, clock).check_in(stations.people[0].id)
    hub.sync_hub(desk, hub_url, clock)
    with psycopg.connect(hub_url) as pg:
        rows = pg.execute(
            "SELECT station_id, seq, log, bare_payload FROM checkin_hub_sealed"
        ).fetchall()
    assert rows
    with desk.read() as conn:
        signer = trust.check_signer(conn, trust.own_signer(conn)[1])
        event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
        vkeys = hub_rows.view_keys(conn)
    for station_id, seq, log_name, payload in rows:
        header, _ = hub_rows.unwrap(bytes(payload))
        assert header["by"] == own_id(desk)
        aad = hub_rows.aad(event_id, log_name, station_id, seq)
        opened = hub_rows.open_sealed(bytes(payload), vkeys[View.BARE], aad,
                                      {own_id(desk): signer})  # fmt: skip
        assert opened is not None and opened.signer == signer
    result = hub.sync_hub(stations.org, hub_url, clock)
    assert result.refused == 0 and result.merge.inserted["checkins"] == 1


def test_a_retired_stations_key_adds_nothing_new_through_the_hub(stations, hub_url):
    from checkin.sync import provision

    clock = stations.clock
    desk = stations.add("desk", "Desk")
    CheckinEngine(desk, clock).check_in(stations.people[0].id)
    hub.sync_hub(desk, hub_url, clock)  # before its retirement: its check-in is good
    hub.sync_hub(stations.org, hub_url, clock)
    provision.retire(stations.org, clock, own_id(desk))
    hub.sync_hub(stations.org, hub_url, clock)
    clock.advance(1000)
    CheckinEngine(desk, clock).check_in(stations.people[1].id)
    hub.sync_hub(desk, hub_url, clock, pull=False)  # it has not heard of its retirement
    late = stations.add("late", "Late desk")
    with late.write() as w:
        w.execute("DELETE FROM checkins")
        w.execute("UPDATE stations SET seen_seq = 0")
    result = hub.sync_hub(late, hub_url, clock, push=False)
    ids = {r[0] for r in late.conn.execute("SELECT attendee_id FROM checkins")}
    assert stations.people[0].id in ids and stations.people[1].id not in ids
    assert result.refused >= 1
