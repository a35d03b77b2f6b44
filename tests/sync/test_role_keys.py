"""Each station holds only the keys its role needs (issue 21), tried as an attacker would.

For every role, the station's file is opened with its passphrase and every key in it
is taken out: every value of its ``secrets`` table and any other 32-byte value or
64-digit hex text anywhere in the file. Every derivation the app knows is applied to
each of them (each taken as the event key, the sync secret, a door or a bare secret).
With all of that, every bundle kind (the organizer's full bundle, a desk's, the
organizer's door and bare bundles, a door kiosk's) and every hub payload (the sealed
rows in each view, and the rows pushed before views) is tried with every key. What
opens is compared with what the role may see.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import psycopg
import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sync_support import EVENT_MORNING_MS, Stations

from checkin.cli import main
from checkin.clock import FixedClock
from checkin.db.eventfile import _driver, open_event_file
from checkin.door.engine import CheckinEngine
from checkin.people import attendees
from checkin.sync import bundle, hub, hub_rows, keys, provision
from checkin.sync.keys import View
from consents import everything

PASS = "organizer passphrase 1"
# one value per field, found nowhere else
MARKERS = {
    "full_name": ["실명표지홍길동", "워크인실명표지"],
    "phone": ["010-7777-1234", "010-3333-9999"],
    "email": ["secret.mark@example.org", "walkin.mark@example.org"],
    "notes": ["메모표지가족연락금지", "워크인메모표지"],
    "external_id": ["EXT-MARK-98765", "EXT-MARK-55555"],
    "access_needs": ["휠체어표지", "수어통역표지"],
    "organization": ["소속표지새터", "워크인소속표지"],
}
NAMES = ["표시이름하나", "워크인표시이름"]  # badge names: every station sees them
HIDDEN = ("full_name", "phone", "email", "notes", "external_id")  # never on a door kiosk


@pytest.fixture
def world(tmp_path, hub_url):
    clock = FixedClock(EVENT_MORNING_MS)
    made = Stations(tmp_path, clock, passphrase=PASS)
    org = made.org
    person = attendees.add_attendee(
        org, clock, display_name=NAMES[0], category="defector",
        **{field: values[0] for field, values in MARKERS.items()}, consents=everything(),
    )  # fmt: skip
    desk = made.add("desk", "접수")
    door = made.add("door", "출입구", role="scan-only")
    bare = made.add("bare", "2번 출입구", role="scan-only", personal=False)
    attendees.add_attendee(
        desk, clock, display_name=NAMES[1], category="guest",
        **{field: values[1] for field, values in MARKERS.items()}, consents=everything(),
    )  # fmt: skip
    CheckinEngine(door, clock).check_in(person.id, method="search")
    out = tmp_path / "bundles"
    out.mkdir()
    paths = {
        "org_full": out / "org-full.ckbundle",
        "desk_full": out / "desk-full.ckbundle",
        "org_door": out / "org-door.ckbundle",
        "org_bare": out / "org-bare.ckbundle",
        "door_out": out / "door.ckbundle",
    }
    bundle.export_bundle(org, paths["org_full"], clock, full=True)
    bundle.export_bundle(desk, paths["desk_full"], clock, full=True)
    bundle.import_bundle(org, paths["desk_full"], clock)  # the walk-in reaches the organizer
    bundle.export_bundle(org, paths["org_door"], clock, full=True, view=View.DOOR)
    bundle.export_bundle(org, paths["org_bare"], clock, full=True, view=View.BARE)
    bundle.export_bundle(door, paths["door_out"], clock, full=True)
    for ef in (org, desk, door, bare, org):
        hub.sync_hub(ef, hub_url, clock)
    made.bundles = paths
    made.hub_url = hub_url
    yield made
    made.close()


# --- what an attacker holding one file can do -------------------------------------


def _cells(path: Path) -> list[object]:
    with open_event_file(path, PASS) as ef:
        conn = ef.conn
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return [
            value for t in tables for row in conn.execute(f'SELECT * FROM "{t}"') for value in row
        ]


def secrets_of(path: Path) -> set[bytes]:
    """Every key the file holds: 32 and 64-byte values and 64-digit hex anywhere in it."""
    found: set[bytes] = set()
    for value in _cells(path):
        if isinstance(value, bytes) and len(value) in (32, 64):
            found.add(value[:32])
        elif isinstance(value, str):
            found.update(bytes.fromhex(h) for h in re.findall(r"[0-9a-f]{64}", value))
    return found


def keys_from(secrets: set[bytes], event_id: str) -> set[bytes]:
    """Every key the app would derive from those secrets, each taken in every role."""
    out = set(secrets)
    for secret in secrets:
        for name in ("signing_key", "sync_secret", keys.DOOR_SECRET, keys.BARE_SECRET):
            conn = sqlite3.connect(":memory:")
            conn.execute("CREATE TABLE event (event_id TEXT)")
            conn.execute("INSERT INTO event VALUES (?)", (event_id,))
            conn.execute("CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB)")
            conn.execute("INSERT INTO secrets VALUES (?, ?)", (name, secret))
            for view in View:
                for purpose in ("bundle", "hub"):
                    key = keys.payload_key(conn, purpose, view)
                    if key is not None:
                        out.add(key)
            conn.close()
    return out


def open_bundle(path: Path, key: bytes) -> str | None:
    """The whole bundle as text, if ``key`` opens it."""
    conn = _driver.connect(":memory:")
    try:
        conn.execute("ATTACH DATABASE ? AS b KEY ?", (f"{path.resolve().as_uri()}?mode=ro",
                                                      f"x'{key.hex()}'"))  # fmt: skip
        tables = [r[0] for r in conn.execute("SELECT name FROM b.sqlite_master WHERE type='table'")]
    except Exception:
        return None
    text = [repr(tuple(r)) for t in tables for r in conn.execute(f'SELECT * FROM b."{t}"')]
    conn.close()
    return "\n".join(text)


def hub_payloads(hub_url: str) -> list[tuple[str, bytes, bytes]]:
    """(what, row place, payload) of every payload on the hub, in every column."""
    out = []
    with psycopg.connect(hub_url) as pg:
        event_id = pg.execute("SELECT event_id FROM checkin_hub_event").fetchone()[0]
        for log_name, station_id, seq, *payloads in pg.execute(
            "SELECT log, station_id, seq, full_payload, door_payload, bare_payload "
            "FROM checkin_hub_sealed"
        ):
            aad = hub_rows.aad(event_id, log_name, station_id, seq)
            for column, payload in zip(("full", "door", "bare"), payloads, strict=True):
                if payload is not None:
                    out.append((column, aad, bytes(payload)))
        for log_name, station_id, seq, payload in pg.execute(
            "SELECT log, station_id, seq, payload FROM checkin_hub_row"
        ):
            out.append(
                ("legacy", hub_rows.aad(event_id, log_name, station_id, seq), bytes(payload))
            )
    return out


def open_payload(aad: bytes, payload: bytes, key: bytes) -> bytes | None:
    opened = hub_rows.unwrap(payload) or hub_rows.unwrap(payload, hub_rows.SIGNED)
    if opened is None:
        return None
    sealed = opened[1]
    for nonce, body, extra in ((sealed[:12], sealed[12:], (b"|full", b"|door", b"|bare")),
                               (sealed[1:13], sealed[13:], (b"",))):  # fmt: skip
        for suffix in extra:
            try:
                return AESGCM(key).decrypt(nonce, body, aad + suffix)
            except Exception:
                continue
    return None


def reach(made, station: str) -> dict[str, object]:
    """Everything the file of ``station`` opens: its own rows, bundles, hub payloads."""
    path = made.files[station].path
    event_id = made.org.conn.execute("SELECT event_id FROM event").fetchone()[0]
    candidates = keys_from(secrets_of(path), event_id)
    opened: dict[str, str] = {}
    for name, bundle_path in made.bundles.items():
        for key in candidates:
            text = open_bundle(bundle_path, key)
            if text is not None:
                opened[name] = text
                break
    columns: set[str] = set()
    plain = []
    for column, aad, payload in hub_payloads(made.hub_url):
        for key in candidates:
            text = open_payload(aad, payload, key)
            if text is not None:
                columns.add(column)
                plain.append(text.decode())
                break
    own = "\n".join(repr(v) for v in _cells(path))
    return {"bundles": opened, "hub_columns": columns, "hub": "\n".join(plain), "file": own}


def seen(text: str, fields: tuple[str, ...] | list[str]) -> set[str]:
    return {f for f in fields for value in MARKERS[f] if value in text}


# --- per role ------------------------------------------------------------------------


def test_a_kiosk_without_personal_fields_reaches_nothing_personal(world):
    got = reach(world, "bare")
    assert sorted(got["bundles"]) == ["door_out", "org_bare"]
    assert got["hub_columns"] == {"bare"}
    everything = "\n".join([got["file"], got["hub"], *got["bundles"].values()])
    assert seen(everything, list(MARKERS)) == set()
    # what a door needs is there: badge names, its own and the others' check-ins
    assert all(name in got["bundles"]["org_bare"] and name in got["hub"] for name in NAMES)


def test_a_scan_only_kiosk_reaches_only_what_a_door_shows(world):
    got = reach(world, "door")
    assert sorted(got["bundles"]) == ["door_out", "org_bare", "org_door"]
    assert got["hub_columns"] == {"door", "bare"}
    everything = "\n".join([got["file"], got["hub"], *got["bundles"].values()])
    assert seen(everything, HIDDEN) == set()
    # organizations and access needs: the door shows them (a wheelchair, an interpreter)
    assert seen(got["bundles"]["org_door"], ["organization", "access_needs"]) == {
        "organization", "access_needs"}  # fmt: skip
    assert seen(got["hub"], ["organization", "access_needs"]) == {"organization", "access_needs"}
    assert all(name in got["hub"] for name in NAMES)


@pytest.mark.parametrize("station", ["desk", "org"])
def test_desks_and_the_organizer_read_every_bundle_and_hub_row(world, station):
    got = reach(world, station)
    assert sorted(got["bundles"]) == sorted(world.bundles)
    assert got["hub_columns"] == {"full", "door", "bare"}
    assert seen(got["bundles"]["org_full"], list(MARKERS)) == set(MARKERS)
    assert seen(got["hub"], list(MARKERS)) == set(MARKERS)


def test_no_station_package_holds_the_event_key_or_the_organizers_key(world):
    with world.org.read() as conn:
        event_key = conn.execute("SELECT value FROM secrets WHERE name = 'signing_key'").fetchone()
        root = conn.execute("SELECT value FROM secrets WHERE name = 'station_key'").fetchone()
        sync_secret = keys.secret(conn, View.FULL)
        door_secret = keys.secret(conn, View.DOOR)
    for station in ("desk", "door", "bare"):
        held = secrets_of(world.files[station].path)
        assert bytes(event_key[0]) not in held and bytes(root[0])[:32] not in held
        assert (sync_secret in held) is (station == "desk")
        assert (door_secret in held) is (station == "door")
        names = {r[0] for r in world.files[station].conn.execute("SELECT name FROM secrets")}
        assert (
            names
            == {
                "desk": {"sync_secret", "pin_seal_key", "station_key"},
                "door": {keys.DOOR_SECRET, "station_key"},
                "bare": {keys.BARE_SECRET, "station_key"},
            }[station]
        )


# --- files made before per-role keys ---------------------------------------------------


def test_an_old_kiosk_file_with_the_sync_secret_is_named_and_provisioning_again_fixes_it(
    world, tmp_path, capsys, monkeypatch
):
    door = world.files["bare"]
    with world.org.read() as conn:
        secret = keys.secret(conn, View.FULL)
    with door.write() as conn:  # what versions before per-role keys gave every kiosk
        conn.execute("INSERT INTO secrets (name, value) VALUES ('sync_secret', ?)", (secret,))
    got = reach(world, "bare")
    assert seen(got["bundles"]["org_full"], list(MARKERS)) == set(MARKERS)  # why it matters
    with door.read() as conn:
        assert keys.legacy_warning(conn) is not None
    path = str(door.path)
    door.close()
    monkeypatch.setenv("CHECKIN_TEST_PASS", PASS)
    code = main(["sync", "status", path, "--passphrase-env", "CHECKIN_TEST_PASS", "--lang", "ko"])
    text = capsys.readouterr().out
    assert code == 0 and "동기화 비밀 키" in text and "다시 준비" in text
    code = main(["sync", "status", path, "--passphrase-env", "CHECKIN_TEST_PASS", "--json"])
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert data["key_warning"]["en"].startswith("This scan-only kiosk")
    assert data["keys"]["legacy_sync_secret"] is True and "sync_secret" in data["keys"]["secrets"]
    again = provision.provision(world.org, tmp_path / "again.checkin", world.clock,
                                station_name="2번 출입구 (새)", role="scan-only", personal=False,
                                passphrase=PASS)  # fmt: skip
    with open_event_file(again.path, PASS) as ef, ef.read() as conn:
        assert keys.legacy_warning(conn) is None
        assert keys.holdings(conn)["view"] == "bare"


def test_an_old_desk_file_with_the_event_key_is_named(tmp_path, capsys):
    """Desks provisioned before per-role keys hold the event key (they minted format-1
    badges with it): status says so and how to fix it; a desk provisioned now does not."""
    clock = FixedClock(EVENT_MORNING_MS)
    made = Stations(tmp_path, clock)
    try:
        desk = made.add("desk", "접수")
        with desk.read() as conn:
            assert keys.legacy_warning(conn) is None
            assert keys.holdings(conn)["legacy_event_key"] is False
        with made.org.read() as conn:
            event_key = conn.execute("SELECT value FROM secrets WHERE name = 'signing_key'")
            event_key = event_key.fetchone()[0]
        with desk.write() as conn:  # what versions before per-role keys gave every desk
            conn.execute(
                "INSERT INTO secrets (name, value) VALUES ('signing_key', ?)", (event_key,)
            )
        with desk.read() as conn:
            en, ko = keys.legacy_warning(conn)
            assert en.startswith("This desk") and "retire" in en
            assert "명찰 서명 키" in ko and "다시 준비" in ko
            held = keys.holdings(conn)
            assert held["legacy_event_key"] is True and held["legacy_sync_secret"] is False
        path = str(desk.path)
        desk.close()
        assert main(["sync", "status", path, "--json"]) == 0
        data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        assert data["key_warning"]["en"].startswith("This desk")
        # the organizer's own file holds the event key by right: no warning there
        with made.org.read() as conn:
            assert keys.legacy_warning(conn) is None
    finally:
        made.close()
