"""No offline PIN search from a door kiosk's file (issue 21).

The organizer PIN has 4-12 digits: whoever holds its scrypt hash finds it in minutes.
A scan-only kiosk's file holds no verifier of it, neither in any table nor in its raw
bytes, after provisioning and after syncing with the organizer; it unlocks with its own
kiosk unlock code. Desks (which hold the signing key) still take the organizer PIN.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sync_support import EVENT_MORNING_MS, Stations

from checkin.clock import FixedClock
from checkin.db.eventfile import open_event_file
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.protect import pin
from checkin.sync import bundle, provision

PIN = "2468"


@pytest.fixture
def org_stations(tmp_path):
    clock = FixedClock(EVENT_MORNING_MS)
    made = Stations(tmp_path, clock)  # not encrypted: the raw bytes can be searched
    attendees.add_attendees(made.org, clock, [{"display_name": "김민지", "category": "defector"}])
    yield made
    made.close()


def pin_hashes(org) -> list[dict]:
    """Every PIN hash the organizer's file ever held (unsealed with its key)."""
    out = []
    with org.read() as conn:
        for (fields,) in conn.execute(
            "SELECT fields FROM changes WHERE entity = 'setting' AND entity_id = ?",
            (pin.SETTING_KEY,),
        ):
            stored = pin.unseal(conn, json.loads(fields).get("value"))
            if isinstance(stored, dict) and stored.get("scheme") == pin.SCHEME:
                out.append(stored)
    assert out, "the organizer's file holds a PIN hash"
    return out


def set_clear_pin(org, clock, value: str) -> None:
    """A PIN set by a version before sealing: its hash stored in the clear."""
    settings_mod.update(org, clock, {pin.SETTING_KEY: pin.hash_pin(value)})


def assert_no_verifier(path: Path, hashes: list[dict]) -> None:
    needles = [h[k] for h in hashes for k in ("hash", "salt")]
    conn = sqlite3.connect(path)  # plain SQL, no app code
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert "settings" in tables and "changes" in tables
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                text = " ".join(v.hex() if isinstance(v, bytes) else str(v) for v in row).lower()
                for needle in needles:
                    assert needle not in text, f"a PIN verifier in table {table}"
    finally:
        conn.close()
    for suffix in ("", "-wal"):
        part = Path(f"{path}{suffix}")
        if not part.exists():
            continue
        raw = part.read_bytes()
        for needle in needles:
            assert needle.encode() not in raw and bytes.fromhex(needle) not in raw, suffix


def door_package(stations, name="door"):
    made = provision.provision(
        stations.org, stations.root / f"{name}.checkin", stations.clock,
        station_name="1번 출입구", role="scan-only", personal=True,
    )  # fmt: skip
    return made


@pytest.mark.parametrize("clear_first", [False, True])
def test_a_scan_only_file_holds_no_verifier_of_the_organizer_pin(org_stations, clear_first):
    org, clock = org_stations.org, org_stations.clock
    if clear_first:  # a PIN set before sealing existed, then changed with this version
        set_clear_pin(org, clock, "1357")
        clock.advance(1000)
    pin.set_pin(org, clock, PIN)
    made = door_package(org_stations)
    assert_no_verifier(made.path, pin_hashes(org))
    door = open_event_file(made.path)
    try:
        assert not pin.verify_pin(door, PIN)  # nothing there to check it against
        assert pin.verify_pin(door, made.unlock_code)
    finally:
        door.close()


def test_a_clear_pin_hash_never_reaches_a_scan_only_file(org_stations, tmp_path):
    """An organizer still on a clear hash: the package blanks it, merges blank it."""
    org, clock = org_stations.org, org_stations.clock
    set_clear_pin(org, clock, "1357")
    made = door_package(org_stations)
    assert_no_verifier(made.path, pin_hashes(org))
    door = open_event_file(made.path)
    try:
        clock.advance(1000)
        set_clear_pin(org, clock, "9753")  # arrives by sync, in the clear
        clock.advance(1000)
        pin.set_pin(org, clock, PIN)  # and sealed
        b = tmp_path / "org.ckbundle"
        bundle.export_bundle(org, b, clock)
        got = bundle.import_bundle(door, b, clock)
        assert got.merge.inserted["changes"] >= 2
        full = tmp_path / "full.ckbundle"
        bundle.export_bundle(org, full, clock, full=True)  # everything again: no conflict
        bundle.import_bundle(door, full, clock)
    finally:
        door.close()
    assert_no_verifier(made.path, pin_hashes(org))


def test_after_a_sync_round_the_door_still_holds_no_verifier(org_stations, tmp_path):
    org, clock = org_stations.org, org_stations.clock
    pin.set_pin(org, clock, PIN)
    made = door_package(org_stations)
    desk = org_stations.add("desk", "접수 1")
    door = open_event_file(made.path)
    try:
        clock.advance(60_000)
        pin.set_pin(org, clock, "8642")  # a new PIN travels to every station
        for n, (sender, receiver) in enumerate(
            [(org, door), (org, desk), (door, org), (desk, door), (org, door)]
        ):
            path = tmp_path / f"b{n}.ckbundle"
            bundle.export_bundle(sender, path, clock)
            bundle.import_bundle(receiver, path, clock)
            clock.advance(1000)
        # the desk verifies the organizer PIN (it holds the key that unseals it)
        assert pin.verify_pin(desk, "8642") and not pin.verify_pin(desk, PIN)
        assert not pin.uses_unlock_code(desk)
        # the door: its own code, and nothing to check the PIN against
        assert pin.uses_unlock_code(door)
        assert not pin.verify_pin(door, "8642")
        assert pin.verify_pin(door, made.unlock_code)
    finally:
        door.close()
    assert_no_verifier(made.path, pin_hashes(org))


def test_the_unlock_code_is_long_random_and_local(org_stations):
    org, clock = org_stations.org, org_stations.clock
    pin.set_pin(org, clock, PIN)
    one, two = door_package(org_stations, "d1"), door_package(org_stations, "d2")
    assert one.unlock_code != two.unlock_code
    assert len(pin.clean_unlock_code(one.unlock_code)) == 12
    assert one.to_json()["unlock_code"] == one.unlock_code
    door = open_event_file(one.path)
    try:
        code = one.unlock_code
        assert pin.verify_pin(door, code.lower().replace("-", " "))  # as typed
        assert not pin.verify_pin(door, two.unlock_code)
        assert not pin.verify_pin(door, code[:-1])
        assert pin.has_pin(door)
        # never synced: not in a log, only in this file's local state
        for (fields,) in door.execute("SELECT fields FROM changes"):
            assert pin.UNLOCK_LOCAL_KEY not in fields
        # nothing about it in the organizer's file
        assert not org.execute(
            "SELECT 1 FROM sync_local WHERE key = ?", (pin.UNLOCK_LOCAL_KEY,)
        ).fetchone()
    finally:
        door.close()
    desk_made = provision.provision(
        org, org_stations.root / "desk.checkin", clock, station_name="접수", role="desk"
    )
    assert desk_made.unlock_code == "" and "unlock_code" not in desk_made.to_json()


def test_wrong_unlock_codes_lock_entry_like_wrong_pins(org_stations):
    clock = org_stations.clock
    made = door_package(org_stations)
    door = open_event_file(made.path)
    try:
        for _ in range(pin.FAILURES_BEFORE_LOCK):
            assert not pin.check_pin(door, clock, "AAAA-AAAA-AAAA").ok
        locked = pin.check_pin(door, clock, made.unlock_code)
        assert locked.locked and not locked.ok  # even the right code waits
        clock.advance(pin.LOCK_STEPS_MS[0] + 1)
        assert pin.check_pin(door, clock, made.unlock_code).ok
    finally:
        door.close()


def test_the_sealed_setting_opens_only_with_the_signing_key(org_stations):
    org, clock = org_stations.org, org_stations.clock
    pin.set_pin(org, clock, PIN)
    value = settings_mod.load(org).extra[pin.SETTING_KEY]
    assert value["scheme"] == pin.SEALED_SCHEME and "salt" not in value and "hash" not in value
    with org.read() as conn:
        assert pin.check_hash(pin.unseal(conn, value), PIN)
        tampered = {**value, "sealed": "00" + value["sealed"][2:]}
        assert pin.unseal(conn, tampered) is None
    assert pin.verify_pin(org, PIN) and not pin.verify_pin(org, "2469")


def test_sync_provision_shows_the_code_once_and_it_works_on_the_command_line(
    org_stations, tmp_path, capsys, monkeypatch
):
    from checkin.cli import main

    org = org_stations.org
    pin.set_pin(org, org_stations.clock, PIN)
    org_path = str(org.path)
    org.close()
    door = str(tmp_path / "door2.checkin")
    args = ["sync", "provision", org_path, door, "--station", "2번 출입구", "--role", "scan-only"]
    assert main([*args, "--no-personal", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    line = next(x for x in text.splitlines() if x.startswith("Kiosk unlock code: "))
    code = line.split(": ", 1)[1].split()[0]
    assert len(pin.clean_unlock_code(code)) == 12 and "shown only now" in line
    assert main([*args[:3], str(tmp_path / "door3.checkin"), *args[4:], "--lang", "ko"]) == 0
    assert "키오스크 잠금 해제 코드: " in capsys.readouterr().out
    out = str(tmp_path / "door.csv")
    export = ["export", door, "--reason", "door", "--out", out, "--json"]
    monkeypatch.setenv("DOOR_CODE", PIN)  # the organizer PIN does not open a door kiosk
    assert main([*export, "--pin-env", "DOOR_CODE"]) == 3
    capsys.readouterr()
    monkeypatch.setenv("DOOR_CODE", code)
    assert main([*export, "--pin-env", "DOOR_CODE"]) == 0
    assert Path(out).exists()


def test_through_the_hub_too_the_door_holds_no_verifier(org_stations, hub_url):
    from checkin.sync import hub

    org, clock = org_stations.org, org_stations.clock
    set_clear_pin(org, clock, "1357")  # an older version's clear hash, on the hub too
    made = door_package(org_stations)
    desk = org_stations.add("desk", "접수 1")
    door = open_event_file(made.path)
    try:
        clock.advance(1000)
        pin.set_pin(org, clock, PIN)
        for ef in (org, desk, door, org, door, desk):
            hub.sync_hub(ef, hub_url, clock)
            clock.advance(1000)
        assert pin.verify_pin(desk, PIN)
        assert pin.verify_pin(door, made.unlock_code) and not pin.verify_pin(door, PIN)
    finally:
        door.close()
    assert_no_verifier(made.path, pin_hashes(org))
